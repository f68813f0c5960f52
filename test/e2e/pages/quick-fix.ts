import type { Page } from 'playwright-core';
import { until } from '../lib/wait';
import { runCommand } from './palette';
import { MOD, SEL } from './selectors';
import { center, type Box } from './squiggles';

/** Action rows only: the menu also has group headers ("Quick Fix", "More Actions..."). */
const ACTION = `${SEL.actionRow}.action`;

async function rowTitles(page: Page): Promise<string[]> {
  const rows = await page.locator(ACTION).allInnerTexts();
  return rows.map((t) => t.trim()).filter((t) => t.length > 0);
}

/**
 * Puts the cursor inside `box` (a squiggle) and opens the quick fix menu (Ctrl+.); returns its row titles
 * once at least one matches `accept`.
 */
export async function openQuickFix(page: Page, box: Box, accept: (title: string) => boolean = () => true, timeoutMs?: number): Promise<string[]> {
  const p = center(box);
  let pressed = 0;
  const open = async () => {
    await page.mouse.click(p.x, p.y);
    await page.keyboard.press(`${MOD}+.`);
    pressed = Date.now();
  };
  await open();
  return until(
    'quick fix menu',
    async () => {
      const titles = await rowTitles(page);
      if (titles.some(accept)) return titles;
      // A key press that lands while the editor is still taking focus (after a hover) opens nothing:
      // with no menu at all after a while, click and ask again. An open menu is left to fill.
      if (titles.length === 0 && Date.now() - pressed > 5_000) await open();
      return undefined;
    },
    async () => JSON.stringify(await rowTitles(page)),
    { timeoutMs },
  );
}

/** Chooses the row whose title equals `title` in the open quick fix menu, and waits for the menu to close. */
export async function chooseQuickFix(page: Page, title: string): Promise<void> {
  const titles = (await page.locator(ACTION).allInnerTexts()).map((t) => t.trim());
  const index = titles.indexOf(title);
  if (index < 0) throw new Error(`no quick fix "${title}"; the menu has ${JSON.stringify(titles)}`);
  await page.locator(ACTION).nth(index).click();
  await page.locator(SEL.actionRow).first().waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * Opens the Source Action menu of the active editor (palette: "Source Action...", what the editor's
 * context menu offers too) and returns its row titles once one matches `accept`: fix-all actions live
 * there, not in the light bulb.
 */
export async function openSourceActions(page: Page, accept: (title: string) => boolean = () => true, timeoutMs?: number): Promise<string[]> {
  await runCommand(page, 'Source Action...');
  return until(
    'source action menu',
    async () => {
      const titles = await rowTitles(page);
      return titles.some(accept) ? titles : undefined;
    },
    async () => JSON.stringify(await rowTitles(page)),
    { timeoutMs },
  );
}
