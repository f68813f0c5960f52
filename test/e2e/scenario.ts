import { join } from 'node:path';
import type { Helpers } from './helpers';

/** What `npm run package` builds; the extension under test unless a scenario says otherwise. */
export const DEFAULT_VSIX = join(__dirname, '..', '..', 'dist', 'chainsight.vsix');

/** A VSIX path, or a function that builds one at run time (the smoke scenarios' throwaway extension). */
export type VsixSource = string | (() => Promise<string>);

export interface PrepareContext {
  /** The scenario's copy of its workspace. */
  workspaceDir: string;
  /**
   * code-server's fresh `--user-data-dir`; the extension's global storage (its metadata store) is
   * `<userDataDir>/User/globalStorage/chainsight.chainsight/`.
   */
  userDataDir: string;
}

/**
 * One end-to-end scenario: `test/e2e/scenarios/<file>.ts` exports it as `scenario`. Each runs in a fresh
 * code-server and chromium, on a fresh copy of its workspace.
 */
export interface Scenario {
  /** Unique; `tsx test/e2e/run.ts <name>` runs only this one; also the artifacts folder name. */
  name: string;
  /** A folder under test/e2e/workspaces/. */
  workspace: string;
  /** false: the window opens in Restricted Mode. */
  trusted: boolean;
  /** User settings written before start, over the harness's quiet defaults. */
  userSettings?: Record<string, unknown>;
  /**
   * Remote ("Machine") settings written before start. code-server's window is a remote one: settings of
   * `machine` or `machine-overridable` scope (e.g. `chainsight.osv.offlineData`) are ignored in user
   * settings and read from here, as from "Remote Settings" in VS Code.
   */
  machineSettings?: Record<string, unknown>;
  /** Extensions to install; default `[DEFAULT_VSIX]`; `[]` for built-in behaviour only. */
  vsix?: VsixSource[];
  /** Workspace-relative files open when the workbench appears (saves a Quick Open). */
  openFiles?: string[];
  /**
   * Runs in the test process after the workspace is copied and before code-server starts, e.g. to start
   * a local registry and write its URL into the copy. What it returns runs after the scenario, pass or
   * fail (also on timeout).
   */
  prepare?(ctx: PrepareContext): Promise<(() => Promise<void>) | void>;
  /** The whole scenario, start to stop; default 120 s. */
  timeoutMs?: number;
  run(h: Helpers): Promise<void>;
}
