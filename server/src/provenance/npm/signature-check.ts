import { compareIntegrity, inspectIntegrity } from '../integrity';
import type { ProvenanceSubject, SignatureCheck } from '../types';
import type { PackumentVersion } from './packument';
import type { RegistryTrust } from './registry-trust';
import { needsPublishTime } from './registry-keys';
import { parseSignatures, verifyRegistrySignatures } from './registry-signature';

/**
 * The registry-signature verdict for one locked package, given its packument entry. `publishTime`
 * is asked for only when a key's expiry makes the publish time matter.
 */
export async function checkSignature(
  subject: ProvenanceSubject,
  entry: PackumentVersion,
  trust: RegistryTrust,
  modified: Date | undefined,
  publishTime: () => Promise<{ ok: true; at: Date } | { ok: false; reason: string }>,
): Promise<SignatureCheck> {
  const registryIntegrity = signedIntegrity(entry);
  const verdict = await signatureVerdict(subject, entry, registryIntegrity, trust, modified, publishTime);
  if (verdict.status === 'invalid') return verdict;
  const keyId = verdict.keyId ? { keyId: verdict.keyId } : {};
  // npm checks the tarball against the lockfile's integrity and nothing else: a hash that cannot be
  // read pins nothing, so it can never pass as "verified".
  const locked = inspectIntegrity(subject.integrity);
  if (locked.malformed.length > 0) {
    return {
      status: 'invalid',
      code: 'integrity-malformed',
      reason: `the lockfile integrity ${abbreviate(locked.malformed[0])} is not a valid sha1/sha256/sha384/sha512 digest: it pins no bytes the registry signature could cover`,
      ...keyId,
    };
  }
  // The lockfile must pin the bytes the registry describes: otherwise the lockfile points elsewhere
  // (an injected `resolved` URL, or a same-named package from another registry).
  if (compareIntegrity(subject.integrity, entry.integrity, entry.shasum) === 'mismatch') {
    const signed = verdict.status === 'verified' ? 'signed by the registry' : 'served by the registry';
    return {
      status: 'invalid',
      code: 'integrity-mismatch',
      reason: `the lockfile integrity ${abbreviate(subject.integrity)} differs from the integrity ${signed} (${abbreviate(registryIntegrity)}): the lockfile may point at other bytes than the published package`,
      ...keyId,
    };
  }
  // Pinned only with an algorithm the registry does not sign (`sha256-…` alone): the package manager
  // checks those bytes, an attacker chooses them, and the signature covers none of it.
  if (verdict.status === 'verified' && locked.digests.size > 0 && compareIntegrity(subject.integrity, registryIntegrity) === 'incomparable') {
    const algorithms = [...locked.digests.keys()].join(', ');
    const signed = [...inspectIntegrity(registryIntegrity).digests.keys()].join(', ') || 'another algorithm';
    return {
      status: 'unverified',
      code: 'integrity-unsigned-algorithm',
      reason: `the lockfile pins this package with ${algorithms} only, which the registry does not sign (it signs ${signed}): the installed bytes are not covered by the registry's signature`,
      ...keyId,
    };
  }
  return verdict;
}

async function signatureVerdict(
  subject: ProvenanceSubject,
  entry: PackumentVersion,
  registryIntegrity: string | undefined,
  trust: RegistryTrust,
  modified: Date | undefined,
  publishTime: () => Promise<{ ok: true; at: Date } | { ok: false; reason: string }>,
): Promise<SignatureCheck> {
  const { signatures, malformed } = parseSignatures(entry.signatures);
  if (signatures.length === 0 && malformed === 0) {
    if (trust.publishesKeys) {
      return { status: 'missing', code: 'no-signature', reason: 'the registry publishes signing keys but this version carries no registry signature' };
    }
    return { status: 'unavailable', code: 'registry-without-keys', reason: trust.noKeysReason };
  }
  if (signatures.length === 0) return { status: 'invalid', code: 'malformed-signature', reason: 'the registry signature entries are malformed' };
  if (trust.keys.keys.length === 0 && trust.keys.unsupported.size === 0) {
    return { status: 'unavailable', code: 'registry-without-keys', reason: `this version is signed but there are no registry keys to check it: ${trust.noKeysReason}` };
  }
  if (!registryIntegrity) {
    return { status: 'invalid', code: 'malformed-signature', reason: 'the version is signed but the registry gives no integrity for it' };
  }
  let publishedAt = modified ?? new Date(0);
  if (needsPublishTime(trust.keys, signatures.map((s) => s.keyid), modified)) {
    const time = await publishTime();
    if (!time.ok) return { status: 'unavailable', code: 'registry-error', reason: `cannot tell which registry key applies: ${time.reason}` };
    publishedAt = time.at;
  }
  return verifyRegistrySignatures({ name: subject.name, version: subject.version, integrity: registryIntegrity, signatures, publishedAt }, trust.keys);
}

/** What the registry signed: `dist.integrity`, or for old versions the sha1 `shasum` in SRI form (as npm does). */
export function signedIntegrity(entry: PackumentVersion): string | undefined {
  if (entry.integrity) return entry.integrity;
  if (entry.shasum && /^[0-9a-f]{40}$/i.test(entry.shasum)) return `sha1-${Buffer.from(entry.shasum, 'hex').toString('base64')}`;
  return undefined;
}

function abbreviate(integrity: string | undefined): string {
  if (!integrity) return 'none';
  return integrity.length > 24 ? `${integrity.slice(0, 20)}…` : integrity;
}
