import type { Page } from 'playwright-core';
import { waitForQuickInputToMoveOn } from './quick-input-state';
import { SEL } from './selectors';
import { escapeRegExp } from './workbench-page';

/**
 * Runs a command from the palette (F1) by its full title as the palette shows it, e.g.
 * "Chainsight: Show Report". Only an exact title match runs, so a renamed command fails loudly.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 15_000): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator(SEL.quickInputBox);
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(`>${title}`);
  const row = page.locator(SEL.quickInputRow).filter({ hasText: new RegExp(`^${escapeRegExp(title)}`) }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs }).catch(async (e: Error) => {
    const seen = await page.locator(SEL.quickInputRow).allInnerTexts();
    throw new Error(`no palette command "${title}" (rows: ${JSON.stringify(seen)}): ${e.message.split('\n')[0]}`);
  });
  await row.click();
  await waitForQuickInputToMoveOn(page, `>${title}`, `running "${title}"`, timeoutMs);
}
