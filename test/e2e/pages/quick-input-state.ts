import type { Page } from 'playwright-core';
import { SEL } from './selectors';

interface QuickInputDom {
  document: { querySelector(s: string): { value?: string; offsetParent: unknown } | null };
}

/**
 * Waits until the quick input no longer shows what we typed into it: it closed, or the command opened
 * its own quick pick or input box in the same widget. Without this, the next helper would act on the
 * old picker while it closes, and its answer would be overwritten when the new one appears.
 */
export async function waitForQuickInputToMoveOn(page: Page, typed: string, what: string, timeoutMs: number): Promise<void> {
  await page
    .waitForFunction(
      ([widgetSel, inputSel, value]) => {
        const doc = (globalThis as unknown as QuickInputDom).document;
        const widget = doc.querySelector(widgetSel);
        return !widget || widget.offsetParent === null || doc.querySelector(inputSel)?.value !== value;
      },
      [`${SEL.quickInput}:not(.quick-input-widget-closing)`, SEL.quickInputBox, typed] as const,
      { timeout: timeoutMs },
    )
    .catch((e: Error) => {
      throw new Error(`the quick input stayed on "${typed}" after ${what}: ${e.message.split('\n')[0]}`);
    });
}

/** Resolves once the quick input's value satisfies a predicate given as a regular expression source. */
export async function waitForQuickInputValue(page: Page, pattern: RegExp, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    ([inputSel, source, flags]) => {
      const value = (globalThis as unknown as QuickInputDom).document.querySelector(inputSel)?.value;
      return value !== undefined && new RegExp(source, flags).test(value);
    },
    [SEL.quickInputBox, pattern.source, pattern.flags] as const,
    { timeout: timeoutMs },
  );
}
