import { isDeepStrictEqual } from 'node:util';
import type { Page } from 'playwright-core';
import { readUserSettings, userSettingsPath } from '../lib/user-settings';
import { DEFAULT_TIMEOUT_MS, until } from '../lib/wait';
import type { BrowserGlobals } from './dom';
import { renderedText } from './editor-text';
import { runCommand } from './palette';
import { MOD, SEL } from './selectors';

/** VS Code 1.139 opens settings.json in a modal editor; older layouts in a tab of the editor area. */
const MODAL_EDITOR = '.modal-editor-part .monaco-editor';
const TAB_EDITOR = `${SEL.activeTab}[aria-label^="settings.json"]`;

/**
 * Changes a user setting while the workbench runs, the way a user does: through the Settings JSON editor.
 * Writing settings.json from outside is not enough: code-server reads it at start but does not apply
 * later outside writes (seen in 4.139; the same as openvscode-server#294). The whole new file is pasted
 * (typing JSON would be auto-indented and auto-closed), saved, and checked on disk. Callers then wait for
 * the effect (a status item, a diagnostic's severity): that is what proves the change arrived.
 * Other settings, the quiet defaults among them, are kept.
 */
export async function setUserSetting(page: Page, userDataDir: string, key: string, value: unknown): Promise<void> {
  const next = readUserSettings(userDataDir);
  if (value === undefined) delete next[key];
  else next[key] = value;
  const text = JSON.stringify(next, null, 2) + '\n';
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  const inModal = await Promise.race([
    page.locator(MODAL_EDITOR).first().waitFor({ state: 'visible', timeout: 15_000 }).then(() => true),
    page.locator(TAB_EDITOR).waitFor({ state: 'visible', timeout: 15_000 }).then(() => false),
  ]);
  const editorSel = inModal ? MODAL_EDITOR : SEL.editor;
  const editor = page.locator(editorSel).first();
  // Paste until the editor shows the new text. Keys go out only once this editor has focus: a reopened
  // editor takes focus late, and Ctrl+A Ctrl+V in the editor behind it would overwrite a workspace file.
  await until(
    'the settings editor to show the new settings',
    async () => {
      if (isDeepStrictEqual(parseOrUndefined(await renderedText(editor)), next)) return true;
      await editor.locator('.view-lines').click();
      await page.locator(`${editorSel}.focused`).first().waitFor({ state: 'visible', timeout: 2_000 });
      await page.evaluate((t) => (globalThis as unknown as BrowserGlobals).navigator.clipboard.writeText(t), text);
      await page.keyboard.press(`${MOD}+A`);
      await page.keyboard.press(`${MOD}+V`);
      return undefined;
    },
    () => renderedText(editor),
    { timeoutMs: 15_000 },
  );
  await page.keyboard.press(`${MOD}+S`);
  await until(
    `${userSettingsPath(userDataDir)} to hold ${key} = ${JSON.stringify(value)}`,
    () => (isDeepStrictEqual(readUserSettings(userDataDir), next) ? true : undefined),
    () => JSON.stringify(readUserSettings(userDataDir)),
    // The save goes through the remote file system; on 2 busy cores it has taken over 10 s.
    { timeoutMs: DEFAULT_TIMEOUT_MS },
  );
  if (inModal) {
    // The header's close button, not Escape: Escape goes to whatever has focus (a hover, a suggestion).
    await page.locator('.modal-editor-header .codicon-close').click();
    await page.locator('.monaco-modal-editor-block').waitFor({ state: 'hidden', timeout: 5_000 });
  } else {
    await runCommand(page, 'View: Close Editor');
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
