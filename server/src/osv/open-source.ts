import type { Dispatcher } from 'undici';
import { createDispatcher, type DispatcherOptions } from '../net/dispatcher';
import { createSource, dataModeOf, type SourceOptions } from './create-source';
import type { VulnerabilitySource } from './source';

export interface DataSourceOptions extends SourceOptions {
  /**
   * Network settings for a connection pool the opener makes, owns and closes on dispose, when no
   * `dispatcher` is given. Never used for `osvData` or offline mode, which make no connection.
   */
  http?: DispatcherOptions;
  /** The environment proxies and NODE_EXTRA_CA_CERTS are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface OpenedSource {
  source: VulnerabilitySource;
  /** What answers: offline data, the store alone, or the network (with the store as cache). */
  mode: 'osv-data' | 'offline' | 'online' | 'auto';
  /** Releases what the opener made (its connection pool); a given store or dispatcher is left open. */
  dispose(): Promise<void>;
}

/**
 * THE way to get a vulnerability source (engine, CLI, language server): from the mode, the URL, the
 * cache TTL, offline data, the store and the network settings. Offline data and offline mode make no
 * connection of any kind: no pool is even created. The caller opens and closes the store; a dispatcher
 * passed in is shared and stays open, one made here from `http` is closed by `dispose`.
 */
export async function openDataSource(options: DataSourceOptions): Promise<OpenedSource> {
  const mode = dataModeOf(options);
  let owned: Dispatcher | undefined;
  if ((mode === 'online' || mode === 'auto') && !options.dispatcher) owned = await createDispatcher(options.http ?? {}, options.env ?? process.env);
  const source = createSource({ ...options, ...(owned ? { dispatcher: owned } : {}) });
  return {
    source,
    mode,
    async dispose() {
      await source.dispose?.();
      await owned?.close().catch(() => undefined);
    },
  };
}
