import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { HostBreaker } from '../net/host-breaker';
import type { NetResult } from '../net/net-error';
import { tufRegistryKeys } from './npm/tuf-keys';
import type { TrustedRootOutcome } from './trusted-root';
import type { TrustedKeysLoader } from './types';

/** Sigstore's TUF repository: the public-good trusted root and npm's registry keys come from there. */
export const SIGSTORE_TUF_URL = 'https://tuf-repo-cdn.sigstore.dev';

export interface TrustSourceOptions {
  /** A trusted_root.json for air-gapped sites (`--trusted-root`, `chainsight.sigstore.trustedRoot`). */
  trustedRootPath?: string;
  /** Where TUF metadata is cached. */
  tufCachePath: string;
  /** Whether the workspace is trusted; see workspaceRoots. */
  trusted: boolean;
  /** Folders a repository controls: an untrusted workspace's trusted root may not come from inside them. */
  workspaceRoots?: readonly string[];
  /** No request of any kind. */
  offline: boolean;
  breaker: HostBreaker;
}

/**
 * The Sigstore trusted root for attestations, loaded at most once per session (a failure is tried
 * again next time), lazily: the Sigstore and TUF code is only loaded when a bundle needs verifying.
 * TUF goes through the breaker like every other host.
 */
export function trustedRootSource(options: TrustSourceOptions): () => Promise<TrustedRootOutcome> {
  if (options.offline) return async () => ({ ok: false, reason: 'offline: not checked' });
  const path = options.trustedRootPath;
  if (path !== undefined) {
    const refused = refusedRoot(path, options);
    if (refused) return async () => ({ ok: false, reason: refused });
    return cachedTrustedRoot(async () => (await loadTrustedRootModule()).readTrustedRootFile(path));
  }
  const cachePath = join(options.tufCachePath, 'tuf');
  return cachedTrustedRoot(async () => {
    const got = await options.breaker.run(SIGSTORE_TUF_URL, async (): Promise<NetResult<TrustedRootOutcome>> => {
      const outcome = await (await loadTrustedRootModule()).loadPublicGoodTrustedRoot({ cachePath });
      return outcome.ok ? { ok: true, value: outcome } : { ok: false, error: { kind: 'network', message: outcome.reason, detail: outcome.reason, retryable: false } };
    });
    return got.ok ? got.value : { ok: false, reason: got.error.message };
  });
}

/**
 * npm's registry keys from Sigstore's TUF repository, for the public registry only (no other
 * registry has a target there). None offline, and none when a trusted root file is configured (an
 * air-gapped site has no TUF).
 */
export function trustedKeysSource(options: TrustSourceOptions): TrustedKeysLoader {
  const tuf = tufRegistryKeys({ cachePath: join(options.tufCachePath, 'tuf') });
  return async (registryUrl) => {
    if (options.offline || options.trustedRootPath !== undefined || new URL(registryUrl).host !== 'registry.npmjs.org') return undefined;
    const got = await options.breaker.run(SIGSTORE_TUF_URL, async (): Promise<NetResult<unknown>> => {
      try {
        return { ok: true, value: await tuf(registryUrl) };
      } catch (err) {
        const detail = `cannot load npm's keys from Sigstore TUF: ${(err as Error).message}`;
        return { ok: false, error: { kind: 'network', message: detail, detail, retryable: false } };
      }
    });
    return got.ok ? got.value : undefined;
  };
}

/**
 * Memoises a loader for a server session: a loaded root is kept, a failure is not, so that the next
 * check tries again (the network may be back).
 */
export function cachedTrustedRoot(load: () => Promise<TrustedRootOutcome>): () => Promise<TrustedRootOutcome> {
  let pending: Promise<TrustedRootOutcome> | undefined;
  return () => {
    if (pending) return pending;
    const attempt = load().catch((err: unknown) => ({ ok: false as const, reason: `trusted root failed to load: ${String(err)}` }));
    pending = attempt;
    void attempt.then((outcome) => {
      if (!outcome.ok && pending === attempt) pending = undefined;
    });
    return attempt;
  };
}

/** The trusted-root reader with Sigstore's protobuf types, loaded when a root is first needed rather than at start-up. */
function loadTrustedRootModule(): Promise<typeof import('./trusted-root')> {
  return import('./trusted-root.js');
}

/** Why an untrusted workspace may not supply this trusted root, or undefined when it is the user's own. */
function refusedRoot(path: string, options: TrustSourceOptions): string | undefined {
  if (options.trusted || !options.workspaceRoots?.length) return undefined;
  const advice = 'trust the workspace, or name a trusted_root.json outside it in your user settings';
  if (!isAbsolute(path)) return `the trusted root ${path} is a path relative to the workspace, which is not trusted: ${advice}`;
  const real = realOrSame(path);
  const inside = options.workspaceRoots.some((root) => {
    const rel = relative(realOrSame(root), real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
  return inside ? `the trusted root ${path} lies inside the workspace, which is not trusted: ${advice}` : undefined;
}

function realOrSame(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
