import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { README_SHOTS_DIR } from './lib/artifacts';
import { log } from './lib/log';
import { Editor } from './pages/editor';
import { dismissHover, hoverAt, type HoverContent, type HoverTarget } from './pages/hover';
import { waitForNotification, type Notification } from './pages/notifications';
import { runCommand } from './pages/palette';
import { answerSaveDialog, pickQuickItem, quickPickItems, quickPickLabels } from './pages/quick-input';
import { until } from './lib/wait';
import { Problems } from './pages/problems';
import { openFile } from './pages/quick-open';
import { chooseQuickFix, openQuickFix, openSourceActions } from './pages/quick-fix';
import type { Severity } from './pages/selectors';
import { setUserSetting } from './pages/settings';
import { squiggles, tokenBox, waitForNoSquiggles, waitForSquiggleOn, waitForSquiggles, type Box, type Squiggle } from './pages/squiggles';
import { recordStatusTexts, statusItems, statusTooltip, waitForStatusItem } from './pages/status-bar';
import { isRestricted, trustWorkspace, waitForRestricted } from './pages/trust';
import { tableRows, waitForWebview, waitForWebviewText } from './pages/webview';
import { WorkspaceFiles } from './pages/workspace-files';
import type { Workbench } from './workbench';

/**
 * The window size README screenshots are taken at: small enough that the workbench's text stays
 * readable when GitHub scales the image to the README's width, large enough for a hover beside the code.
 */
export const README_WINDOW = { width: 1200, height: 750 } as const;

export interface HelperOptions {
  /** The scenario's name. */
  name: string;
  /** `--readme-screenshots` was given: readmeScreenshot() saves. */
  readmeScreenshots: boolean;
}

/**
 * Everything a scenario body uses, bound to its workbench, so a Chainsight scenario reads as a few lines:
 * open a file, wait for a status item, read problems, hover a squiggle, choose a quick fix, check the disk.
 * Every wait has a timeout and fails saying what it saw instead.
 */
export class Helpers {
  readonly page: Page;
  readonly editor: Editor;
  readonly problems: Problems;
  /** The scenario's copy of its workspace on disk. */
  readonly files: WorkspaceFiles;

  constructor(
    readonly workbench: Workbench,
    private readonly options: HelperOptions = { name: '', readmeScreenshots: false },
  ) {
    this.page = workbench.page;
    this.editor = new Editor(this.page);
    this.problems = new Problems(this.page);
    this.files = new WorkspaceFiles(workbench.workspaceDir);
  }

  log(message: string): void {
    log(`  ${message}`);
  }

  /**
   * Only with `--readme-screenshots`: saves a screenshot for the README as `file` (e.g.
   * "screenshot-hover.png") in test/e2e/artifacts/readme/, cropped to `clip` (page pixels); the runner
   * copies them into media/ only when the whole run passed.
   */
  async readmeScreenshot(file: string, clip?: Box): Promise<void> {
    if (!this.options.readmeScreenshots) return;
    mkdirSync(README_SHOTS_DIR, { recursive: true });
    const path = join(README_SHOTS_DIR, file);
    await this.page.screenshot({ path, ...(clip ? { clip } : {}) });
    this.log(`README screenshot: ${path}`);
  }

  openFile(relPath: string): Promise<void> {
    return openFile(this.page, relPath);
  }

  statusItems(): Promise<string[]> {
    return statusItems(this.page);
  }

  waitForStatusItem(what: string, accept: (text: string) => boolean, timeoutMs?: number): Promise<string> {
    return waitForStatusItem(this.page, what, accept, timeoutMs);
  }

  /** The tooltip of the first status item whose text satisfies `accept` (hovers it). */
  statusTooltip(what: string, accept: (text: string) => boolean, timeoutMs?: number): Promise<string> {
    return statusTooltip(this.page, what, accept, timeoutMs);
  }

  /** Records every text a status item starting with `prefix` shows from now on; read with the returned function. */
  recordStatusTexts(prefix: string): Promise<() => Promise<string[]>> {
    return recordStatusTexts(this.page, prefix);
  }

  squiggles(severity?: Severity): Promise<Squiggle[]> {
    return squiggles(this.page, severity);
  }

  waitForSquiggles(severity: Severity, count?: number, timeoutMs?: number): Promise<Squiggle[]> {
    return waitForSquiggles(this.page, severity, count, timeoutMs);
  }

  /** A squiggle on the line that includes `lineText` (e.g. `"lodash"`), of `severity` or any. */
  waitForSquiggleOn(lineText: string, severity?: Severity, timeoutMs?: number): Promise<Squiggle> {
    return waitForSquiggleOn(this.page, lineText, severity, timeoutMs);
  }

  /** Waits for `token` on the rendered line that includes `lineText`, and returns its box (to hover it). */
  waitForToken(lineText: string, token: string, timeoutMs?: number): Promise<Box> {
    return until(
      `"${token}" on the line with ${JSON.stringify(lineText)}`,
      () => tokenBox(this.page, lineText, token),
      () => this.editor.text(),
      { timeoutMs },
    );
  }

  waitForNoSquiggles(severity: Severity, timeoutMs?: number): Promise<void> {
    return waitForNoSquiggles(this.page, severity, timeoutMs);
  }

  /** Hovers a box, or what a function finds again on each new approach (see pages/hover.ts). */
  hoverAt(target: HoverTarget, accept?: (h: HoverContent) => boolean, timeoutMs?: number): Promise<HoverContent> {
    return hoverAt(this.page, target, accept, timeoutMs);
  }

  dismissHover(): Promise<void> {
    return dismissHover(this.page);
  }

  openQuickFix(box: Box, accept?: (title: string) => boolean, timeoutMs?: number): Promise<string[]> {
    return openQuickFix(this.page, box, accept, timeoutMs);
  }

  /** The Source Action menu of the active editor (fix-all lives there); choose with chooseQuickFix. */
  openSourceActions(accept?: (title: string) => boolean, timeoutMs?: number): Promise<string[]> {
    return openSourceActions(this.page, accept, timeoutMs);
  }

  /** Chooses a row by its exact title in the open quick fix or source action menu. */
  chooseQuickFix(title: string): Promise<void> {
    return chooseQuickFix(this.page, title);
  }

  runCommand(title: string): Promise<void> {
    return runCommand(this.page, title);
  }

  waitForWebview(what: string, accept: (text: string) => boolean, timeoutMs?: number): Promise<Frame> {
    return waitForWebview(this.page, what, accept, timeoutMs);
  }

  waitForWebviewText(what: string, accept: (text: string) => boolean, timeoutMs?: number): Promise<string> {
    return waitForWebviewText(this.page, what, accept, timeoutMs);
  }

  tableRows(frame: Frame, selector?: string): Promise<string[][]> {
    return tableRows(frame, selector);
  }

  /** Chooses a quick pick item by its label (e.g. the report format after "Export Report…"). */
  pickQuickItem(label: string): Promise<void> {
    return pickQuickItem(this.page, label);
  }

  quickPickItems(): Promise<string[]> {
    return quickPickItems(this.page);
  }

  /** Waits until the open quick pick's labels satisfy `accept` (a command's own pick replaces the palette's rows a moment later). */
  waitForQuickPickLabels(what: string, accept: (labels: string[]) => boolean, timeoutMs?: number): Promise<string[]> {
    return until(
      `quick pick: ${what}`,
      async () => {
        const labels = await quickPickLabels(this.page);
        return accept(labels) ? labels : undefined;
      },
      async () => JSON.stringify(await quickPickLabels(this.page)),
      { timeoutMs },
    );
  }

  /** Answers a save dialog with a path; `files.path(rel)` gives one inside the workspace copy. */
  answerSaveDialog(absPath: string): Promise<void> {
    return answerSaveDialog(this.page, absPath);
  }

  waitForNotification(what: string, accept: (n: Notification) => boolean, timeoutMs?: number): Promise<Notification> {
    return waitForNotification(this.page, what, accept, timeoutMs);
  }

  setUserSetting(key: string, value: unknown): Promise<void> {
    return setUserSetting(this.page, this.workbench.userDataDir, key, value);
  }

  isRestricted(): Promise<boolean> {
    return isRestricted(this.page);
  }

  waitForRestricted(timeoutMs?: number): Promise<void> {
    return waitForRestricted(this.page, timeoutMs);
  }

  trustWorkspace(): Promise<void> {
    return trustWorkspace(this.page);
  }
}
