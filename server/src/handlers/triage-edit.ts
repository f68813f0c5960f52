import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import type { TriageEditParams, TriageEditResult } from '../protocol';
import type { TriageEditOutcome } from '../service/triage-actions';
import type { WorkspaceService } from '../service/workspace-service';
import type { UriMap } from './uris';

/**
 * `chainsight/triageEdit`: the project's VEX file with one decision written, as its whole new text.
 * Parameters come from a client, so their shape is checked before anything is looked up.
 */
export function triageEditFor(service: WorkspaceService, uris: UriMap, params: TriageEditParams | undefined): TriageEditResult {
  const outcome = outcomeFor(service, uris, params);
  return outcome.ok ? { ok: true, uri: uris.toUri(outcome.path), text: outcome.text, exists: outcome.exists, replaced: outcome.replaced } : outcome;
}

function outcomeFor(service: WorkspaceService, uris: UriMap, params: TriageEditParams | undefined): TriageEditOutcome {
  const target = params?.target;
  const path = typeof target?.uri === 'string' ? uris.toPath(target.uri) : undefined;
  if (!target || !path || typeof target.packageId !== 'string' || typeof target.vulnerability !== 'string' || typeof params?.decision?.status !== 'string') {
    return { ok: false, message: 'Chainsight: a triage request needs target.uri, target.packageId, target.vulnerability and a decision.' };
  }
  return service.triageEdit({ path, packageId: target.packageId, vulnerability: target.vulnerability, ...(typeof target.via === 'string' ? { via: target.via } : {}) }, params.decision);
}

/**
 * `chainsight.applyTriage` for clients that cannot ask: writes the decision through
 * `workspace/applyEdit` (one edit replacing the whole file, so the editor can undo it), or creates
 * the file on disk when it does not exist yet (not every client can create files by an edit).
 */
export async function applyTriage(connection: Connection, service: WorkspaceService, uris: UriMap, params: TriageEditParams | undefined, canApplyEdit: boolean): Promise<{ ok: boolean; message: string }> {
  const result = outcomeFor(service, uris, params);
  if (!result.ok) return result;
  const { path } = result;
  const what = result.replaced ? 'replaced the statement in' : 'wrote a statement to';
  if (!result.exists) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, result.text, { flag: 'wx' });
    service.filesChanged([{ path, deleted: false }]);
    return { ok: true, message: `Chainsight: ${what} ${path}.` };
  }
  if (!canApplyEdit) return { ok: false, message: `Chainsight: this editor cannot apply edits from the server; add the statement to ${path} by hand.` };
  const edit = { range: { start: { line: 0, character: 0 }, end: result.end }, newText: result.text };
  const applied = await connection.workspace.applyEdit({ label: 'Chainsight triage', edit: { changes: { [uris.toUri(path)]: [edit] } } });
  return applied.applied ? { ok: true, message: `Chainsight: ${what} ${path}.` } : { ok: false, message: `Chainsight: the editor did not apply the edit to ${path}${applied.failureReason ? `: ${applied.failureReason}` : ''}.` };
}
