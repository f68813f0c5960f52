import type { Dispatcher } from 'undici';
import type { DependencyFile } from '../analysis/dependency-file';
import type { EcosystemName, LockedArtifact } from '../core/package';
import type { HostBreaker } from '../net/host-breaker';
import type { TrustedRootOutcome } from './trusted-root';

/**
 * Contracts of the provenance engine: registry signatures and Sigstore attestations per resolved
 * package. Handlers, the CLI and reports consume `PackageProvenance`; each ecosystem plugs in a
 * `ProvenanceProvider` (npm now; PyPI PEP 740 and Maven Central later) without touching them.
 */

/** One resolved package as a lockfile records it. */
export interface ProvenanceSubject {
  /** The registry name (for an npm alias, the real package, not the alias). */
  name: string;
  version: string;
  /** Lockfile integrity (SRI, e.g. `sha512-…`; several hashes separated by spaces are allowed). */
  integrity?: string;
  /**
   * Where the package manager fetches it from. npm resolves the registry from configuration, so this
   * never chooses where Chainsight asks; a tarball URL on another host than the registry is reported
   * (`resolvedElsewhere`), because the registry's signature does not vouch for that host.
   */
  resolved?: string;
  /** The files the lockfile pins, by name and hash (PyPI distributions, Go's go.sum lines). */
  artifacts?: LockedArtifact[];
}

/**
 * `verified`: a registry signature checks out under a registry key valid at publish time, and it
 * covers the bytes the lockfile pins.
 * `invalid`: a signature fails, uses an expired or unknown key, the lockfile pins other bytes than
 * the registry signed, or the lockfile's integrity is malformed — possible tampering.
 * `unverified`: the registry's signature checks out, but the lockfile pins its bytes with a hash
 * the registry does not sign (`sha256-…` only), so the signature says nothing about what gets
 * installed. Never `verified`: what cannot be compared is not vouched for.
 * `missing`: the registry publishes signing keys but this version carries no signature.
 * `unavailable`: nothing to check here (a mirror that strips signatures, a private registry, the
 * registry could not be reached, the version is not on the registry, offline mode).
 */
export const SIGNATURE_STATUSES = ['verified', 'invalid', 'unverified', 'missing', 'unavailable'] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

/**
 * `verified`: every attestation bundle verifies against the trusted root, its subject matches the
 * integrity, and the SLSA provenance names its source. `invalid`: some bundle fails.
 * `none`: the registry serves attestations but this version has none. `unavailable`: the registry
 * offers nothing to check, or the trusted root or attestations could not be loaded.
 */
export const PROVENANCE_STATUSES = ['verified', 'invalid', 'none', 'unavailable'] as const;
export type ProvenanceStatus = (typeof PROVENANCE_STATUSES)[number];

/** Machine-readable reasons behind a signature status (stable: used in JSON and diagnostics). */
export const SIGNATURE_CODES = [
  'verified',
  'bad-signature',
  'key-expired',
  'unknown-key',
  'integrity-mismatch',
  'integrity-malformed',
  'integrity-unsigned-algorithm',
  'malformed-signature',
  'no-signature',
  'registry-without-keys',
  'unsupported-key',
  'version-not-found',
  'registry-error',
  'offline',
  // The Go checksum database (the `signature` of a Go module is its go.sum line checked against the log).
  'checksum-mismatch',
  'log-fork',
  'log-proof-invalid',
  'not-in-checksum-database',
  'not-in-go-sum',
  'checksum-database-off',
] as const;
export type SignatureCode = (typeof SIGNATURE_CODES)[number];

export const PROVENANCE_CODES = [
  'verified',
  'bundle-invalid',
  'subject-mismatch',
  'identity-mismatch',
  'no-provenance-predicate',
  'no-attestations',
  'registry-without-attestations',
  'trusted-root-unavailable',
  'attestations-unavailable',
  'version-not-found',
  'registry-error',
  'offline',
  'no-trusted-publisher',
] as const;
export type ProvenanceCode = (typeof PROVENANCE_CODES)[number];

export interface SignatureCheck {
  status: SignatureStatus;
  code: SignatureCode;
  /** One sentence for the user, e.g. why a signature is invalid. */
  reason: string;
  /** The registry key the signature names (verified or failed). */
  keyId?: string;
  /**
   * What vouches for the bytes when it is not a registry key, for display: e.g. `Go checksum
   * database sum.golang.org, tree 6476701`.
   */
  authority?: string;
}

/** Source and build facts from a verified SLSA provenance predicate (v0.2 or v1). */
export interface SlsaProvenance {
  predicateType: string;
  buildType?: string;
  /** e.g. `https://github.com/sigstore/sigstore-js` */
  sourceRepository?: string;
  /** Full commit hash. */
  commit?: string;
  /** e.g. `.github/workflows/publish.yml` */
  workflowPath?: string;
  /** e.g. `refs/tags/v1.0.0` */
  ref?: string;
  builderId?: string;
  /** Event that started the build, e.g. `release`, `push`. */
  buildTrigger?: string;
  /** Link to the CI run, when the predicate gives or implies one. */
  invocationUrl?: string;
  /** Rekor entry of the provenance bundle. */
  rekorLogIndex?: string;
  rekorUrl?: string;
  /** How it was published, when the registry says (PyPI: `Trusted Publishing`). */
  publishedVia?: string;
}

/** Who signed a bundle, as the verified certificate (or registry key) says. */
export interface SignerIdentity {
  /** Certificate subject alternative name (a workflow URI or an email), or `key:<keyid>`. */
  identity?: string;
  /** OIDC issuer from the certificate. */
  issuer?: string;
  /** Registry key id for key-signed (publish) attestations. */
  keyId?: string;
}

export interface TransparencyLogRef {
  logIndex: string;
  /** `https://search.sigstore.dev/?logIndex=N` */
  url: string;
  /** ISO time the entry was integrated into the log. */
  integratedTime?: string;
}

/** The verdict on one attestation bundle. */
export interface AttestationCheck {
  predicateType: string;
  kind: 'provenance' | 'publish' | 'other';
  status: 'verified' | 'invalid' | 'unavailable';
  code: ProvenanceCode;
  reason: string;
  signer?: SignerIdentity;
  transparencyLog?: TransparencyLogRef;
  /** Parsed predicate for SLSA provenance bundles (only when verified). */
  slsa?: SlsaProvenance;
}

export interface ProvenanceCheck {
  status: ProvenanceStatus;
  code: ProvenanceCode;
  reason: string;
  /** Source facts of the verified SLSA provenance. */
  slsa?: SlsaProvenance;
  signer?: SignerIdentity;
  /** Verdict per attestation bundle the registry served (provenance, publish, …). */
  attestations: AttestationCheck[];
}

/**
 * `provenance-dropped`: the previous version had provenance, this one has none.
 * `source-changed`: both have provenance but name different source repositories.
 */
export interface ProvenanceRegression {
  kind: 'provenance-dropped' | 'source-changed';
  previousVersion: string;
  previousRepository?: string;
  currentRepository?: string;
}

export interface PackageProvenance {
  ecosystem: EcosystemName;
  name: string;
  version: string;
  /** Registry base URL that was asked, when there was one. */
  registry?: string;
  signature: SignatureCheck;
  provenance: ProvenanceCheck;
  regression?: ProvenanceRegression;
  /** The lockfile's tarball URL, when it is on another host than the registry asked (the signature does not cover that host). */
  resolvedElsewhere?: string;
  /** Epoch ms of the check, when this result is a cached one shown offline (its age). */
  checkedAt?: number;
}

/**
 * A persistent cache (the metadata store implements it). Values must be plain JSON; what comes back
 * is treated as untrusted and parsed again.
 */
export interface ProvenanceCache {
  get(kind: string, key: string): Promise<unknown | undefined>;
  set(kind: string, key: string, value: unknown, ttlMs: number): Promise<void>;
}

/** A registry key document from a trusted channel (Sigstore TUF), or undefined when none. */
export type TrustedKeysLoader = (registryUrl: string) => Promise<unknown | undefined>;

export interface ProvenanceContext {
  /** All HTTP goes through this (proxy-aware; the caller owns it). Never a global agent. Unused offline. */
  dispatcher?: Dispatcher;
  /** The per-host breaker shared with the process's other network clients (default: one per check). */
  breaker?: HostBreaker;
  /** No request of any kind: cached results (with their age) or `offline` outcomes. */
  offline?: boolean;
  /** Registry base URL for a package; undefined selects the ecosystem's public registry. */
  registryFor(ecosystem: EcosystemName, name: string): string | undefined;
  /** Trusted root for Sigstore verification; called lazily, at most once per `check`. */
  trustedRoot(): Promise<TrustedRootOutcome>;
  /**
   * Registry keys from a channel independent of the registry (npm: the TUF target
   * `registry.npmjs.org/keys.json`), preferred over the registry's own keys endpoint.
   */
  trustedKeys?: TrustedKeysLoader;
  cache?: ProvenanceCache;
  signal?: AbortSignal;
  /** Parallel HTTP requests per check (default 8). */
  concurrency?: number;
  /** Longest time one registry request may take, first byte to last, in ms (default 15000). */
  timeoutMs?: number;
  /** Compare with the previous published version (default true). */
  checkRegression?: boolean;
}

/** What a provider needs to choose where each package of one file is checked. */
export interface RegistryConfigOptions {
  /** The lockfile (or manifest) the packages come from. */
  path: string;
  /** Whether the workspace is trusted: until it is, no repository file chooses a network destination. */
  trusted: boolean;
  env: NodeJS.ProcessEnv;
  home: string;
  /** The user's choice for this ecosystem (`--registry`, `--index-url`, `--sumdb`, a setting); wins over files. */
  override?: string;
}

export interface ProvenanceProvider {
  ecosystem: EcosystemName;
  /** The packages to check in this ecosystem's files of one analysed unit (lockfiles and manifests). */
  subjects(files: readonly DependencyFile[]): ProvenanceSubject[];
  /** Where each package of one file is checked, from the user's configuration and (trusted only) the project's. */
  registryConfig(options: RegistryConfigOptions): (name: string) => string | undefined;
  /** One result per subject, in the same order. Never throws on bad registry data. */
  check(subjects: readonly ProvenanceSubject[], ctx: ProvenanceContext): Promise<PackageProvenance[]>;
}
