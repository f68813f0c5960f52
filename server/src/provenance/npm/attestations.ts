import type { TrustMaterial } from '@sigstore/verify';
import { field, str } from '../json';
import { verifyAttestationBundle } from '../sigstore/bundle-verifier';
import type { FulcioClaims } from '../sigstore/fulcio-claims';
import type { InTotoStatement } from '../sigstore/in-toto';
import { isSlsaProvenance, parseSlsaPredicate } from '../slsa';
import type { AttestationCheck, ProvenanceCheck, SlsaProvenance } from '../types';
import { parseNpmPurl } from './purl';

/**
 * npm attestations (`/-/npm/v1/attestations/<name>@<version>`): an SLSA provenance bundle signed
 * by the CI identity through Fulcio, and a publish attestation signed by the registry's key. Every
 * bundle must verify, name this package and version, and carry the expected sha512 digest.
 */

export const NPM_PUBLISH_PREDICATE = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';

export interface AttestationItem {
  predicateType: string;
  bundle: unknown;
}

export type AttestationsDocument = { ok: true; items: AttestationItem[] } | { ok: false; reason: string };

/** Reads the registry's attestations answer `{ attestations: [{ predicateType, bundle }] }`. */
export function parseAttestationsDocument(doc: unknown): AttestationsDocument {
  const list = field(doc, 'attestations');
  if (!Array.isArray(list)) return { ok: false, reason: 'the attestations answer has no `attestations` list' };
  const items: AttestationItem[] = [];
  for (const entry of list) {
    const predicateType = str(field(entry, 'predicateType'));
    const bundle = field(entry, 'bundle');
    if (predicateType && bundle !== undefined) items.push({ predicateType, bundle });
  }
  return { ok: true, items };
}

export interface ExpectedSubject {
  name: string;
  version: string;
  /** The sha512 (hex) the subject must carry. */
  sha512?: string;
  /** Where `sha512` came from, for messages. */
  digestSource: 'lockfile' | 'registry';
}

export function checkAttestation(item: AttestationItem, expected: ExpectedSubject, trust: TrustMaterial): AttestationCheck {
  const kind: AttestationCheck['kind'] = isSlsaProvenance(item.predicateType)
    ? 'provenance'
    : item.predicateType === NPM_PUBLISH_PREDICATE
      ? 'publish'
      : 'other';
  const base = { predicateType: item.predicateType, kind };
  const verified = verifyAttestationBundle(item.bundle, trust);
  if (!verified.ok) {
    const transparencyLog = verified.transparencyLog ? { transparencyLog: verified.transparencyLog } : {};
    if (verified.failure === 'key-unknown' && kind === 'publish') {
      return { ...base, status: 'unavailable', code: 'attestations-unavailable', reason: `publish attestation: ${verified.reason}`, ...transparencyLog };
    }
    return { ...base, status: 'invalid', code: 'bundle-invalid', reason: `${label(kind)}: ${verified.reason}`, ...transparencyLog };
  }
  const { statement, signer, claims, transparencyLog } = verified;
  const found = { signer, ...(transparencyLog ? { transparencyLog } : {}) };
  const invalid = (code: AttestationCheck['code'], reason: string): AttestationCheck => ({ ...base, status: 'invalid', code, reason: `${label(kind)}: ${reason}`, ...found });
  if (statement.predicateType !== item.predicateType) {
    return invalid('bundle-invalid', `the registry lists it as ${item.predicateType} but the signed statement is ${statement.predicateType}`);
  }
  const subjectProblem = checkSubject(statement, expected);
  if (subjectProblem) return invalid('subject-mismatch', subjectProblem);
  if (kind === 'publish') {
    if (!signer.keyId) return invalid('identity-mismatch', 'it is not signed by a registry key');
    const predicateName = str(field(statement.predicate, 'name'));
    const predicateVersion = str(field(statement.predicate, 'version'));
    if (predicateName !== expected.name || predicateVersion !== expected.version) {
      return invalid('subject-mismatch', `it describes ${predicateName ?? '?'}@${predicateVersion ?? '?'}`);
    }
    return { ...base, status: 'verified', code: 'verified', reason: 'publish attestation verified', ...found };
  }
  if (kind === 'provenance') {
    if (signer.keyId) return invalid('identity-mismatch', 'it is signed by a key, not by a CI identity certificate');
    const slsa: SlsaProvenance = {
      ...parseSlsaPredicate(statement.predicateType, statement.predicate),
      ...(transparencyLog ? { rekorLogIndex: transparencyLog.logIndex, rekorUrl: transparencyLog.url } : {}),
    };
    const mismatch = identityProblem(slsa, claims);
    if (mismatch) return invalid('identity-mismatch', mismatch);
    return { ...base, status: 'verified', code: 'verified', reason: 'provenance verified', ...found, slsa };
  }
  return { ...base, status: 'verified', code: 'verified', reason: `attestation ${item.predicateType} verified`, ...found };
}

/** Combines the verdicts on every bundle into the package's provenance. */
export function summarizeAttestations(checks: AttestationCheck[]): ProvenanceCheck {
  if (checks.length === 0) return { status: 'none', code: 'no-attestations', reason: 'no attestations published', attestations: checks };
  const invalid = checks.find((c) => c.status === 'invalid' && c.kind === 'provenance') ?? checks.find((c) => c.status === 'invalid');
  if (invalid) return { status: 'invalid', code: invalid.code, reason: invalid.reason, attestations: checks };
  const provenance = checks.find((c) => c.kind === 'provenance' && c.status === 'verified');
  if (provenance) {
    return {
      status: 'verified',
      code: 'verified',
      reason: 'provenance verified',
      ...(provenance.slsa ? { slsa: provenance.slsa } : {}),
      ...(provenance.signer ? { signer: provenance.signer } : {}),
      attestations: checks,
    };
  }
  const unavailable = checks.find((c) => c.kind === 'provenance' && c.status === 'unavailable');
  if (unavailable) return { status: 'unavailable', code: unavailable.code, reason: unavailable.reason, attestations: checks };
  return { status: 'none', code: 'no-provenance-predicate', reason: 'attestations carry no build provenance (publish attestation only)', attestations: checks };
}

function checkSubject(statement: InTotoStatement, expected: ExpectedSubject): string | undefined {
  const subject = statement.subjects.find((s) => {
    const purl = parseNpmPurl(s.name);
    return purl && purl.name === expected.name && purl.version === expected.version;
  });
  if (!subject) {
    return `it is about ${statement.subjects.map((s) => s.name).join(', ')}, not ${expected.name}@${expected.version}`;
  }
  if (!expected.sha512) return `there is no sha512 integrity to compare its subject digest with`;
  const digest = subject.digest.sha512;
  if (digest !== expected.sha512) {
    return `its subject digest sha512:${short(digest)} differs from the ${expected.digestSource} integrity sha512:${short(expected.sha512)}`;
  }
  return undefined;
}

/**
 * What the predicate claims about its source must be what the certificate's CI identity says: the
 * build writes the predicate, but the OIDC token behind the certificate comes from the CI service.
 */
export function identityProblem(slsa: SlsaProvenance, claims: FulcioClaims): string | undefined {
  if (claims.sourceRepository && slsa.sourceRepository && normalizeRepo(claims.sourceRepository) !== normalizeRepo(slsa.sourceRepository)) {
    return `the predicate names ${slsa.sourceRepository} but the signing certificate was issued to ${claims.sourceRepository}`;
  }
  if (claims.sourceDigest && slsa.commit && claims.sourceDigest.toLowerCase() !== slsa.commit.toLowerCase()) {
    return `the predicate names commit ${slsa.commit} but the signing certificate was issued for ${claims.sourceDigest}`;
  }
  return undefined;
}

function normalizeRepo(url: string): string {
  return url.toLowerCase().replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/+$/, '');
}

function short(hex: string | undefined): string {
  return hex ? `${hex.slice(0, 12)}…` : 'missing';
}

function label(kind: AttestationCheck['kind']): string {
  return kind === 'provenance' ? 'provenance attestation' : kind === 'publish' ? 'publish attestation' : 'attestation';
}
