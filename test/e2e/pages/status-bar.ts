import type { Page } from 'playwright-core';
import { until } from '../lib/wait';
import { SEL } from './selectors';

/** Texts of all status-bar items, as shown (icons are rendered as glyphs and dropped by innerText). */
export async function statusItems(page: Page): Promise<string[]> {
  const texts = await page.locator(SEL.statusItem).allInnerTexts();
  return texts.map((t) => t.trim()).filter((t) => t.length > 0);
}

/**
 * Waits for a status-bar item whose text satisfies `accept` and returns that text: the readiness signal
 * (Chainsight shows an item starting with "Chainsight" once its server reports ready).
 */
export function waitForStatusItem(page: Page, what: string, accept: (text: string) => boolean, timeoutMs?: number): Promise<string> {
  return until(
    `a status-bar item: ${what}`,
    async () => (await statusItems(page)).find(accept),
    async () => JSON.stringify(await statusItems(page)),
    { timeoutMs },
  );
}

/** Clicks the first status-bar item whose text satisfies `accept`. */
export async function clickStatusItem(page: Page, what: string, accept: (text: string) => boolean): Promise<void> {
  const text = await waitForStatusItem(page, what, accept);
  await page.locator(SEL.statusItem).filter({ hasText: text }).first().click();
}

interface StatusDom {
  document: { getElementById(id: string): (StatusNode & { querySelectorAll(s: string): ArrayLike<StatusNode> }) | null };
  MutationObserver: new (cb: () => void) => { observe(target: unknown, options: Record<string, boolean>): void; disconnect(): void };
}
interface StatusNode {
  innerText: string;
}
const RECORDER = '__chainsightE2eStatusTexts';

/**
 * Starts recording, in the page, every text that a status item starting with `prefix` shows, in order
 * (a MutationObserver on the status bar): transient states such as "starting…" last a few milliseconds,
 * too short to be caught by polling. Returns a function that reads what was recorded so far.
 */
export async function recordStatusTexts(page: Page, prefix: string): Promise<() => Promise<string[]>> {
  await page.evaluate(
    ([key, start]) => {
      const g = globalThis as unknown as StatusDom & Record<string, unknown>;
      const bar = g.document.getElementById('workbench.parts.statusbar');
      if (!bar) throw new Error('no status bar');
      const texts: string[] = [];
      const read = (): void => {
        for (const item of Array.from(bar.querySelectorAll('.statusbar-item'))) {
          const t = item.innerText.trim();
          if (t.startsWith(start) && texts[texts.length - 1] !== t) texts.push(t);
        }
      };
      read();
      new g.MutationObserver(read).observe(bar, { subtree: true, childList: true, characterData: true, attributes: true });
      g[key] = texts;
    },
    [RECORDER, prefix] as const,
  );
  return () => page.evaluate((key) => [...((globalThis as unknown as Record<string, string[]>)[key] ?? [])], RECORDER);
}

/** Hovers the first status item whose text satisfies `accept` and returns its tooltip's text. */
export async function statusTooltip(page: Page, what: string, accept: (text: string) => boolean, timeoutMs?: number): Promise<string> {
  const text = await waitForStatusItem(page, what, accept, timeoutMs);
  const item = page.locator(SEL.statusItem).filter({ hasText: text }).first();
  const tooltip = page.locator(SEL.tooltip).first();
  let entered = 0;
  return until(
    `the tooltip of the status item "${text}"`,
    async () => {
      if (!(await tooltip.isVisible())) {
        // A tooltip shows after a delay once the mouse enters the item; if none came, leave and re-enter.
        if (Date.now() - entered > 2_000) {
          await page.mouse.move(1, 1);
          await item.hover();
          entered = Date.now();
        }
        return undefined;
      }
      // Markdown tooltips keep their spaces as no-break spaces.
      const t = (await tooltip.innerText()).replace(/\u00a0/g, ' ').trim();
      return t.length > 0 ? t : undefined;
    },
    async () => (await tooltip.isVisible()) ? await tooltip.innerText() : 'no tooltip',
    { timeoutMs: 10_000 },
  );
}
