import type { Connection } from 'vscode-languageserver/node';
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { GraphError } from '../graph/graph-error';
import { type StoreQuestion, storeImportRequest, storeLocateRequest, storeOverviewRequest, storeQueryRequest } from '../protocol';
import type { WorkspaceService } from '../service/workspace-service';
import type { UriMap } from './uris';

/** The arguments each question needs (non-empty strings) and may take, with their types, as `chainsight query` checks them. */
const QUESTIONS: Record<StoreQuestion['question'], { strings: string[]; optional: Record<string, 'boolean' | 'string'> }> = {
  'who-uses': { strings: ['package'], optional: { history: 'boolean' } },
  vuln: { strings: ['id'], optional: { history: 'boolean' } },
  project: { strings: ['project'], optional: { commit: 'string' } },
  provenance: { strings: [], optional: { missing: 'boolean', invalid: 'boolean' } },
  diff: { strings: ['project', 'from', 'to'], optional: {} },
};

/** Why the params are not a question, or undefined when they are one. */
function invalidQuestion(params: unknown): string | undefined {
  const q = params as Record<string, unknown> | undefined;
  const spec = typeof q?.question === 'string' ? QUESTIONS[q.question as StoreQuestion['question']] : undefined;
  if (!q || !spec) return `question must be one of ${Object.keys(QUESTIONS).join(', ')}`;
  for (const key of spec.strings) if (typeof q[key] !== 'string' || !(q[key] as string).trim()) return `${q.question} needs "${key}" (a string)`;
  for (const [key, type] of Object.entries(spec.optional)) if (q[key] !== undefined && typeof q[key] !== type) return `${q.question}: "${key}" must be a ${type}`;
  return undefined;
}

/** Runs a store request: a question the store cannot answer (an unknown project) fails with its message, anything else as an internal error. */
async function answered<T>(what: string, run: () => Promise<T>): Promise<T | ResponseError<void>> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof GraphError) return new ResponseError(LSPErrorCodes.RequestFailed, err.message);
    return new ResponseError(ErrorCodes.InternalError, `${what} failed: ${(err as Error).message}`);
  }
}

/** The aggregated store's requests: thin wrappers over the service (docs/store.md, "In the editor"). */
export function registerStoreRequests(connection: Connection, service: WorkspaceService, uris: UriMap): void {
  connection.onRequest(storeQueryRequest, (params) => {
    const invalid = invalidQuestion(params);
    if (invalid) return new ResponseError(ErrorCodes.InvalidParams, invalid);
    return answered('store query', () => service.storeQuery(params));
  });

  connection.onRequest(storeOverviewRequest, () => answered('store overview', () => service.storeOverview()));

  connection.onRequest(storeImportRequest, (params) => {
    const paths = Array.isArray(params?.paths) ? params.paths.filter((p): p is string => typeof p === 'string') : [];
    if (paths.length === 0) return new ResponseError(ErrorCodes.InvalidParams, 'paths must list at least one file or folder');
    // A client may send file URIs or paths.
    return answered('import', () => service.storeImport(paths.map((p) => (p.startsWith('file:') ? (uris.toPath(p) ?? p) : p))));
  });

  connection.onRequest(storeLocateRequest, (params) => {
    if (typeof params?.path !== 'string' || typeof params.name !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'path and name are required');
    try {
      const found = service.storeLocate(params);
      return found ? { uri: uris.toUri(found.path), line: found.line, character: found.character } : null;
    } catch (err) {
      return new ResponseError(ErrorCodes.InternalError, `locate failed: ${(err as Error).message}`);
    }
  });
}
