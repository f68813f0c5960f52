import { createHash } from 'node:crypto';
import type { EcosystemName } from '../core/package';
import { field, isRecord, str } from './json';
import {
  PROVENANCE_CODES,
  PROVENANCE_STATUSES,
  SIGNATURE_CODES,
  SIGNATURE_STATUSES,
  type PackageProvenance,
  type ProvenanceCache,
  type ProvenanceCheck,
  type ProvenanceRegression,
  type ProvenanceSubject,
  type SignatureCheck,
} from './types';
import { readLog, readSigner, readSlsa, readVerdict } from './verdict-cache';

/**
 * Each package's last verdict, kept so that offline mode can show what was known, with its age,
 * without a single request. The key covers everything the verdict depends on that the lockfile
 * states (registry, name, version, integrity). What comes back is rebuilt field by field.
 */

export const RESULT_CACHE_KIND = 'provenance-result';
/** Ecosystems whose verdicts are stored (those with a provider). */
const CHECKED_ECOSYSTEMS: readonly EcosystemName[] = ['npm', 'PyPI', 'Go'];
/** How long a verdict stays available offline. */
export const RESULT_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function resultKey(registry: string, subject: ProvenanceSubject): string {
  const pins = subject.artifacts?.length ? [subject.integrity ?? '', subject.artifacts.map((a) => `${a.name ?? ''} ${a.hash}`)] : [subject.integrity ?? ''];
  return createHash('sha256').update(JSON.stringify([registry, subject.name, subject.version, ...pins])).digest('hex');
}

/** A stored verdict younger than this that says the same is not written again (a write costs a commit). */
const UNCHANGED_REFRESH_MS = 60 * 60 * 1000;

/** Stores a verdict worth showing later: not one that only says the registry could not be asked. */
export async function rememberResult(cache: ProvenanceCache | undefined, key: string, result: PackageProvenance, checkedAt: number): Promise<void> {
  if (!cache || result.signature.code === 'registry-error' || result.signature.code === 'offline') return;
  const { resolvedElsewhere: _elsewhere, checkedAt: _at, ...verdict } = result;
  const digest = createHash('sha256').update(JSON.stringify(verdict)).digest('base64');
  try {
    const stored = await cache.get(RESULT_CACHE_KIND, key);
    const storedAt = field(stored, 'checkedAt');
    if (typeof storedAt === 'number' && checkedAt - storedAt < UNCHANGED_REFRESH_MS && field(stored, 'digest') === digest) return;
  } catch {
    // an unreadable entry is simply written again
  }
  try {
    await cache.set(RESULT_CACHE_KIND, key, { checkedAt, result: verdict, digest }, RESULT_TTL_MS);
  } catch {
    // A cache that cannot write costs the offline view of this package, nothing else.
  }
}

/** The verdict last stored under `key`, with `checkedAt`; undefined when none or unreadable. */
export async function recalledResult(cache: ProvenanceCache | undefined, key: string): Promise<PackageProvenance | undefined> {
  let value: unknown;
  try {
    value = await cache?.get(RESULT_CACHE_KIND, key);
  } catch {
    return undefined;
  }
  const checkedAt = field(value, 'checkedAt');
  const result = readResult(field(value, 'result'));
  return result && typeof checkedAt === 'number' && Number.isFinite(checkedAt) ? { ...result, checkedAt } : undefined;
}

function readResult(value: unknown): PackageProvenance | undefined {
  if (!isRecord(value)) return undefined;
  const name = str(value.name);
  const version = str(value.version);
  const signature = readSignature(value.signature);
  const provenance = readProvenance(value.provenance);
  if (!CHECKED_ECOSYSTEMS.includes(value.ecosystem as EcosystemName) || !name || !version || !signature || !provenance) return undefined;
  const registry = str(value.registry);
  const regression = readRegression(value.regression);
  return { ecosystem: value.ecosystem as EcosystemName, name, version, ...(registry ? { registry } : {}), signature, provenance, ...(regression ? { regression } : {}) };
}

function readSignature(value: unknown): SignatureCheck | undefined {
  const status = oneOf(field(value, 'status'), SIGNATURE_STATUSES);
  const code = oneOf(field(value, 'code'), SIGNATURE_CODES);
  const reason = field(value, 'reason');
  if (!status || !code || typeof reason !== 'string') return undefined;
  const keyId = str(field(value, 'keyId'));
  const authority = str(field(value, 'authority'));
  return { status, code, reason, ...(keyId ? { keyId } : {}), ...(authority ? { authority } : {}) };
}

function readProvenance(value: unknown): ProvenanceCheck | undefined {
  const status = oneOf(field(value, 'status'), PROVENANCE_STATUSES);
  const code = oneOf(field(value, 'code'), PROVENANCE_CODES);
  const reason = field(value, 'reason');
  const attestations = field(value, 'attestations');
  if (!status || !code || typeof reason !== 'string' || !Array.isArray(attestations)) return undefined;
  const check: ProvenanceCheck = { status, code, reason, attestations: attestations.map(readVerdict).filter((a) => a !== undefined) };
  const slsa = field(value, 'slsa');
  const read = readSlsa(slsa, str(field(slsa, 'predicateType')) ?? '', readLog({ logIndex: field(slsa, 'rekorLogIndex') }));
  if (read?.predicateType) check.slsa = read;
  const signer = readSigner(field(value, 'signer'));
  if (signer) check.signer = signer;
  return check;
}

function readRegression(value: unknown): ProvenanceRegression | undefined {
  const kind = field(value, 'kind');
  const previousVersion = str(field(value, 'previousVersion'));
  if ((kind !== 'provenance-dropped' && kind !== 'source-changed') || !previousVersion) return undefined;
  const previousRepository = str(field(value, 'previousRepository'));
  const currentRepository = str(field(value, 'currentRepository'));
  return { kind, previousVersion, ...(previousRepository ? { previousRepository } : {}), ...(currentRepository ? { currentRepository } : {}) };
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}
