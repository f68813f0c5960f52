import type { Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { DEFAULT_SETTINGS, flattenSection, settingsFromFlat, type ChainsightSettings } from '../protocol';

/**
 * Settings are pulled per folder (`workspace/configuration` with a scope URI), never cached in a
 * global: the service asks again whenever the client says they changed.
 */
export function settingsReader(connection: Connection, supportsConfiguration: () => boolean): (folder: string) => Promise<ChainsightSettings> {
  return async (folder) => {
    if (!supportsConfiguration()) return DEFAULT_SETTINGS;
    try {
      const section: unknown = await connection.workspace.getConfiguration({ scopeUri: URI.file(folder).toString(), section: 'chainsight' });
      return settingsFromFlat(flattenSection(section));
    } catch {
      return DEFAULT_SETTINGS;
    }
  };
}
