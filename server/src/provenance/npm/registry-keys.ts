import { createPublicKey, type KeyObject } from 'node:crypto';
import { field, isRecord, str } from '../json';

/**
 * npm registry public keys, from either document shape:
 * - the registry's `/-/npm/v1/keys`: `{ keys: [{ keyid, keytype, scheme, key, expires }] }`;
 * - Sigstore's TUF target `registry.npmjs.org/keys.json`:
 *   `{ keys: [{ keyId, keyUsage, publicKey: { rawBytes, keyDetails, validFor: { start, end } } }] }`.
 * Keys rotate (`SHA256:jl3b…` until 2025-01-29, `SHA256:DhQ8…` from 2025-01-13), so a key is chosen
 * by key id *and* by whether it was still valid when the version was published.
 */

export type KeyUsage = 'signatures' | 'attestations';

export interface RegistryKey {
  keyId: string;
  /** What the key may verify; the registry endpoint does not say, so its keys serve both. */
  usages: KeyUsage[];
  publicKey: KeyObject;
  /** ISO start of validity, when the document gives one. */
  validFrom?: string;
  /** ISO end of validity (`expires`); absent while the key is current. */
  validUntil?: string;
  source: 'tuf' | 'registry';
}

export interface RegistryKeys {
  keys: RegistryKey[];
  /** Key ids present in the document whose type we cannot verify, with why. */
  unsupported: Map<string, string>;
}

const P256_KEY_TYPES = new Set(['ecdsa-sha2-nistp256', 'PKIX_ECDSA_P256_SHA_256']);

/** Parses a keys document of either shape. Malformed entries are skipped; never throws. */
export function parseRegistryKeys(doc: unknown, source: RegistryKey['source']): RegistryKeys {
  const result: RegistryKeys = { keys: [], unsupported: new Map() };
  const entries = field(doc, 'keys');
  if (!Array.isArray(entries)) return result;
  for (const entry of entries) {
    if (!isRecord(entry)) continue;
    const parsed = isRecord(entry.publicKey) ? fromTufEntry(entry) : fromEndpointEntry(entry);
    if (!parsed) continue;
    if ('unsupported' in parsed) {
      result.unsupported.set(parsed.keyId, parsed.unsupported);
      continue;
    }
    const publicKey = p256Key(parsed.spki);
    if (!publicKey) {
      result.unsupported.set(parsed.keyId, 'the key bytes are not an ECDSA P-256 public key');
      continue;
    }
    result.keys.push({
      keyId: parsed.keyId,
      usages: parsed.usages,
      publicKey,
      ...(parsed.validFrom ? { validFrom: parsed.validFrom } : {}),
      ...(parsed.validUntil ? { validUntil: parsed.validUntil } : {}),
      source,
    });
  }
  return result;
}

interface RawKey {
  keyId: string;
  usages: KeyUsage[];
  spki: string;
  validFrom?: string;
  validUntil?: string;
}

function fromTufEntry(entry: Record<string, unknown>): RawKey | { keyId: string; unsupported: string } | undefined {
  const keyId = str(entry.keyId);
  const publicKey = entry.publicKey;
  const spki = str(field(publicKey, 'rawBytes'));
  if (!keyId || !spki) return undefined;
  const details = str(field(publicKey, 'keyDetails'));
  if (details && !P256_KEY_TYPES.has(details)) return { keyId, unsupported: `key type ${details} is not supported` };
  const usage = str(entry.keyUsage);
  const usages: KeyUsage[] = usage === 'npm:signatures' ? ['signatures'] : usage === 'npm:attestations' ? ['attestations'] : [];
  if (usages.length === 0) return undefined;
  const validFor = field(publicKey, 'validFor');
  return { keyId, usages, spki, validFrom: isoDate(field(validFor, 'start')), validUntil: isoDate(field(validFor, 'end')) };
}

function fromEndpointEntry(entry: Record<string, unknown>): RawKey | { keyId: string; unsupported: string } | undefined {
  const keyId = str(entry.keyid);
  const spki = str(entry.key);
  if (!keyId || !spki) return undefined;
  const keyType = str(entry.keytype) ?? str(entry.scheme);
  if (keyType && !P256_KEY_TYPES.has(keyType)) return { keyId, unsupported: `key type ${keyType} is not supported` };
  return { keyId, usages: ['signatures', 'attestations'], spki, validUntil: isoDate(entry.expires) };
}

function p256Key(spkiBase64: string): KeyObject | undefined {
  try {
    const key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1' ? key : undefined;
  } catch {
    return undefined;
  }
}

function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export type KeySelection =
  | { ok: true; keys: RegistryKey[] }
  | { ok: false; code: 'unknown-key' | 'key-expired' | 'unsupported-key'; keyId: string; reason: string };

/**
 * The keys that may verify a registry signature on a version published at `publishedAt`.
 *
 * Only the end of a key's window is applied to the publish time: a signature cannot be older than
 * its version, so a version published after the key expired cannot carry a valid signature under
 * it. The start is not applied, because the registry re-signs existing versions with a new key
 * (versions from 2020 carry signatures by the 2025 key).
 */
export function selectSignatureKeys(keys: RegistryKeys, keyId: string, publishedAt: Date): KeySelection {
  const candidates = keys.keys.filter((k) => k.keyId === keyId && k.usages.includes('signatures'));
  if (candidates.length === 0) {
    const unsupported = keys.unsupported.get(keyId);
    if (unsupported) return { ok: false, code: 'unsupported-key', keyId, reason: `registry key ${keyId}: ${unsupported}` };
    return { ok: false, code: 'unknown-key', keyId, reason: `signed with key ${keyId}, which the registry does not publish` };
  }
  const valid = candidates.filter((k) => !k.validUntil || publishedAt.getTime() < Date.parse(k.validUntil));
  if (valid.length > 0) return { ok: true, keys: valid };
  const latestEnd = candidates.map((k) => k.validUntil ?? '').sort().pop() ?? '';
  return {
    ok: false,
    code: 'key-expired',
    keyId,
    reason: `signed with key ${keyId}, which expired on ${latestEnd.slice(0, 10)}, before this version was published (${publishedAt.toISOString().slice(0, 10)})`,
  };
}

/**
 * Whether choosing keys for these key ids depends on the exact publish time. When every candidate
 * key outlives the packument's last modification, every version was published inside the window
 * and the (large) full packument with per-version times need not be fetched.
 */
export function needsPublishTime(keys: RegistryKeys, keyIds: readonly string[], modified: Date | undefined): boolean {
  for (const keyId of keyIds) {
    for (const key of keys.keys) {
      if (key.keyId !== keyId || !key.usages.includes('signatures') || !key.validUntil) continue;
      if (!modified || modified.getTime() >= Date.parse(key.validUntil)) return true;
    }
  }
  return false;
}

/** The attestation key for a key id, valid at a given time (start and end both apply here). */
export function attestationKey(keys: RegistryKeys, keyId: string): RegistryKey[] {
  return keys.keys.filter((k) => k.keyId === keyId && k.usages.includes('attestations'));
}

export function isValidAt(key: RegistryKey, date: Date): boolean {
  const time = date.getTime();
  if (key.validFrom && time < Date.parse(key.validFrom)) return false;
  if (key.validUntil && time > Date.parse(key.validUntil)) return false;
  return true;
}
