import type { Page } from 'playwright-core';
import { log } from '../lib/log';
import { until } from '../lib/wait';
import { waitForQuickInputToMoveOn, waitForQuickInputValue } from './quick-input-state';
import { SEL } from './selectors';
import { escapeRegExp } from './workbench-page';

/** Rows of the open quick pick, as shown. */
export async function quickPickItems(page: Page, timeoutMs = 10_000): Promise<string[]> {
  await page.locator(SEL.quickInputRow).first().waitFor({ state: 'visible', timeout: timeoutMs });
  return (await page.locator(SEL.quickInputRow).allInnerTexts()).map((t) => t.trim());
}

/** Labels of the open quick pick's rows, without their descriptions and details. */
export async function quickPickLabels(page: Page): Promise<string[]> {
  return (await page.locator(`${SEL.quickInputRow} .label-name`).allInnerTexts()).map((t) => t.trim());
}

/** Chooses the row of the open quick pick whose label is `label` (a `showQuickPick` answer). */
export async function pickQuickItem(page: Page, label: string, timeoutMs = 10_000): Promise<void> {
  const input = page.locator(SEL.quickInputBox);
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(label);
  const row = page.locator(SEL.quickInputRow).filter({ hasText: new RegExp(`^${escapeRegExp(label)}`) }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs }).catch(async (e: Error) => {
    const seen = await page.locator(SEL.quickInputRow).allInnerTexts();
    throw new Error(`no quick pick item "${label}" (rows: ${JSON.stringify(seen)}): ${e.message.split('\n')[0]}`);
  });
  await row.click();
  await waitForQuickInputToMoveOn(page, label, `choosing "${label}"`, timeoutMs);
}

const ENTER_AGAIN_AFTER_MS = 2_000;

/**
 * Answers a save dialog (`showSaveDialog` with a default file name). In the browser VS Code shows its
 * own "simple" file dialog, a quick input holding a path: it opens on the folder ("/…/folder/"), lists
 * it, and only then appends the default file name. A path typed before that is overwritten, so the
 * helper waits for the file name to appear, then replaces the whole path. If the file exists, the same
 * quick input asks to overwrite it, and the helper confirms.
 */
export async function answerSaveDialog(page: Page, absPath: string, timeoutMs = 10_000): Promise<void> {
  const input = page.locator(SEL.quickInputBox);
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await waitForQuickInputValue(page, /^\/.*[^/]$/, timeoutMs).catch(async (e: Error) => {
    const value = await input.inputValue().catch(() => '');
    throw new Error(`no save dialog with a default file name appeared (input: "${value}"): ${e.message.split('\n')[0]}`);
  });
  await input.fill(absPath);
  await waitForQuickInputValue(page, new RegExp(`^${escapeRegExp(absPath)}$`), timeoutMs);
  const widget = page.locator(SEL.quickInput);
  const overwrite = widget.filter({ hasText: /already exists/ });
  // Enter is ignored while the dialog is still listing the folder of the path just typed; press it
  // again when nothing happened for a while and the input still holds the path.
  let pressedAt = 0;
  const outcome = await until(
    `the save dialog to accept ${absPath}`,
    async () => {
      if (!(await widget.isVisible())) return 'saved' as const;
      if (await overwrite.isVisible()) return 'overwrite?' as const;
      if (Date.now() - pressedAt > ENTER_AGAIN_AFTER_MS && (await input.inputValue().catch(() => '')) === absPath) {
        if (pressedAt > 0) log(`  the save dialog ignored Enter; pressing it again`);
        await input.press('Enter');
        pressedAt = Date.now();
      }
      return undefined;
    },
    async () => `it shows "${(await widget.innerText().catch(() => '')).trim()}"`,
    { timeoutMs },
  );
  if (outcome === 'overwrite?') {
    await input.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: timeoutMs });
  }
}
