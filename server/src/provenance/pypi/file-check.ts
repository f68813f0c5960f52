import type { TrustMaterial } from '@sigstore/verify';
import { verifyAttestationBundle } from '../sigstore/bundle-verifier';
import { SLSA_PROVENANCE_V1, isSlsaProvenance } from '../slsa';
import type { AttestationCheck, ProvenanceCheck, ProvenanceCode, SlsaProvenance } from '../types';
import { bundleFromAttestation, type AttestationBundle } from './pep740-bundle';
import { matchPublisher } from './trusted-publisher';

/**
 * The verdict on one distribution file's PEP 740 attestations: every attestation must verify
 * against the trusted root, be about this file (subject name = file name, sha256 = the locked
 * hash), and be signed by the Trusted Publisher the index names. An attestation without a
 * publisher (an email or any other identity the index did not vouch for) is not provenance.
 */

export const PYPI_PUBLISH_PREDICATE = 'https://docs.pypi.org/attestations/publish/v1';

export interface LockedFile {
  filename: string;
  /** The sha256 the lockfile pins (hex). */
  sha256: string;
}

export function checkAttestation(attestation: unknown, bundle: AttestationBundle, file: LockedFile, trust: TrustMaterial): AttestationCheck {
  const rebuilt = bundleFromAttestation(attestation);
  if (!rebuilt.ok) return { predicateType: 'unknown', kind: 'other', status: 'invalid', code: 'bundle-invalid', reason: `${file.filename}: ${rebuilt.reason}` };
  const verified = verifyAttestationBundle(rebuilt.bundle, trust);
  if (!verified.ok) {
    return { predicateType: 'unknown', kind: 'other', status: 'invalid', code: 'bundle-invalid', reason: `${file.filename}: ${verified.reason}`, ...(verified.transparencyLog ? { transparencyLog: verified.transparencyLog } : {}) };
  }
  const { statement, signer, claims, transparencyLog } = verified;
  const predicateType = statement.predicateType;
  const kind: AttestationCheck['kind'] = predicateType === PYPI_PUBLISH_PREDICATE ? 'publish' : isSlsaProvenance(predicateType) ? 'provenance' : 'other';
  const found = { predicateType, kind, signer, ...(transparencyLog ? { transparencyLog } : {}) };
  const invalid = (code: ProvenanceCode, reason: string): AttestationCheck => ({ ...found, status: 'invalid', code, reason: `${file.filename}: ${reason}` });
  const subject = statement.subjects.find((s) => s.name === file.filename);
  if (!subject) return invalid('subject-mismatch', `the attestation is about ${statement.subjects.map((s) => s.name).join(', ')}, not this file`);
  if (subject.digest.sha256 !== file.sha256) {
    return invalid('subject-mismatch', `the attested sha256 ${short(subject.digest.sha256)} differs from the locked sha256 ${short(file.sha256)}: the locked file is not the one that was published`);
  }
  if (!bundle.publisher) {
    const who = signer.identity ? `signed by ${signer.identity}` : 'signed';
    return { ...found, status: 'unavailable', code: 'no-trusted-publisher', reason: `${file.filename}: ${who}, which the index names as no Trusted Publisher: not provenance` };
  }
  const match = matchPublisher(bundle.publisher, signer, claims);
  if (!match.ok) return invalid('identity-mismatch', match.reason);
  const facts = match.facts;
  const slsa: SlsaProvenance = {
    predicateType: kind === 'other' ? predicateType : kind === 'provenance' ? predicateType : PYPI_PUBLISH_PREDICATE,
    builderId: `${facts.kind} Trusted Publishing`,
    publishedVia: 'Trusted Publishing',
    ...(facts.repository ?? facts.account ? { sourceRepository: facts.repository ?? facts.account } : {}),
    ...(facts.workflow ? { workflowPath: facts.workflow } : {}),
    ...(claims.sourceDigest ? { commit: claims.sourceDigest } : {}),
    ...(claims.sourceRef ? { ref: claims.sourceRef } : {}),
    ...(claims.runInvocationUrl ? { invocationUrl: claims.runInvocationUrl } : {}),
    ...(transparencyLog ? { rekorLogIndex: transparencyLog.logIndex, rekorUrl: transparencyLog.url } : {}),
  };
  if (predicateType === SLSA_PROVENANCE_V1) slsa.buildType = 'SLSA provenance v1';
  return { ...found, status: 'verified', code: 'verified', reason: `${file.filename}: published by its Trusted Publisher`, slsa };
}

/** One package's provenance from the verdicts on all of its locked files. */
export function summarizeFiles(checks: readonly AttestationCheck[], filesWithout: number): ProvenanceCheck {
  const attestations = [...checks];
  const invalid = checks.find((c) => c.status === 'invalid');
  if (invalid) return { status: 'invalid', code: invalid.code, reason: invalid.reason, attestations };
  const verified = checks.find((c) => c.status === 'verified' && c.kind !== 'other') ?? checks.find((c) => c.status === 'verified');
  if (verified) {
    const partly = filesWithout > 0 ? `; ${filesWithout} other locked file${filesWithout === 1 ? ' has' : 's have'} none` : '';
    return { status: 'verified', code: 'verified', reason: `published by its Trusted Publisher${partly}`, ...(verified.slsa ? { slsa: verified.slsa } : {}), ...(verified.signer ? { signer: verified.signer } : {}), attestations };
  }
  const noPublisher = checks.find((c) => c.code === 'no-trusted-publisher');
  if (noPublisher) return { status: 'none', code: 'no-trusted-publisher', reason: noPublisher.reason, attestations };
  return { status: 'none', code: 'no-attestations', reason: 'no provenance published', attestations };
}

function short(hex: string | undefined): string {
  return hex ? `${hex.slice(0, 12)}…` : 'missing';
}
