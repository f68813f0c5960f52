import type { Page } from 'playwright-core';
import { log } from '../lib/log';
import { until } from '../lib/wait';
import type { DomNode } from './dom';
import { SEL } from './selectors';
import { center, type Box } from './squiggles';

export interface HoverMarker {
  /** The diagnostic message. */
  message: string;
  /** Source and code as the hover shows them, e.g. "json(516)". */
  source: string;
}

export interface HoverContent {
  /** The diagnostics under the mouse, as the hover shows them. */
  markers: HoverMarker[];
  /** Rendered markdown parts from hover providers (Chainsight's advisory text lands here). */
  markdown: string[];
  /** Everything above, joined with newlines, for `includes` checks. */
  text: string;
}

/** How long the mouse rests on the target with no hover before it comes again: well above `editor.hover.delay` (200 ms). */
const NUDGE_AFTER_MS = 1_500;
/** How long a hover may show without what the caller expects before the mouse comes again. */
const OUTDATED_AFTER_MS = 3_000;

async function readHover(page: Page): Promise<HoverContent> {
  const hover = page.locator(SEL.hover).first();
  // A marker row is <span>message</span><span>source(code)</span>, plus links for related information.
  const markers = await hover.locator('.marker.hover-contents').evaluateAll((rows: DomNode[]) =>
    rows.map((r) => {
      const spans = r.querySelectorAll(':scope > span');
      return { message: (spans[0]?.textContent ?? '').trim(), source: (spans[1]?.textContent ?? '').trim() };
    }),
  );
  const markdown = (await hover.locator('.rendered-markdown').allInnerTexts()).map((t) => t.trim());
  return { markers, markdown, text: [...markers.map((m) => m.message), ...markdown].join('\n') };
}

/** Where to hover: a box, or a function that finds it again (the layout may move while we wait). */
export type HoverTarget = Box | (() => Promise<Box>);

interface PointDom {
  document: { elementFromPoint(x: number, y: number): { className: string; textContent: string | null } | null };
}

/**
 * Moves the mouse onto `target` (a squiggle, a token) and returns the hover once it satisfies `accept`
 * (by default: not empty; providers answer at different times and the hover grows as they do). The first
 * move into the editor is sometimes taken as "entering" rather than hovering, so the mouse is moved
 * twice. When no hover has shown 1.5 s later, or one has shown for 3 s without satisfying `accept`, the
 * mouse leaves the editor and comes back (to the target found again, if `target` is a function): the
 * editor keeps its answer for as long as the mouse stays in the same word, even an empty or outdated one.
 */
export async function hoverAt(
  page: Page,
  target: HoverTarget,
  accept: (h: HoverContent) => boolean = (h) => h.text.length > 0,
  timeoutMs?: number,
): Promise<HoverContent> {
  const find = async (): Promise<{ x: number; y: number }> => center(typeof target === 'function' ? await target() : target);
  let p = await find();
  await page.mouse.move(p.x - 2, p.y);
  await page.mouse.move(p.x, p.y);
  let nudge = 1;
  let movedAt = Date.now();
  let reentries = 0;
  const reenter = async (why: string): Promise<void> => {
    reentries++;
    if (reentries === 1 || reentries % 5 === 0) log(`  ${why}; moving the mouse away and back (${reentries})`);
    nudge = -nudge;
    await page.mouse.move(1, 1);
    p = await find();
    await page.mouse.move(p.x - 2 * nudge, p.y);
    await page.mouse.move(p.x + nudge, p.y);
    movedAt = Date.now();
  };
  return until(
    'hover content',
    async () => {
      // Every move restarts the hover delay: move only when nothing came for a while, never at the
      // polling rate (which would keep the hover from ever showing on a busy machine).
      if (!(await page.locator(SEL.hover).first().isVisible())) {
        if (Date.now() - movedAt > NUDGE_AFTER_MS) await reenter(`no hover after ${NUDGE_AFTER_MS / 1000} s`);
        return undefined;
      }
      const h = await readHover(page);
      if (accept(h)) return h;
      if (Date.now() - movedAt > OUTDATED_AFTER_MS) await reenter('the hover still lacks what is expected');
      return undefined;
    },
    async () => {
      const under = await page
        .evaluate(([x, y]) => {
          const el = (globalThis as unknown as PointDom).document.elementFromPoint(x, y);
          return el ? `${el.className}: ${JSON.stringify((el.textContent ?? '').slice(0, 60))}` : 'nothing';
        }, [p.x, p.y] as const)
        .catch(() => '?');
      return `${JSON.stringify(await readHover(page).catch(() => 'no hover'))}; the mouse at (${Math.round(p.x)}, ${Math.round(p.y)}) is over ${under}`;
    },
    { timeoutMs },
  );
}

/** Closes any hover, so it does not cover what the next step clicks. */
export async function dismissHover(page: Page): Promise<void> {
  await page.mouse.move(1, 1);
  await page.keyboard.press('Escape');
  await page.locator(SEL.hover).first().waitFor({ state: 'hidden', timeout: 5_000 });
}
