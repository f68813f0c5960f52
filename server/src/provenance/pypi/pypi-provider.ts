import { HostBreaker } from '../../net/host-breaker';
import { createLimiter } from '../limit';
import { registrySubjects } from '../lockfile-subjects';
import { detectRegression, sameRepository } from '../regression';
import { recalledResult, rememberResult, resultKey } from '../result-cache';
import { buildTrustMaterial, type TrustMaterialOutcome } from '../sigstore/trust-material';
import type { TrustedRootOutcome } from '../trusted-root';
import type { AttestationCheck, PackageProvenance, ProvenanceCheck, ProvenanceContext, ProvenanceProvider, ProvenanceRegression, ProvenanceSubject, SignatureCheck } from '../types';
import { cachedVerdict, storedVerdict } from '../verdict-cache';
import { checkAttestation, summarizeFiles, type LockedFile } from './file-check';
import { pinnedFiles, previousRelease, type PinnedFile } from './files-on-index';
import { PypiIndexClient, type IndexFile, type ProjectPage } from './index-client';
import { PYPI_SIMPLE_INDEX, indexUrlFor } from './index-config';
import { readProvenanceObject } from './pep740-bundle';

/**
 * PyPI: per locked package, the files the lockfile pins (by name and sha256) are found on the
 * index's JSON Simple API page, their PEP 740 provenance is fetched through the Integrity API and
 * every attestation is verified (see file-check). PyPI signs nothing itself, so `signature` is
 * always "not provided". Offline, no request is made: each package shows its last stored verdict.
 * Lockfiles and requirements files pinned with `--hash` are both checked.
 */
export const pypiProvenanceProvider: ProvenanceProvider = {
  ecosystem: 'PyPI',
  subjects: (files) => registrySubjects(files, (f) => f.result.kind === 'lockfile' || f.result.packages.some((p) => p.artifacts?.length)),
  registryConfig(options) {
    const index = indexUrlFor(options);
    return () => index;
  },
  check(subjects, ctx) {
    const session = ctx.dispatcher && !ctx.offline ? new PypiCheckSession(ctx) : undefined;
    return Promise.all(subjects.map((subject) => checkOne(subject, ctx, session).catch((err: unknown) => unavailable(subject, undefined, 'registry-error', `internal error: ${String(err)}`))));
  },
};

/** As long as an index page stays cached (index-client): within it, a check would repeat itself. */
const FRESH_RESULT_MS = 60 * 60 * 1000;

const NOT_SIGNED: SignatureCheck = { status: 'unavailable', code: 'registry-without-keys', reason: 'PyPI does not sign files; the attestations are checked against the locked sha256' };

async function checkOne(subject: ProvenanceSubject, ctx: ProvenanceContext, session: PypiCheckSession | undefined): Promise<PackageProvenance> {
  const index = (ctx.registryFor('PyPI', subject.name) ?? PYPI_SIMPLE_INDEX).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/i.test(index)) return unavailable(subject, undefined, 'registry-error', `the index URL ${index} is not an http(s) URL`);
  const key = resultKey(index, subject);
  const recalled = await recalledResult(ctx.cache, key);
  if (!session) return recalled ?? unavailable(subject, index, 'offline', ctx.offline ? 'offline: not checked' : 'not checked: no network client configured');
  // A verdict younger than the cached index page it came from would be made again from the same inputs.
  if (recalled?.checkedAt !== undefined && Date.now() - recalled.checkedAt < FRESH_RESULT_MS) {
    const { checkedAt: _at, ...fresh } = recalled;
    return fresh;
  }
  const result = await session.verdict(subject, index);
  await rememberResult(ctx.cache, key, result, Date.now());
  return result;
}

class PypiCheckSession {
  private readonly client: PypiIndexClient;
  private rootOutcome: Promise<TrustedRootOutcome> | undefined;
  private trust: TrustMaterialOutcome | undefined;

  constructor(private readonly ctx: ProvenanceContext) {
    this.client = new PypiIndexClient({
      http: { dispatcher: ctx.dispatcher!, breaker: ctx.breaker ?? new HostBreaker() },
      limit: createLimiter(ctx.concurrency ?? 8),
      timeoutMs: ctx.timeoutMs ?? 15_000,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.cache ? { cache: ctx.cache } : {}),
    });
  }

  async verdict(subject: ProvenanceSubject, index: string): Promise<PackageProvenance> {
    if (!subject.artifacts?.some((a) => a.hash.startsWith('sha256:'))) {
      return unavailable(subject, index, 'attestations-unavailable', 'the lockfile records no sha256 of its files to compare attestations with');
    }
    let fetched = await this.client.project(index, subject.name);
    if (fetched.ok && fetched.fromCache && pinnedFiles(subject, fetched.page).length === 0) fetched = await this.client.project(index, subject.name, true);
    if (!fetched.ok) return unavailable(subject, index, fetched.notFound ? 'version-not-found' : 'registry-error', fetched.reason);
    const pinned = pinnedFiles(subject, fetched.page);
    if (pinned.length === 0) return unavailable(subject, index, 'version-not-found', `none of the locked files of ${subject.name} ${subject.version} is on ${index}`);
    const provenance = await this.filesProvenance(index, subject, pinned);
    const regression = this.ctx.checkRegression === false ? undefined : await this.regressionOf(index, subject, fetched.page, provenance);
    return { ecosystem: 'PyPI', name: subject.name, version: subject.version, registry: index, signature: NOT_SIGNED, provenance, ...(regression ? { regression } : {}) };
  }

  private async filesProvenance(index: string, subject: { name: string; version: string }, files: readonly PinnedFile[]): Promise<ProvenanceCheck> {
    if (files.every((f) => f.onIndex.provenance === null)) return { status: 'none', code: 'no-attestations', reason: 'no provenance published', attestations: [] };
    const checks: AttestationCheck[] = [];
    let without = 0;
    for (const file of files) {
      const outcome = await this.fileChecks(index, subject, file);
      if ('status' in outcome) return outcome;
      if (outcome.checks.length === 0) without++;
      checks.push(...outcome.checks);
    }
    return summarizeFiles(checks, without);
  }

  /** The verdicts on one file's attestations, or the package's outcome when they cannot be had. */
  private async fileChecks(index: string, subject: { name: string; version: string }, file: PinnedFile): Promise<{ checks: AttestationCheck[] } | ProvenanceCheck> {
    if (file.onIndex.provenance === null) return { checks: [] };
    const fetched = await this.client.provenance(index, subject.name, subject.version, file.onIndex);
    if (!fetched.ok) {
      // No `provenance` key on the Simple API and no Integrity API: a mirror that does not speak PEP 740.
      if (fetched.notFound && file.onIndex.provenance === undefined) {
        return { status: 'unavailable', code: 'registry-without-attestations', reason: `${index} offers no Integrity API (PEP 740): a mirror without provenance`, attestations: [] };
      }
      return { status: 'unavailable', code: 'attestations-unavailable', reason: `the provenance of ${file.filename} could not be fetched: ${fetched.reason}`, attestations: [] };
    }
    const object = readProvenanceObject(fetched.doc);
    if (!object.ok) return { status: 'invalid', code: 'bundle-invalid', reason: `${file.filename}: ${object.reason}`, attestations: [] };
    const root = await this.root();
    if (!root.ok) return { status: 'unavailable', code: 'trusted-root-unavailable', reason: root.reason, attestations: [] };
    const locked: LockedFile = { filename: file.filename, sha256: file.sha256 };
    // The provenance object's digest and the attestation's place in it name the attestation and its publisher.
    const inputs = object.bundles.flatMap((bundle, b) =>
      bundle.attestations.map((attestation, a) => ({ bundle, attestation, key: { item: [fetched.digest, b, a], subject: locked, trustFingerprint: root.digest } })),
    );
    // Verdicts are cached: the trust material (certificates parsed in JavaScript) is built only for a new one.
    const stored = await Promise.all(inputs.map((i) => storedVerdict(this.ctx.cache, i.key)));
    if (stored.every((s) => s !== undefined)) return { checks: stored as AttestationCheck[] };
    const trust = this.trustMaterial(root);
    if (!trust.ok) return { status: 'unavailable', code: 'trusted-root-unavailable', reason: trust.reason, attestations: [] };
    const checks = inputs.map((i, n) => stored[n] ?? cachedVerdict(this.ctx.cache, i.key, () => checkAttestation(i.attestation, i.bundle, locked, trust.trust)));
    return { checks: await Promise.all(checks) };
  }

  private async regressionOf(index: string, subject: ProvenanceSubject, page: ProjectPage, current: ProvenanceCheck): Promise<ProvenanceRegression | undefined> {
    if (current.status !== 'none' && current.status !== 'verified') return undefined;
    const previous = previousRelease(page, subject.name, subject.version);
    const attested = previous?.files.filter((f): f is IndexFile & { sha256: string } => f.provenance !== null && f.provenance !== undefined && !!f.sha256);
    if (!previous || !attested?.length) return undefined;
    let previousRepository: string | undefined;
    if (current.status === 'verified') {
      const file = attested[0]!;
      const check = await this.filesProvenance(index, { name: subject.name, version: previous.version }, [{ filename: file.filename, sha256: file.sha256, onIndex: file }]);
      previousRepository = check.status === 'verified' ? check.slsa?.sourceRepository : undefined;
      const now = current.slsa?.sourceRepository;
      if (!previousRepository || !now || sameRepository(previousRepository, now)) return undefined;
    }
    return detectRegression(
      { version: subject.version, hasProvenance: current.status === 'verified', ...(current.slsa?.sourceRepository ? { repository: current.slsa.sourceRepository } : {}) },
      { version: previous.version, hasProvenance: true, ...(previousRepository ? { repository: previousRepository } : {}) },
    );
  }

  private root(): Promise<TrustedRootOutcome> {
    this.rootOutcome ??= this.ctx.trustedRoot().catch((err: unknown) => ({ ok: false as const, reason: `trusted root failed to load: ${String(err)}` }));
    return this.rootOutcome;
  }

  private trustMaterial(root: Extract<TrustedRootOutcome, { ok: true }>): TrustMaterialOutcome {
    this.trust ??= buildTrustMaterial(root.root);
    return this.trust;
  }
}

function unavailable(subject: ProvenanceSubject, index: string | undefined, code: ProvenanceCheck['code'], reason: string): PackageProvenance {
  const signature: SignatureCheck = code === 'offline' ? { status: 'unavailable', code: 'offline', reason } : NOT_SIGNED;
  return { ecosystem: 'PyPI', name: subject.name, version: subject.version, ...(index ? { registry: index } : {}), signature, provenance: { status: 'unavailable', code, reason, attestations: [] } };
}
