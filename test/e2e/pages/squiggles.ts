import type { Page } from 'playwright-core';
import { until } from '../lib/wait';
import { SEL, type Severity } from './selectors';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Squiggle {
  severity: Severity;
  box: Box;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info', 'hint'];

interface Rect {
  getBoundingClientRect(): Box;
}

/**
 * Squiggles drawn in the active editor, top to bottom, optionally of one severity. Read in one call in
 * the page: squiggles come and go as diagnostics update, and a per-element query would wait for one
 * that has just gone.
 */
export async function squiggles(page: Page, severity?: Severity): Promise<Squiggle[]> {
  const found: Squiggle[] = [];
  for (const s of severity ? [severity] : SEVERITIES) {
    const boxes = await page.locator(`${SEL.editor} ${SEL.squiggle(s)}`).evaluateAll((els: Rect[]) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
    for (const box of boxes) if (box.width > 0) found.push({ severity: s, box });
  }
  return found.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
}

/** Waits until at least `count` squiggles of `severity` are drawn, and returns them. */
export function waitForSquiggles(page: Page, severity: Severity, count = 1, timeoutMs?: number): Promise<Squiggle[]> {
  return until(
    `${count} ${severity} squiggle(s)`,
    async () => {
      const list = await squiggles(page, severity);
      return list.length >= count ? list : undefined;
    },
    async () => JSON.stringify((await squiggles(page)).map((s) => s.severity)),
    { timeoutMs },
  );
}

/** Waits until no squiggle of `severity` is drawn. */
export async function waitForNoSquiggles(page: Page, severity: Severity, timeoutMs?: number): Promise<void> {
  await until(
    `no ${severity} squiggles`,
    async () => ((await squiggles(page, severity)).length === 0 ? true : undefined),
    async () => `${(await squiggles(page, severity)).length} left`,
    { timeoutMs },
  );
}

export function center(box: Box): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

interface ViewLineEl extends Rect {
  textContent: string | null;
}

/** The box of the first rendered line of the active editor whose text includes `text`. */
export async function lineBox(page: Page, text: string): Promise<Box | undefined> {
  const lines = await page.locator(`${SEL.editor} ${SEL.editorLines} .view-line`).evaluateAll((els: ViewLineEl[]) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { text: (el.textContent ?? '').replace(/\u00a0/g, ' '), box: { x: r.x, y: r.y, width: r.width, height: r.height } };
    }),
  );
  return lines.find((l) => l.text.includes(text))?.box;
}

/**
 * Waits for a squiggle (of `severity`, or any) on the rendered line that includes `lineText`, e.g.
 * `"lodash"`: picks a dependency's squiggle by its line, not by its position in the list.
 */
export function waitForSquiggleOn(page: Page, lineText: string, severity?: Severity, timeoutMs?: number): Promise<Squiggle> {
  const find = async (): Promise<Squiggle | undefined> => {
    const line = await lineBox(page, lineText);
    if (!line) return undefined;
    return (await squiggles(page, severity)).find((s) => {
      const y = s.box.y + s.box.height / 2;
      return y >= line.y && y <= line.y + line.height;
    });
  };
  return until(
    `a ${severity ?? 'any'} squiggle on the line with ${JSON.stringify(lineText)}`,
    find,
    async () => {
      const line = await lineBox(page, lineText);
      const all = (await squiggles(page)).map((s) => `${s.severity}@${Math.round(s.box.y)}`);
      return `line ${line ? `at y=${Math.round(line.y)}` : 'not rendered'}; squiggles ${JSON.stringify(all)}`;
    },
    { timeoutMs },
  );
}

interface TokenDom {
  document: {
    createRange(): { setStart(n: unknown, o: number): void; setEnd(n: unknown, o: number): void; getBoundingClientRect(): Box };
  };
}
interface SpanEl {
  textContent: string | null;
  firstChild: unknown;
}
interface LineEl extends ViewLineEl {
  querySelectorAll(s: string): ArrayLike<SpanEl>;
}

/**
 * The box of `token` on the first rendered line of the active editor that includes `lineText`, for
 * hovering text that carries no squiggle (e.g. a dependency without findings). The token must lie
 * within one rendered span (Monaco splits lines by syntax token).
 */
export async function tokenBox(page: Page, lineText: string, token: string): Promise<Box | undefined> {
  const boxes = await page.locator(`${SEL.editor} ${SEL.editorLines} .view-line`).evaluateAll(
    (lines: LineEl[], [want, tok]) => {
      const line = lines.find((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').includes(want));
      if (!line) return [];
      for (const span of Array.from(line.querySelectorAll('span > span'))) {
        const text = (span.textContent ?? '').replace(/\u00a0/g, ' ');
        const at = text.indexOf(tok);
        if (at < 0 || !span.firstChild) continue;
        const range = (globalThis as unknown as TokenDom).document.createRange();
        range.setStart(span.firstChild, at);
        range.setEnd(span.firstChild, at + tok.length);
        const r = range.getBoundingClientRect();
        return [{ x: r.x, y: r.y, width: r.width, height: r.height }];
      }
      return [];
    },
    [lineText, token] as const,
  );
  return boxes[0];
}
