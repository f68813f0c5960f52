import type { Page } from 'playwright-core';
import { until } from '../lib/wait';
import { renderedText } from './editor-text';
import { MOD, SEL } from './selectors';

/** The active text editor. */
export class Editor {
  constructor(private readonly page: Page) {}

  get root(): ReturnType<Page['locator']> {
    return this.page.locator(SEL.editor).first();
  }

  /** The rendered text of the visible lines, in line order. */
  text(): Promise<string> {
    return renderedText(this.root);
  }

  async waitForText(what: string, accept: (text: string) => boolean, timeoutMs?: number): Promise<string> {
    return until(
      `editor text: ${what}`,
      async () => {
        const t = await this.text();
        return accept(t) ? t : undefined;
      },
      () => this.text(),
      { timeoutMs },
    );
  }

  /** Focuses the editor by clicking into its text, so key presses go there. */
  async focus(): Promise<void> {
    await this.root.locator(SEL.editorLines).click();
  }

  /** Ctrl+S, then waits until the tab no longer shows unsaved changes. */
  async save(timeoutMs = 10_000): Promise<void> {
    await this.page.keyboard.press(`${MOD}+S`);
    await this.page.locator(`${SEL.activeTab}:not(.dirty)`).waitFor({ state: 'visible', timeout: timeoutMs });
  }

  async selectAll(): Promise<void> {
    await this.focus();
    await this.page.keyboard.press(`${MOD}+A`);
  }
}
