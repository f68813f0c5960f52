import { type ExtensionContext, window, workspace } from 'vscode';
import { redactUrl } from '../../server/src/store/store-url';
import type { ChainsightClient } from './client';

/**
 * The team store's password in VS Code's SecretStorage (the OS keychain), never in settings.json.
 * It is kept under the store's URL with any password redacted (user, host, port and database), so a
 * `chainsight.store.url` pointing at another server is never given it.
 */
export function passwordKey(location: string): string {
  return `chainsight.store.password ${location}`;
}

export async function storedPassword(context: ExtensionContext, location: string): Promise<string | undefined> {
  return (await context.secrets.get(passwordKey(location))) || undefined;
}

/** Chainsight: Set Team Store Password… — an empty answer removes the password. */
export async function setStorePassword(context: ExtensionContext, client: ChainsightClient): Promise<void> {
  const url = workspace.getConfiguration('chainsight').get<string>('store.url', '').trim();
  if (!url) {
    void window.showWarningMessage('Chainsight: set chainsight.store.url to your team store first (docs/team.md).');
    return;
  }
  const location = redactUrl(url);
  const password = await window.showInputBox({
    title: `Chainsight: password for ${location}`,
    prompt: "Kept in VS Code's secret storage, never in settings.json. Leave empty to remove it (PGPASSWORD or ~/.pgpass then apply).",
    password: true,
    ignoreFocusOut: true,
  });
  if (password === undefined) return;
  if (password) await context.secrets.store(passwordKey(location), password);
  else await context.secrets.delete(passwordKey(location));
  client.storePasswordChanged(location);
  void window.showInformationMessage(`Chainsight: ${password ? 'password saved' : 'password removed'} for ${location}.`);
}
