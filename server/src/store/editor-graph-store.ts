import type { MetadataStore } from './metadata-store';
import { openGraphStore, type GraphStore } from './open-graph-store';
import { passwordOf, redactUrl } from './store-url';

/** How long one question may take in the editor before its hover section is left out (ms). */
export const EDITOR_QUERY_TIMEOUT_MS = 3_000;

export interface EditorGraphStore {
  store: GraphStore;
  /** For the user, once: why the team store is not the one in use, or what was ignored. */
  notice?: string;
  /** Why the team store could not be opened (redacted), for the status; the embedded store answers instead. */
  error?: string;
}

export interface EditorGraphStoreOptions {
  /** A password from VS Code's SecretStorage; otherwise PGPASSWORD or ~/.pgpass. */
  password?: string;
  queryTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Told (redacted) when an idle connection to the team store fails. */
  onIdleError?: (message: string) => void;
  historyLimit?: number;
}

/**
 * THE call for the language server: the aggregated store `chainsight.store.url` names, else the
 * embedded one. The team store is opened read-mostly: an editor never migrates it (a reader role
 * could not), connecting gives up after 5 s and every question after 3 s (StoreError 'timeout': leave
 * the hover section out and say so). When the server cannot be reached, or its schema does not fit,
 * the embedded store answers instead and `notice` says why. A password in the setting is ignored:
 * settings.json is no place for one.
 */
export async function openEditorGraphStore(url: string, embedded: () => Promise<MetadataStore>, options: EditorGraphStoreOptions = {}): Promise<EditorGraphStore> {
  const graphOptions = options.historyLimit !== undefined ? { historyLimit: options.historyLimit } : {};
  const local = async () => openGraphStore({ kind: 'file', path: '' }, { ...graphOptions, embedded: await embedded() });
  const wanted = url.trim();
  if (!wanted) return { store: await local() };
  const notes: string[] = [];
  let target = wanted;
  if (passwordOf(wanted)) {
    notes.push('chainsight.store.url contains a password, which was ignored: put it in PGPASSWORD or ~/.pgpass (docs/team.md).');
    target = withoutPassword(wanted);
  }
  try {
    const store = await openGraphStore(
      { kind: 'postgres', url: target },
      {
        ...graphOptions,
        postgres: {
          migrate: 'never',
          connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
          queryTimeoutMs: options.queryTimeoutMs ?? EDITOR_QUERY_TIMEOUT_MS,
          maxConnections: 2,
          ...(options.password ? { password: options.password } : {}),
          ...(options.onIdleError ? { onIdleError: options.onIdleError } : {}),
        },
      },
    );
    return { store, ...(notes.length ? { notice: notes.join(' ') } : {}) };
  } catch (err) {
    const error = (err as Error).message;
    notes.push(`The team store ${redactUrl(target)} is not available (${error}); this window uses the embedded store.`);
    return { store: await local(), notice: notes.join(' '), error };
  }
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.searchParams.delete('password');
    return parsed.toString();
  } catch {
    return url;
  }
}
