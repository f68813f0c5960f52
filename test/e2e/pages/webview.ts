import type { Frame, Page } from 'playwright-core';
import { until } from '../lib/wait';
import type { DomNode } from './dom';

/**
 * Webviews are two iframes deep: the workbench's `iframe.webview` loads VS Code's host page, which puts
 * the extension's HTML into an inner iframe whose element id becomes `active-frame` once loaded (its
 * frame name stays "pending-frame", so the id is what tells). Frames are picked by content, not by
 * position, so a report opened beside another webview is still found.
 */
async function contentFrames(page: Page): Promise<Frame[]> {
  const found: Frame[] = [];
  for (const frame of page.frames()) {
    if (!frame.parentFrame()?.url().includes('/webview/')) continue;
    const id = await frame
      .frameElement()
      .then((el) => el.getAttribute('id'))
      .catch(() => null);
    if (id === 'active-frame') found.push(frame);
  }
  return found;
}

async function bodyText(frame: Frame): Promise<string | undefined> {
  // A frame being replaced (the webview reloads its HTML) has no body for a moment.
  return frame.locator('body').innerText({ timeout: 1_000 }).catch(() => undefined);
}

async function allBodyTexts(page: Page): Promise<string[]> {
  const texts: string[] = [];
  for (const frame of await contentFrames(page)) texts.push((await bodyText(frame)) ?? '(no body)');
  return texts;
}

/** The frame of the first webview whose body text satisfies `accept`, for reading its structure. */
export function waitForWebview(page: Page, what: string, accept: (text: string) => boolean, timeoutMs?: number): Promise<Frame> {
  return until(
    `a webview: ${what}`,
    async () => {
      for (const frame of await contentFrames(page)) {
        const text = await bodyText(frame);
        if (text !== undefined && accept(text)) return frame;
      }
      return undefined;
    },
    async () => JSON.stringify(await allBodyTexts(page)),
    { timeoutMs },
  );
}

/** The body text of the first webview whose text satisfies `accept`. */
export async function waitForWebviewText(page: Page, what: string, accept: (text: string) => boolean, timeoutMs?: number): Promise<string> {
  const frame = await waitForWebview(page, what, accept, timeoutMs);
  return (await bodyText(frame)) ?? '';
}

/** Table rows of a webview frame as arrays of trimmed cell texts (header rows included). */
export function tableRows(frame: Frame, selector = 'table tr'): Promise<string[][]> {
  return frame
    .locator(selector)
    .evaluateAll((rows: DomNode[]) => rows.map((r) => Array.from(r.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())));
}
