import { sha512Hex } from '../integrity';
import { field, str } from '../json';
import { parseStatement } from '../sigstore/in-toto';
import { isSlsaProvenance, parseSlsaPredicate } from '../slsa';
import type { ProvenanceCache, ProvenanceCheck, ProvenanceSubject } from '../types';
import { cachedVerdict } from '../verdict-cache';
import { checkAttestation, parseAttestationsDocument, summarizeAttestations, type ExpectedSubject } from './attestations';
import type { PackumentVersion } from './packument';
import type { NpmRegistryClient } from './registry-client';
import type { RegistryTrust, TrustOutcome } from './registry-trust';

/** What a provenance check needs besides the package: where to ask, and what to verify against. */
export interface ProvenanceDeps {
  registry: string;
  registryTrust: RegistryTrust;
  client: NpmRegistryClient;
  /** Loaded only when there is something to verify. */
  trust: () => Promise<TrustOutcome>;
  cache?: ProvenanceCache;
}

/**
 * The provenance verdict for one version: fetch its attestations when the packument advertises
 * them and verify every bundle.
 */
export async function checkProvenance(subject: ProvenanceSubject, entry: PackumentVersion, deps: ProvenanceDeps): Promise<ProvenanceCheck> {
  if (!entry.attestations) {
    if (deps.registryTrust.publishesKeys) return { status: 'none', code: 'no-attestations', reason: 'no provenance published', attestations: [] };
    return { status: 'unavailable', code: 'registry-without-attestations', reason: deps.registryTrust.noKeysReason, attestations: [] };
  }
  const fetched = await deps.client.attestations(deps.registry, subject.name, subject.version, entry.attestations.url);
  if (!fetched.ok) {
    return { status: 'unavailable', code: 'attestations-unavailable', reason: `the packument lists attestations but they could not be fetched: ${fetched.reason}`, attestations: [] };
  }
  const document = parseAttestationsDocument(fetched.doc);
  if (!document.ok) return { status: 'invalid', code: 'bundle-invalid', reason: document.reason, attestations: [] };
  const material = await deps.trust();
  if (!material.ok) return { status: 'unavailable', code: 'trusted-root-unavailable', reason: material.reason, attestations: [] };
  const expected = expectedSubject(subject, entry);
  const checks = await Promise.all(
    document.items.map((item) =>
      cachedVerdict(deps.cache, { item, subject: expected, trustFingerprint: material.fingerprint }, () => checkAttestation(item, expected, material.trust)),
    ),
  );
  return summarizeAttestations(checks);
}

/**
 * The source repository a version's provenance claims, read without verifying. Used only to rule
 * out a regression cheaply: when it names the same repository as the verified current version
 * there is nothing to report; anything else is verified before it may raise a warning.
 */
export async function claimedRepository(subject: ProvenanceSubject, entry: PackumentVersion, deps: ProvenanceDeps): Promise<string | undefined> {
  if (!entry.attestations) return undefined;
  const fetched = await deps.client.attestations(deps.registry, subject.name, subject.version, entry.attestations.url);
  if (!fetched.ok) return undefined;
  const document = parseAttestationsDocument(fetched.doc);
  const item = document.ok ? document.items.find((i) => isSlsaProvenance(i.predicateType)) : undefined;
  const payload = str(field(field(item?.bundle, 'dsseEnvelope'), 'payload'));
  if (!payload) return undefined;
  const statement = parseStatement(Buffer.from(payload, 'base64'));
  return statement.ok ? parseSlsaPredicate(statement.statement.predicateType, statement.statement.predicate).sourceRepository : undefined;
}

/** The lockfile's sha512 when it has one (that is what gets installed), else the registry's. */
export function expectedSubject(subject: ProvenanceSubject, entry: PackumentVersion): ExpectedSubject {
  const fromLockfile = sha512Hex(subject.integrity);
  if (fromLockfile) return { name: subject.name, version: subject.version, sha512: fromLockfile, digestSource: 'lockfile' };
  const fromRegistry = sha512Hex(entry.integrity);
  return { name: subject.name, version: subject.version, ...(fromRegistry ? { sha512: fromRegistry } : {}), digestSource: 'registry' };
}
