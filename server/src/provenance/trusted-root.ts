import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { isRecord } from './json';
import { commonJsExports } from '../core/commonjs-module';

/**
 * The Sigstore trusted root (Fulcio CAs, Rekor and CT log keys, timestamp authorities) that
 * attestation bundles are verified against. Either the public-good root through Sigstore's TUF
 * repository, or a `trusted_root.json` file (`chainsight.sigstore.trustedRoot`) for air-gapped sites.
 */
export type TrustedRootOutcome =
  | { ok: true; root: TrustedRoot; source: string; digest: string }
  | { ok: false; reason: string };

const TRUSTED_ROOT_MEDIA_TYPE = /^application\/vnd\.dev\.sigstore\.trustedroot(\.v[\d.]+)?\+json/;

/** Parses the JSON text of a `trusted_root.json`. Never throws. */
export function parseTrustedRoot(text: string, source: string): TrustedRootOutcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `${source} is not JSON: ${(err as Error).message}` };
  }
  if (!isRecord(json)) return { ok: false, reason: `${source} is not a Sigstore trusted root (not an object)` };
  const mediaType = json.mediaType;
  if (typeof mediaType === 'string' && !TRUSTED_ROOT_MEDIA_TYPE.test(mediaType)) {
    return { ok: false, reason: `${source} has media type ${mediaType}, not a Sigstore trusted root` };
  }
  if (!Array.isArray(json.tlogs) || !Array.isArray(json.certificateAuthorities)) {
    return { ok: false, reason: `${source} is not a Sigstore trusted root (no tlogs or certificateAuthorities)` };
  }
  try {
    const root = TrustedRoot.fromJSON(json);
    return { ok: true, root, source, digest: sha256(text) };
  } catch (err) {
    return { ok: false, reason: `${source} could not be read as a Sigstore trusted root: ${(err as Error).message}` };
  }
}

/** Reads `chainsight.sigstore.trustedRoot`. Never throws. */
export async function readTrustedRootFile(path: string): Promise<TrustedRootOutcome> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return { ok: false, reason: `cannot read trusted root ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  return parseTrustedRoot(text, path);
}

export interface PublicGoodRootOptions {
  /** Directory for the TUF metadata cache (e.g. the extension's global storage). */
  cachePath: string;
  /** TUF mirror; defaults to Sigstore's `https://tuf-repo-cdn.sigstore.dev`. */
  mirrorURL?: string;
  timeoutMs?: number;
}

/**
 * The public-good root through TUF, which checks signatures, versions and expiry of the metadata
 * itself. @sigstore/tuf does its own HTTP (make-fetch-happen, which reads the HTTP(S)_PROXY
 * environment), so it does not use the injected dispatcher. When the mirror is unreachable and the
 * cache holds no fresh metadata, provenance becomes `unavailable` with this reason; an air-gapped
 * site points `chainsight.sigstore.trustedRoot` at a file instead.
 */
export async function loadPublicGoodTrustedRoot(options: PublicGoodRootOptions): Promise<TrustedRootOutcome> {
  const source = options.mirrorURL ?? 'Sigstore TUF (https://tuf-repo-cdn.sigstore.dev)';
  try {
    // Loaded on demand: the TUF client and its HTTP stack are only needed when this path is taken.
    const { getTrustedRoot } = commonJsExports(await import('@sigstore/tuf'));
    const root = await getTrustedRoot({
      cachePath: options.cachePath,
      ...(options.mirrorURL ? { mirrorURL: options.mirrorURL } : {}),
      timeout: options.timeoutMs ?? 10_000,
      retry: { retries: 1 },
    });
    return { ok: true, root, source, digest: sha256(JSON.stringify(TrustedRoot.toJSON(root))) };
  } catch (err) {
    return {
      ok: false,
      reason:
        `the Sigstore trusted root could not be fetched from ${source} (${(err as Error).message}); ` +
        'set chainsight.sigstore.trustedRoot to a trusted_root.json file to verify offline',
    };
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
