import { GraphError } from '../graph/graph-error';
import { SupplyChainGraph, type GraphOptions } from '../graph/graph-store';
import type { MetadataStore } from '../store/metadata-store';
import { openCliStore, storePathFor } from './data-context';
import { type CliIO, RunError } from './io';
import { plainText } from '../core/terminal-text';

/** `--store`, as every store command takes it. */
export const STORE_OPTION = { store: { type: 'string' } } as const;
export const STORE_USAGE = `  --store PATH           The metadata store (default $CHAINSIGHT_STORE, else ~/.cache/chainsight/chainsight.db)`;

/**
 * Runs `fn` with the aggregated graph of the store (`--store`, `$CHAINSIGHT_STORE` or the user
 * cache), closing the store afterwards. The graph's "cannot answer that" errors become RunErrors,
 * so the CLI prints the message and exits 2 without a stack trace.
 */
export async function withGraph<T>(values: { store?: string }, io: CliIO, fn: (graph: SupplyChainGraph, store: MetadataStore) => Promise<T>, options: GraphOptions = {}): Promise<T> {
  const store = await openCliStore(storePathFor(values, io), io);
  try {
    return await fn(new SupplyChainGraph(store.sqlExecutor(), options), store);
  } catch (err) {
    // Messages may quote what documents say (file names of ambiguous matches): terminal-safe text.
    if (err instanceof GraphError) throw new RunError(plainText(err.message, 2_000));
    throw err;
  } finally {
    await store.close();
  }
}

/** `--format json`: the answer as documented in docs/cli.md. */
export function printJson(io: CliIO, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
