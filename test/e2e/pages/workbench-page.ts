import type { Page } from 'playwright-core';
import { SEL } from './selectors';

/**
 * Waits until the workbench is usable: the status bar is there and the explorer shows the folder's name,
 * which needs the connection to code-server's file system, not only the page.
 */
export async function waitForWorkbench(page: Page, folderName: string, timeoutMs = 60_000): Promise<void> {
  await page.locator(SEL.workbench).waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator(SEL.statusBar).waitFor({ state: 'visible', timeout: timeoutMs });
  await page
    .locator('.explorer-folders-view, .pane-header')
    .filter({ hasText: new RegExp(escapeRegExp(folderName), 'i') })
    .first()
    .waitFor({ state: 'visible', timeout: timeoutMs })
    .catch((e: Error) => {
      throw new Error(`the explorer never showed the folder "${folderName}": ${e.message.split('\n')[0]}`);
    });
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
