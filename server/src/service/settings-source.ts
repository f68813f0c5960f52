import { type ChainsightSettings, flattenSection, isRestricted, knownSettings, settingsFromFlat } from '../settings';

export interface SettingsSourceOptions {
  /** `workspace/configuration` for a folder's `chainsight` section; absent when the client cannot answer it (Neovim 0.7). */
  pull?: (folder: string) => Promise<unknown>;
  /** User-level settings from `initializationOptions.settings`. */
  userSettings?: unknown;
  /** The client's answers to `pull` already honour trust for restricted settings (VS Code's do). */
  pullHonoursTrust?: boolean;
  trusted?: boolean;
}

/**
 * Where settings come from, and what a repository may decide. Editors deliver settings three ways:
 * pulled per folder (`workspace/configuration`), pushed (`workspace/didChangeConfiguration`), or
 * given at start (`initializationOptions.settings`); the pulled value wins, then the pushed, then
 * the start-up one. Until the workspace is trusted, a restricted setting (one that can hide findings
 * or choose where data comes from) is taken from user-level configuration only: the start-up
 * settings, or pulled values when the client vouches that they honour trust.
 */
export class SettingsSource {
  private readonly user: Record<string, unknown>;
  private pushed: Record<string, unknown> = {};
  private trust: boolean;

  constructor(private readonly options: SettingsSourceOptions = {}) {
    this.user = clientSettings(options.userSettings);
    this.trust = options.trusted === true;
  }

  get trusted(): boolean {
    return this.trust;
  }

  setTrusted(trusted: boolean): void {
    this.trust = trusted;
  }

  /** The `settings` of a `workspace/didChangeConfiguration` (clients that push; null for clients that expect a pull). */
  push(settings: unknown): void {
    if (settings === null || settings === undefined) return;
    this.pushed = clientSettings(settings);
  }

  async settingsFor(folder: string): Promise<ChainsightSettings> {
    let pulled: Record<string, unknown> = {};
    if (this.options.pull) {
      try {
        pulled = clientSettings(await this.options.pull(folder));
      } catch {
        // A client that fails to answer leaves the other channels in charge.
      }
    }
    const merged: Record<string, unknown> = { ...this.user, ...this.pushed, ...pulled };
    if (!this.trust) {
      for (const key of Object.keys(merged)) {
        if (!isRestricted(key)) continue;
        const userLevel = this.options.pullHonoursTrust && key in pulled ? pulled[key] : this.user[key];
        if (userLevel === undefined) delete merged[key];
        else merged[key] = userLevel;
      }
    }
    return settingsFromFlat(merged);
  }
}

/**
 * Settings as clients send them, as dotted keys: `{ chainsight: { osv: {...} } }` (Neovim's
 * `settings`), the section itself (`workspace/configuration`), or `{ "chainsight.osv.mode": … }`.
 */
export function clientSettings(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const record = value as Record<string, unknown>;
  const flat: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(record)) {
    if (key === 'chainsight') Object.assign(flat, flattenSection(inner));
    else if (key.startsWith('chainsight.')) Object.assign(flat, flattenSection(inner, key));
    else Object.assign(flat, flattenSection(inner, `chainsight.${key}`));
  }
  return knownSettings(flat);
}
