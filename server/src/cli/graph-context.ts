import { GraphError } from '../graph/graph-error';
import type { GraphOptions, SupplyChainGraph } from '../graph/graph-store';
import { openGraphStore, type GraphStore } from '../store/open-graph-store';
import { StoreError } from '../store/store-error';
import { describeLocation, type StoreLocation } from '../store/store-url';
import { type CliIO, RunError } from './io';
import { plainText } from '../core/terminal-text';
import { graphLocationFor } from './store-location';

/** `--store`, as every store command takes it. */
export const STORE_OPTION = { store: { type: 'string' } } as const;
export const STORE_USAGE = `  --store PATH|URL       The metadata store: a file, or the team store's postgres:// URL (default
                         $CHAINSIGHT_STORE_URL, else $CHAINSIGHT_STORE, else ~/.cache/chainsight/chainsight.db)`;

/**
 * Runs `fn` with the aggregated graph of the store (`--store`, `$CHAINSIGHT_STORE_URL`,
 * `$CHAINSIGHT_STORE` or the user cache), closing the store afterwards. The graph's "cannot answer
 * that" errors become RunErrors, so the CLI prints the message and exits 2 without a stack trace.
 */
export async function withGraph<T>(values: { store?: string }, io: CliIO, fn: (graph: SupplyChainGraph, store: GraphStore) => Promise<T>, options: GraphOptions = {}): Promise<T> {
  const store = await openCliGraphStore(graphLocationFor(values, io), io, options);
  try {
    return await fn(store.graph, store);
  } catch (err) {
    // Messages may quote what documents say (file names of ambiguous matches): terminal-safe text.
    if (err instanceof GraphError) throw new RunError(plainText(err.message, 2_000));
    throw storeFailure(err, store);
  } finally {
    await store.close();
  }
}

/** Opens the aggregated store; a store that cannot be opened is a RunError naming it (never its password). */
export async function openCliGraphStore(location: StoreLocation, io: CliIO, options: GraphOptions & { embedded?: GraphStore['embedded'] } = {}): Promise<GraphStore> {
  try {
    const store = await openGraphStore(location, { ...options, embedded: options.embedded });
    if (store.embedded?.recovered && !options.embedded) {
      io.stderr(`chainsight: warning: the store at ${store.location} was unusable (${store.embedded.recovered.reason}); moved it to ${store.embedded.recovered.movedTo} and started a new one\n`);
    }
    return store;
  } catch (err) {
    throw new RunError(`cannot open the store ${location.kind === 'file' ? 'at ' : ''}${describeLocation(location)}: ${(err as Error).message}`);
  }
}

/** The store failing mid-command (a server gone, a role without the right) as a RunError: its message, no stack. */
export function storeFailure(err: unknown, store: GraphStore): unknown {
  return err instanceof StoreError ? new RunError(`the store ${store.location}: ${err.message}`) : err;
}

/** `--format json`: the answer as documented in docs/cli.md. */
export function printJson(io: CliIO, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
