import { createHash } from 'node:crypto';
import { field, isRecord, str } from './json';
import { rekorSearchUrl } from './slsa';
import type { AttestationCheck, ProvenanceCache, SignerIdentity, SlsaProvenance, TransparencyLogRef } from './types';

/**
 * Verdicts on attestation bundles, cached. Verifying a Fulcio-signed bundle costs tens of
 * milliseconds (certificate chain and SCTs in JavaScript), and the verdict depends only on the
 * bundle, the package it is checked for, and the trust material: the key covers all three, so a
 * cached verdict is reused only for identical inputs. What comes back is validated field by field.
 */

export const VERDICT_CACHE_KIND = 'attestation-verdict';
export const VERDICT_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface VerdictInputs {
  item: unknown;
  subject: unknown;
  trustFingerprint: string;
}

export function verdictKey(inputs: VerdictInputs): string {
  return createHash('sha256').update(JSON.stringify([inputs.trustFingerprint, inputs.subject, inputs.item]) ?? '').digest('hex');
}

/** The stored verdict for these inputs, if any (nothing is computed). */
export async function storedVerdict(cache: ProvenanceCache | undefined, inputs: VerdictInputs): Promise<AttestationCheck | undefined> {
  try {
    return cache ? readVerdict(await cache.get(VERDICT_CACHE_KIND, verdictKey(inputs))) : undefined;
  } catch {
    return undefined;
  }
}

export async function cachedVerdict(cache: ProvenanceCache | undefined, inputs: VerdictInputs, compute: () => AttestationCheck): Promise<AttestationCheck> {
  if (!cache) return compute();
  const key = verdictKey(inputs);
  try {
    const hit = readVerdict(await cache.get(VERDICT_CACHE_KIND, key));
    if (hit) return hit;
  } catch {
    // an unreadable cache only costs the verification
  }
  const verdict = compute();
  try {
    await cache.set(VERDICT_CACHE_KIND, key, verdict, VERDICT_TTL_MS);
  } catch {
    // ditto
  }
  return verdict;
}

const KINDS = new Set(['provenance', 'publish', 'other']);
const STATUSES = new Set(['verified', 'invalid', 'unavailable']);
const CODES = new Set(['verified', 'bundle-invalid', 'subject-mismatch', 'identity-mismatch', 'attestations-unavailable', 'no-trusted-publisher']);
const SLSA_FIELDS = ['buildType', 'sourceRepository', 'commit', 'workflowPath', 'ref', 'builderId', 'buildTrigger', 'invocationUrl', 'publishedVia'] as const;

/** A cached verdict rebuilt from known fields only; undefined when anything is off. */
export function readVerdict(value: unknown): AttestationCheck | undefined {
  if (!isRecord(value)) return undefined;
  const predicateType = str(value.predicateType);
  const kind = str(value.kind);
  const status = str(value.status);
  const code = str(value.code);
  const reason = typeof value.reason === 'string' ? value.reason : undefined;
  if (!predicateType || !kind || !KINDS.has(kind) || !status || !STATUSES.has(status) || !code || !CODES.has(code) || reason === undefined) return undefined;
  const check: AttestationCheck = { predicateType, kind: kind as AttestationCheck['kind'], status: status as AttestationCheck['status'], code: code as AttestationCheck['code'], reason };
  const signer = readSigner(value.signer);
  if (signer) check.signer = signer;
  const log = readLog(value.transparencyLog);
  if (log) check.transparencyLog = log;
  const slsa = readSlsa(value.slsa, predicateType, log);
  if (slsa) check.slsa = slsa;
  return check;
}

/** SLSA facts rebuilt from known string fields; the Rekor entry comes from the verified log reference. */
export function readSlsa(value: unknown, predicateType: string, log: TransparencyLogRef | undefined): SlsaProvenance | undefined {
  if (!isRecord(value)) return undefined;
  const slsa: SlsaProvenance = { predicateType: str(value.predicateType) ?? predicateType };
  for (const name of SLSA_FIELDS) {
    const text = str(value[name]);
    if (text) slsa[name] = text;
  }
  if (log) {
    slsa.rekorLogIndex = log.logIndex;
    slsa.rekorUrl = log.url;
  }
  return slsa;
}

export function readSigner(value: unknown): SignerIdentity | undefined {
  if (!isRecord(value)) return undefined;
  const signer: SignerIdentity = {};
  for (const name of ['identity', 'issuer', 'keyId'] as const) {
    const text = str(value[name]);
    if (text) signer[name] = text;
  }
  return signer;
}

export function readLog(value: unknown): TransparencyLogRef | undefined {
  const logIndex = str(field(value, 'logIndex'));
  const url = rekorSearchUrl(logIndex);
  if (!logIndex || !url) return undefined;
  const integratedTime = str(field(value, 'integratedTime'));
  return { logIndex, url, ...(integratedTime && !Number.isNaN(Date.parse(integratedTime)) ? { integratedTime } : {}) };
}
