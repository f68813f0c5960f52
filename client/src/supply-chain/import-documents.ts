import { ProgressLocation, Uri, window } from 'vscode';
import type { IngestFileResult } from '../../../server/src/graph/ingest-files';
import { storeImportRequest } from '../../../server/src/protocol';
import type { ChainsightClient } from '../client';
import { plain } from './nodes';

/** The file types `chainsight ingest` reads in folders; a picked file of another name is read too. */
const DOCUMENT_EXTENSIONS = ['json', 'jsonl', 'xml', 'spdx', 'cdx', 'sigstore', 'intoto', 'bundle'];
const ERRORS_SHOWN = 3;

/**
 * "Import SBOM, VEX or Attestation…": the user picks files (or passes them, e.g. from the explorer),
 * the server ingests each document whole or not at all, and the result is summed up. This is the
 * only way documents reach the store from the editor: none found in a workspace is ingested on its own.
 */
export async function importDocuments(client: ChainsightClient, picked?: unknown): Promise<IngestFileResult[] | undefined> {
  const given = (Array.isArray(picked) ? picked : picked ? [picked] : []).map((p) => (p instanceof Uri ? p.fsPath : typeof p === 'string' ? p : undefined)).filter((p): p is string => p !== undefined);
  const paths = given.length
    ? given
    : (await window.showOpenDialog({ canSelectMany: true, canSelectFiles: true, canSelectFolders: false, openLabel: 'Import', title: 'Import SBOM, VEX or Attestation', filters: { 'SBOM, VEX, attestations': DOCUMENT_EXTENSIONS, 'All files': ['*'] } }))?.map((u) => u.fsPath);
  if (!paths?.length) return undefined;
  try {
    const { results } = await window.withProgress({ location: ProgressLocation.Notification, title: 'Chainsight: importing into the metadata store' }, () => client.request(storeImportRequest, { paths }));
    const count = (status: IngestFileResult['status']) => results.filter((r) => r.status === status).length;
    const [added, unchanged, failed] = [count('added'), count('unchanged'), results.filter((r) => r.status === 'error')];
    const summary = `Chainsight: imported ${added} document${added === 1 ? '' : 's'}${unchanged ? ` (${unchanged} already in the store)` : ''}.`;
    if (failed.length === 0) void window.showInformationMessage(summary);
    else {
      const problems = failed.slice(0, ERRORS_SHOWN).map((r) => {
        const e = r.errors[0];
        return plain(`${r.file}${e ? `:${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message}` : ''}`, 300);
      });
      const more = failed.length > ERRORS_SHOWN ? ` and ${failed.length - ERRORS_SHOWN} more` : '';
      void window.showErrorMessage(`${summary} ${failed.length} could not be read, nothing of ${failed.length === 1 ? 'it' : 'them'} stored: ${problems.join('; ')}${more}.`);
    }
    return results;
  } catch (err) {
    void window.showErrorMessage(`Chainsight: import failed: ${plain((err as Error).message)}`);
    return undefined;
  }
}
