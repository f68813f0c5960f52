import { verify, type KeyObject } from 'node:crypto';
import { isRecord, str } from '../json';
import type { SignatureCheck } from '../types';
import { selectSignatureKeys, type RegistryKeys } from './registry-keys';

/**
 * npm registry signatures (`dist.signatures`): ECDSA P-256 / SHA-256 over
 * `${name}@${version}:${integrity}`, where integrity is the registry's `dist.integrity`.
 */

export interface RegistrySignature {
  keyid: string;
  sig: string;
}

export function parseSignatures(value: unknown): { signatures: RegistrySignature[]; malformed: number } {
  if (!Array.isArray(value)) return { signatures: [], malformed: value === undefined ? 0 : 1 };
  const signatures: RegistrySignature[] = [];
  let malformed = 0;
  for (const entry of value) {
    const keyid = isRecord(entry) ? str(entry.keyid) : undefined;
    const sig = isRecord(entry) ? str(entry.sig) : undefined;
    if (keyid && sig) signatures.push({ keyid, sig });
    else malformed++;
  }
  return { signatures, malformed };
}

export interface SignedVersion {
  name: string;
  version: string;
  /** The registry's `dist.integrity`: what the registry signed. */
  integrity: string;
  signatures: readonly RegistrySignature[];
  /** Publish time of the version; picks the key that was valid then. */
  publishedAt: Date;
}

/**
 * Checks every signature. Verified when at least one signature verifies under a key valid at
 * publish time and none fails; a signature that fails, or that names an expired key, makes the
 * version invalid. Signatures under key ids the registry does not publish are ignored when another
 * verifies (a key added after our key list was fetched), and invalid otherwise.
 */
export function verifyRegistrySignatures(version: SignedVersion, keys: RegistryKeys): SignatureCheck {
  const message = Buffer.from(`${version.name}@${version.version}:${version.integrity}`, 'utf8');
  let verifiedKey: string | undefined;
  let unknown: SignatureCheck | undefined;
  let unsupported: SignatureCheck | undefined;
  for (const signature of version.signatures) {
    const selection = selectSignatureKeys(keys, signature.keyid, version.publishedAt);
    if (!selection.ok) {
      const check: SignatureCheck = {
        status: selection.code === 'unsupported-key' ? 'unavailable' : 'invalid',
        code: selection.code,
        reason: selection.reason,
        keyId: signature.keyid,
      };
      if (selection.code === 'key-expired') return check;
      if (selection.code === 'unknown-key') unknown ??= check;
      else unsupported ??= check;
      continue;
    }
    if (!selection.keys.some((key) => verifiesUnder(message, signature.sig, key.publicKey))) {
      return {
        status: 'invalid',
        code: 'bad-signature',
        reason: `the registry signature by ${signature.keyid} does not match ${version.name}@${version.version} with integrity ${version.integrity}: the metadata may have been tampered with`,
        keyId: signature.keyid,
      };
    }
    verifiedKey ??= signature.keyid;
  }
  if (verifiedKey) {
    return { status: 'verified', code: 'verified', reason: `registry signature verified with key ${verifiedKey}`, keyId: verifiedKey };
  }
  if (unknown) return unknown;
  if (unsupported) return unsupported;
  return { status: 'invalid', code: 'malformed-signature', reason: 'the registry signature entries are malformed' };
}

function verifiesUnder(message: Buffer, signatureBase64: string, key: KeyObject): boolean {
  try {
    return verify('sha256', message, { key, dsaEncoding: 'der' }, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}
