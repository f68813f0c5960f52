import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Settings that keep the workbench quiet and offline (E2E.md): no welcome page, no AI or telemetry, no
 * update or gallery checks, no schema downloads, no git scanning; a short hover delay keeps hover tests fast.
 */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  // Also keeps code-server from starting its agent host (a Copilot runtime process).
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'json.schemaDownload.enable': false,
  'git.enabled': false,
  'editor.hover.delay': 200,
  // A trust modal would cover the workbench; untrusted scenarios use the Restricted Mode status item instead.
  'security.workspace.trust.startupPrompt': 'never',
  // Tips and notifications pop up over the status bar and panels at random moments.
  'workbench.tips.enabled': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  // The secondary side bar (chat) would take a third of the width for nothing.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export function userSettingsPath(userDataDir: string): string {
  return join(userDataDir, 'User', 'settings.json');
}

export function readUserSettings(userDataDir: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(userSettingsPath(userDataDir), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * Before start only: code-server reads this file at start but does not pick up later writes from outside
 * (see pages/settings.ts for changes while running). Plain JSON, since the harness writes it first.
 */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const file = userSettingsPath(userDataDir);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
}

/**
 * The remote side's settings (code-server's window is a remote window): machine-scoped settings are
 * read only from here. Before start only, like writeUserSettings.
 */
export function writeMachineSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const file = join(userDataDir, 'Machine', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
}
