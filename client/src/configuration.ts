import { type CancellationToken, workspace } from 'vscode';
import type { ConfigurationParams } from 'vscode-languageserver-protocol';
import { SETTINGS } from '../../server/src/settings';

/** The user's own value of every Chainsight setting (user settings only, never the workspace's), as dotted keys. */
export function userLevelSettings(): Record<string, unknown> {
  const config = workspace.getConfiguration();
  const out: Record<string, unknown> = {};
  for (const spec of SETTINGS) {
    const value = config.inspect(spec.key)?.globalValue;
    if (value !== undefined) out[spec.key] = value;
  }
  return out;
}

type Next = (params: ConfigurationParams, token: CancellationToken) => unknown;

/**
 * `workspace/configuration` answers that honour Workspace Trust: until the workspace is trusted, a
 * restricted setting carries the user's value (or the default), never the repository's. VS Code does
 * the same for `restrictedConfigurations`; doing it here too is what lets the server rely on it
 * (`InitializationOptions.configurationHonoursTrust`).
 */
export async function trustAwareConfiguration(params: ConfigurationParams, token: CancellationToken, next: Next): Promise<unknown[]> {
  const answer = await next(params, token);
  if (!Array.isArray(answer)) return params.items.map(() => null);
  if (workspace.isTrusted) return answer;
  return answer.map((value: unknown, i) => (params.items[i]?.section === 'chainsight' ? withUserLevelRestricted(value) : value));
}

function withUserLevelRestricted(section: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(section ?? {})) as Record<string, unknown>;
  // User values do not depend on the folder, so no scope is needed to read them.
  const config = workspace.getConfiguration();
  for (const spec of SETTINGS) {
    if (!spec.restricted) continue;
    const path = spec.key.split('.').slice(1);
    let node = copy;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]!] = config.inspect(spec.key)?.globalValue ?? spec.default;
  }
  return copy;
}
