import { basename, dirname } from 'node:path';
import type { Page } from 'playwright-core';
import { MOD, SEL } from './selectors';
import { escapeRegExp } from './workbench-page';

/** Opens a workspace file through Quick Open (Ctrl+P), as a user would, and waits for its editor tab. */
export async function openFile(page: Page, relPath: string, timeoutMs = 15_000): Promise<void> {
  const name = basename(relPath);
  await page.keyboard.press(`${MOD}+P`);
  const input = page.locator(SEL.quickInputBox);
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(relPath);
  // The file search runs in code-server; the first row can still be a "recently opened" one until it answers.
  // Rows read "<name>" then "<folder>"; the folder tells apart files of the same name.
  const folder = dirname(relPath);
  let row = page.locator(SEL.quickInputRow).filter({ hasText: new RegExp(`^${escapeRegExp(name)}`) });
  if (folder !== '.') row = row.filter({ hasText: folder });
  row = row.first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
  await page
    .locator(SEL.activeTab)
    .filter({ hasText: new RegExp(`^${escapeRegExp(name)}`) })
    .waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator(SEL.editor).waitFor({ state: 'visible', timeout: timeoutMs });
}
