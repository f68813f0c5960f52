import { field, isRecord, str } from '../json';

/**
 * The part of an npm packument the checks use, as plain JSON (so the store can cache it and what
 * comes back from the cache goes through the same parser). Both the abbreviated ("corgi") and the
 * full document reduce to this; only the full one has per-version publish times.
 */

export interface PackumentVersion {
  integrity?: string;
  shasum?: string;
  tarball?: string;
  /** `dist.signatures` as served, validated later. */
  signatures?: unknown;
  attestations?: { url?: string; provenancePredicateType?: string };
}

export interface Packument {
  name: string;
  /** Last modification of the whole document (both shapes carry it). */
  modified?: string;
  versions: Record<string, PackumentVersion>;
  /** Publish time per version; only in full documents. */
  time?: Record<string, string>;
}

export type PackumentOutcome = { ok: true; packument: Packument } | { ok: false; reason: string };

export function reducePackument(doc: unknown, expectedName: string): PackumentOutcome {
  if (!isRecord(doc)) return { ok: false, reason: 'the packument is not a JSON object' };
  const name = str(doc.name);
  if (name !== undefined && name !== expectedName) return { ok: false, reason: `the registry answered for ${name}, not ${expectedName}` };
  const rawVersions = doc.versions;
  if (!isRecord(rawVersions)) return { ok: false, reason: 'the packument has no versions' };
  const versions: Record<string, PackumentVersion> = {};
  for (const [version, manifest] of Object.entries(rawVersions)) {
    if (!isRecord(manifest)) continue;
    versions[version] = reduceVersion(isRecord(manifest.dist) ? manifest.dist : manifest);
  }
  const time = reduceTime(doc.time);
  const modified = str(doc.modified) ?? (time ? time.modified : undefined);
  return {
    ok: true,
    packument: { name: expectedName, ...(modified ? { modified } : {}), versions, ...(time ? { time } : {}) },
  };
}

function reduceVersion(dist: Record<string, unknown>): PackumentVersion {
  const attestations = dist.attestations;
  const reduced: PackumentVersion = {};
  const integrity = str(dist.integrity);
  const shasum = str(dist.shasum);
  const tarball = str(dist.tarball);
  if (integrity) reduced.integrity = integrity;
  if (shasum) reduced.shasum = shasum;
  if (tarball) reduced.tarball = tarball;
  if (dist.signatures !== undefined) reduced.signatures = dist.signatures;
  if (isRecord(attestations)) {
    const url = str(attestations.url);
    const predicateType = str(field(attestations.provenance, 'predicateType')) ?? str(attestations.provenancePredicateType);
    reduced.attestations = { ...(url ? { url } : {}), ...(predicateType ? { provenancePredicateType: predicateType } : {}) };
  }
  return reduced;
}

function reduceTime(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const time: Record<string, string> = {};
  for (const [key, when] of Object.entries(value)) {
    if (typeof when === 'string' && !Number.isNaN(Date.parse(when))) time[key] = when;
  }
  return Object.keys(time).length > 0 ? time : undefined;
}

/**
 * When the registry does not say when a version was published, npm assumes before 2015 (the
 * oldest packuments have no `time`), which no current key window excludes. We do the same.
 */
export const MISSING_PUBLISH_TIME = new Date('2015-01-01T00:00:00.000Z');

export function publishTime(packument: Packument, version: string): Date | undefined {
  const when = packument.time?.[version];
  return when ? new Date(when) : undefined;
}
