import { createHash } from 'node:crypto';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import type { TrustMaterial } from '@sigstore/verify';
import { buildTrustMaterial, type TrustMaterialOutcome } from '../sigstore/trust-material';
import type { TrustedRootOutcome } from '../trusted-root';
import type { TrustedKeysLoader } from '../types';
import type { NpmRegistryClient } from './registry-client';
import { attestationKey, isValidAt, parseRegistryKeys, type RegistryKeys } from './registry-keys';

/**
 * What one registry offers to verify against: its signing keys (from Sigstore's TUF repository when
 * it has them, else the registry's own endpoint), whether the registry itself publishes keys (which
 * is what makes an absent signature "missing" rather than "not provided"), and the Sigstore trust
 * material with the registry's attestation keys.
 */
export interface RegistryTrust {
  keys: RegistryKeys;
  /** The registry's `/-/npm/v1/keys` answered with keys: it signs packages and serves attestations. */
  publishesKeys: boolean;
  /** Why signatures cannot be expected from this registry (when `publishesKeys` is false). */
  noKeysReason: string;
}

export async function loadRegistryTrust(registry: string, client: NpmRegistryClient, trustedKeys: TrustedKeysLoader | undefined): Promise<RegistryTrust> {
  const [endpoint, tufDoc] = await Promise.all([client.keys(registry), loadTrustedKeys(trustedKeys, registry)]);
  const endpointKeys = endpoint.kind === 'keys' ? parseRegistryKeys(endpoint.doc, 'registry') : undefined;
  const tufKeys = tufDoc !== undefined ? parseRegistryKeys(tufDoc, 'tuf') : undefined;
  const publishesKeys = !!endpointKeys && (endpointKeys.keys.length > 0 || endpointKeys.unsupported.size > 0);
  const keys = tufKeys && tufKeys.keys.length > 0 ? tufKeys : (endpointKeys ?? { keys: [], unsupported: new Map() });
  const noKeysReason =
    endpoint.kind === 'absent'
      ? `${registry} does not publish signing keys: signatures and attestations are not provided by this registry`
      : endpoint.kind === 'error'
        ? `could not fetch signing keys from ${registry}: ${endpoint.reason}`
        : `${registry} publishes an empty key list: signatures are not provided by this registry`;
  return { keys, publishesKeys, noKeysReason };
}

async function loadTrustedKeys(loader: TrustedKeysLoader | undefined, registry: string): Promise<unknown> {
  if (!loader) return undefined;
  try {
    return await loader(registry);
  } catch {
    return undefined;
  }
}

/**
 * Trust material plus a fingerprint of everything it was built from (trusted root, attestation
 * keys and their windows): a verdict cached under one fingerprint holds for the same inputs only.
 */
export type TrustOutcome = { ok: true; trust: TrustMaterial; fingerprint: string } | { ok: false; reason: string };

/** Trust material for attestation bundles from this registry: the Sigstore root plus its attestation keys. */
export function attestationTrust(rootOutcome: TrustedRootOutcome, keys: RegistryKeys): TrustOutcome {
  if (!rootOutcome.ok) return { ok: false, reason: rootOutcome.reason };
  const built = trustFor(rootOutcome.root, keys);
  if (!built.ok) return built;
  return { ok: true, trust: built.trust, fingerprint: fingerprint(rootOutcome.digest, keys) };
}

function trustFor(root: TrustedRoot, keys: RegistryKeys): TrustMaterialOutcome {
  return buildTrustMaterial(root, (hint) => {
    const candidates = attestationKey(keys, hint);
    if (candidates.length === 0) return undefined;
    // Publish attestations are signed at publish time, so both ends of the window apply.
    return {
      publicKey: candidates[0]!.publicKey,
      validFor: (date: Date) => candidates.some((key) => isValidAt(key, date)),
    };
  });
}

function fingerprint(rootDigest: string, keys: RegistryKeys): string {
  const hash = createHash('sha256').update(rootDigest);
  for (const key of keys.keys.filter((k) => k.usages.includes('attestations'))) {
    hash.update(`|${key.keyId}|${key.validFrom ?? ''}|${key.validUntil ?? ''}|`);
    hash.update(key.publicKey.export({ format: 'der', type: 'spki' }));
  }
  return hash.digest('hex');
}
