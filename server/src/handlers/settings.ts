import type { Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { DEFAULT_SETTINGS, flattenSection, settingsFromFlat, type ChainsightSettings } from '../protocol';
import type { HttpSettings } from '../service/data-resources';

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

/** VS Code's own network settings, which Chainsight honours like every other extension. */
export function httpSettingsReader(connection: Connection, supportsConfiguration: () => boolean): () => Promise<HttpSettings> {
  return async () => {
    if (!supportsConfiguration()) return {};
    try {
      const http = (await connection.workspace.getConfiguration({ section: 'http' })) as { proxy?: unknown; proxyStrictSSL?: unknown; noProxy?: unknown } | null;
      return {
        ...(typeof http?.proxy === 'string' && http.proxy ? { proxy: http.proxy } : {}),
        ...(typeof http?.proxyStrictSSL === 'boolean' ? { strictSSL: http.proxyStrictSSL } : {}),
        ...(Array.isArray(http?.noProxy) ? { noProxy: http.noProxy.filter((x): x is string => typeof x === 'string') } : {}),
      };
    } catch {
      return {};
    }
  };
}
