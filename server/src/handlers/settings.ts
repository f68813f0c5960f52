import type { Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { HttpSettings } from '../service/data-resources';

/** Pulls a folder's `chainsight` section (`workspace/configuration` with a scope URI): always fresh, never cached here. */
export function pullSettings(connection: Connection): (folder: string) => Promise<unknown> {
  return (folder) => connection.workspace.getConfiguration({ scopeUri: URI.file(folder).toString(), section: 'chainsight' });
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
