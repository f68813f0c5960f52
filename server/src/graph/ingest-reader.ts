import { DocumentReader, type DocumentReadResult } from '../documents';
import type { ReadDocument } from './ingest-files';
import { loadPublicGoodTrustedRoot, readTrustedRootFile, type TrustedRootOutcome } from '../provenance/trusted-root';

export interface IngestReaderOptions {
  /** `--trusted-root FILE` (or the editor's `chainsight.sigstore.trustedRoot`): verify Sigstore bundles against this root, offline. */
  trustedRootPath?: string;
  /** `--offline` (or the editor's offline mode): no TUF fetch; bundles without a root file are read as unverified. */
  offline?: boolean;
  /** Where the TUF metadata cache lives (beside the store, shared with `verify`). */
  tufCachePath: string;
}

/**
 * THE place where ingesting (`chainsight ingest`, the editor's Import command) meets the document
 * readers (server/src/documents): one
 * DocumentReader for the run (it keeps its compiled schemas), every document of each file (JSON
 * Lines files hold several). Sigstore bundles are verified against the trusted root: the file given,
 * else Sigstore's public-good root through TUF, fetched once and only when the first bundle is met.
 */
export function ingestDocumentReader(options: IngestReaderOptions): ReadDocument {
  const reader = new DocumentReader();
  let root: Promise<TrustedRootOutcome> | undefined;
  const trustedRoot = (): Promise<TrustedRootOutcome> =>
    (root ??= options.trustedRootPath
      ? readTrustedRootFile(options.trustedRootPath)
      : options.offline
        ? Promise.resolve({ ok: false, reason: 'not verified: offline, and no trusted root file given (--trusted-root, chainsight.sigstore.trustedRoot)' })
        : loadPublicGoodTrustedRoot({ cachePath: options.tufCachePath }));
  return async (fileName, bytes) => {
    const first = reader.readAll(fileName, bytes);
    if (!first.some(isBundle)) return first;
    return reader.readAll(fileName, bytes, { trustedRoot: await trustedRoot() });
  };
}

function isBundle(result: DocumentReadResult): boolean {
  return result.ok && result.document.kind === 'attestation' && result.document.origin.format === 'sigstore-bundle';
}
