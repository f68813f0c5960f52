import type { Dispatcher } from 'undici';
import { HostBreaker } from '../../net/host-breaker';
import { createLimiter } from '../limit';
import { registrySubjects } from '../lockfile-subjects';
import { detectRegression, sameRepository } from '../regression';
import { recalledResult, rememberResult, resultKey } from '../result-cache';
import type { TrustedRootOutcome } from '../trusted-root';
import type {
  PackageProvenance,
  ProvenanceCheck,
  ProvenanceContext,
  ProvenanceProvider,
  ProvenanceRegression,
  ProvenanceSubject,
  SignatureCheck,
} from '../types';
import { npmRegistryConfigFor } from './config-files';
import { NPM_PUBLIC_REGISTRY, normalizeRegistryUrl, registryForPackage } from './npmrc';
import { MISSING_PUBLISH_TIME, publishTime, type Packument, type PackumentVersion } from './packument';
import { previousVersion } from './previous-version';
import { checkProvenance, claimedRepository, type ProvenanceDeps } from './provenance-check';
import { NpmRegistryClient } from './registry-client';
import { attestationTrust, loadRegistryTrust, type RegistryTrust, type TrustOutcome } from './registry-trust';
import { resolvedElsewhere } from './resolved-host';
import { checkSignature } from './signature-check';

/**
 * The npm pipeline: per locked package, the packument entry → registry signature → attestations →
 * comparison with the previous version. One session per `check` call holds what is shared
 * (registry keys, the trusted root, in-flight requests); nothing lives at module level. Offline, no
 * request is made: each package shows its last stored verdict (with its age) or "offline: not checked".
 */
export const npmProvenanceProvider: ProvenanceProvider = {
  ecosystem: 'npm',
  subjects: (files) => registrySubjects(files),
  registryConfig(options) {
    const config = npmRegistryConfigFor(options.path, {
      trusted: options.trusted,
      env: options.env,
      home: options.home,
      ...(options.override ? { cliRegistry: options.override } : {}),
    });
    return (name) => registryForPackage(config, name);
  },
  check(subjects, ctx) {
    const session = ctx.dispatcher && !ctx.offline ? new NpmCheckSession(ctx, ctx.dispatcher) : undefined;
    return Promise.all(subjects.map((subject) => checkOne(subject, ctx, session).catch((err: unknown) => failed(subject, undefined, `internal error: ${String(err)}`))));
  },
};

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_TIMEOUT_MS = 15_000;

/** One package: its registry from configuration, then a fresh verdict, or offline the stored one. */
async function checkOne(subject: ProvenanceSubject, ctx: ProvenanceContext, session: NpmCheckSession | undefined): Promise<PackageProvenance> {
  const configured = ctx.registryFor('npm', subject.name) ?? NPM_PUBLIC_REGISTRY;
  const registry = normalizeRegistryUrl(configured);
  if (!registry) return failed(subject, undefined, `the registry URL ${configured} is not an http(s) URL`);
  const key = resultKey(registry, subject);
  const elsewhere = resolvedElsewhere(subject.resolved, registry);
  const withSource = (result: PackageProvenance): PackageProvenance => (elsewhere ? { ...result, resolvedElsewhere: elsewhere } : result);
  if (!session) return withSource((await recalledResult(ctx.cache, key)) ?? notChecked(subject, registry, ctx.offline ? undefined : 'not checked: no network client configured'));
  const result = await session.verdict(subject, registry);
  await rememberResult(ctx.cache, key, result, Date.now());
  return withSource(result);
}

class NpmCheckSession {
  private readonly client: NpmRegistryClient;
  private readonly registryTrust = new Map<string, Promise<RegistryTrust>>();
  private readonly attestationTrust = new Map<string, Promise<TrustOutcome>>();
  private rootOutcome: Promise<TrustedRootOutcome> | undefined;

  constructor(
    private readonly ctx: ProvenanceContext,
    dispatcher: Dispatcher,
  ) {
    this.client = new NpmRegistryClient({
      http: { dispatcher, breaker: ctx.breaker ?? new HostBreaker() },
      limit: createLimiter(ctx.concurrency ?? DEFAULT_CONCURRENCY),
      timeoutMs: ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.cache ? { cache: ctx.cache } : {}),
    });
  }

  async verdict(subject: ProvenanceSubject, registry: string): Promise<PackageProvenance> {
    const [trust, found] = await Promise.all([this.trustOf(registry), this.versionEntry(registry, subject)]);
    if (!found.ok) return failed(subject, registry, found.reason, found.notFound);
    const { packument, entry } = found;
    const modified = packument.modified ? new Date(packument.modified) : undefined;
    const [signature, provenance] = await Promise.all([
      checkSignature(subject, entry, trust, modified, () => this.publishTimeOf(registry, subject)),
      checkProvenance(subject, entry, this.deps(registry, trust)),
    ]);
    const regression = this.ctx.checkRegression === false ? undefined : await this.regressionOf(registry, subject, packument, trust, provenance);
    return {
      ecosystem: 'npm',
      name: subject.name,
      version: subject.version,
      registry,
      signature,
      provenance,
      ...(regression ? { regression } : {}),
    };
  }

  private async versionEntry(
    registry: string,
    subject: ProvenanceSubject,
  ): Promise<{ ok: true; packument: Packument; entry: PackumentVersion } | { ok: false; reason: string; notFound: boolean }> {
    let fetched = await this.client.packument(registry, subject.name, false);
    // A version newer than a cached packument: ask the registry once more.
    if (fetched.ok && fetched.fromCache && !fetched.packument.versions[subject.version]) {
      fetched = await this.client.packument(registry, subject.name, false, true);
    }
    if (!fetched.ok) {
      return { ok: false, notFound: fetched.notFound, reason: fetched.notFound ? `${subject.name} is not on ${registry}` : fetched.reason };
    }
    const entry = fetched.packument.versions[subject.version];
    if (!entry) return { ok: false, notFound: true, reason: `${subject.name}@${subject.version} is not on ${registry}` };
    return { ok: true, packument: fetched.packument, entry };
  }

  /** Publish time from the full packument, which the abbreviated one does not carry (as npm does). */
  private async publishTimeOf(registry: string, subject: ProvenanceSubject): Promise<{ ok: true; at: Date } | { ok: false; reason: string }> {
    const full = await this.client.packument(registry, subject.name, true);
    if (!full.ok) return { ok: false, reason: full.reason };
    return { ok: true, at: publishTime(full.packument, subject.version) ?? MISSING_PUBLISH_TIME };
  }

  private async regressionOf(
    registry: string,
    subject: ProvenanceSubject,
    packument: Packument,
    trust: RegistryTrust,
    current: ProvenanceCheck,
  ): Promise<ProvenanceRegression | undefined> {
    if (current.status !== 'none' && current.status !== 'verified') return undefined;
    const previous = previousVersion(subject.version, Object.keys(packument.versions));
    const previousEntry = previous ? packument.versions[previous] : undefined;
    if (!previous || !previousEntry?.attestations?.provenancePredicateType) return undefined;
    let previousRepository: string | undefined;
    if (current.status === 'verified') {
      const deps = this.deps(registry, trust);
      const previousSubject = { name: subject.name, version: previous };
      const claimed = await claimedRepository(previousSubject, previousEntry, deps);
      const currentRepository = current.slsa?.sourceRepository;
      if (!claimed || !currentRepository || sameRepository(claimed, currentRepository)) return undefined;
      // Only a verified previous provenance may accuse the current one of changing source.
      const previousCheck = await checkProvenance(previousSubject, previousEntry, deps);
      if (previousCheck.status !== 'verified') return undefined;
      previousRepository = previousCheck.slsa?.sourceRepository;
    }
    return detectRegression(
      { version: subject.version, hasProvenance: current.status === 'verified', ...(current.slsa?.sourceRepository ? { repository: current.slsa.sourceRepository } : {}) },
      { version: previous, hasProvenance: true, ...(previousRepository ? { repository: previousRepository } : {}) },
    );
  }

  private deps(registry: string, registryTrust: RegistryTrust): ProvenanceDeps {
    return {
      registry,
      registryTrust,
      client: this.client,
      trust: () => this.attestationTrustOf(registry, registryTrust),
      ...(this.ctx.cache ? { cache: this.ctx.cache } : {}),
    };
  }

  private trustOf(registry: string): Promise<RegistryTrust> {
    let pending = this.registryTrust.get(registry);
    if (!pending) {
      pending = loadRegistryTrust(registry, this.client, this.ctx.trustedKeys);
      this.registryTrust.set(registry, pending);
    }
    return pending;
  }

  private attestationTrustOf(registry: string, trust: RegistryTrust): Promise<TrustOutcome> {
    let pending = this.attestationTrust.get(registry);
    if (!pending) {
      pending = this.root().then((root) => attestationTrust(root, trust.keys));
      this.attestationTrust.set(registry, pending);
    }
    return pending;
  }

  private root(): Promise<TrustedRootOutcome> {
    this.rootOutcome ??= this.ctx.trustedRoot().catch((err: unknown) => ({ ok: false as const, reason: `trusted root failed to load: ${String(err)}` }));
    return this.rootOutcome;
  }
}

/** Offline (or with no way to ask): both checks `unavailable`, code `offline`, never an error. */
function notChecked(subject: ProvenanceSubject, registry: string, why = 'offline: not checked'): PackageProvenance {
  const signature: SignatureCheck = { status: 'unavailable', code: 'offline', reason: why };
  const provenance: ProvenanceCheck = { status: 'unavailable', code: 'offline', reason: why, attestations: [] };
  return { ecosystem: 'npm', name: subject.name, version: subject.version, registry, signature, provenance };
}

/** Both checks `unavailable` with one reason: the registry had nothing to check. */
function failed(subject: ProvenanceSubject, registry: string | undefined, reason: string, notFound = false): PackageProvenance {
  const signature: SignatureCheck = { status: 'unavailable', code: notFound ? 'version-not-found' : 'registry-error', reason };
  const provenance: ProvenanceCheck = { status: 'unavailable', code: notFound ? 'version-not-found' : 'registry-error', reason, attestations: [] };
  return { ecosystem: 'npm', name: subject.name, version: subject.version, ...(registry ? { registry } : {}), signature, provenance };
}
