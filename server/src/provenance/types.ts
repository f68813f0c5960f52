import type { Dispatcher } from 'undici';
import type { EcosystemName } from '../core/package';
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
   * Where the package manager fetched it from. Not used by the npm checks (npm itself resolves the
   * registry from configuration); kept for providers whose registries are per-file (PyPI indexes).
   */
  resolved?: string;
}

/**
 * `verified`: a registry signature checks out under a registry key valid at publish time.
 * `invalid`: a signature fails, uses an expired or unknown key, or the lockfile pins other bytes
 * than the registry signed — possible tampering.
 * `missing`: the registry publishes signing keys but this version carries no signature.
 * `unavailable`: nothing to check here (a mirror that strips signatures, a private registry, the
 * registry could not be reached, the version is not on the registry).
 */
export type SignatureStatus = 'verified' | 'invalid' | 'missing' | 'unavailable';

/**
 * `verified`: every attestation bundle verifies against the trusted root, its subject matches the
 * integrity, and the SLSA provenance names its source. `invalid`: some bundle fails.
 * `none`: the registry serves attestations but this version has none. `unavailable`: the registry
 * offers nothing to check, or the trusted root or attestations could not be loaded.
 */
export type ProvenanceStatus = 'verified' | 'invalid' | 'none' | 'unavailable';

/** Machine-readable reasons behind a signature status (stable: used in JSON and diagnostics). */
export type SignatureCode =
  | 'verified'
  | 'bad-signature'
  | 'key-expired'
  | 'unknown-key'
  | 'integrity-mismatch'
  | 'malformed-signature'
  | 'no-signature'
  | 'registry-without-keys'
  | 'unsupported-key'
  | 'version-not-found'
  | 'registry-error';

export type ProvenanceCode =
  | 'verified'
  | 'bundle-invalid'
  | 'subject-mismatch'
  | 'identity-mismatch'
  | 'no-provenance-predicate'
  | 'no-attestations'
  | 'registry-without-attestations'
  | 'trusted-root-unavailable'
  | 'attestations-unavailable'
  | 'version-not-found'
  | 'registry-error';

export interface SignatureCheck {
  status: SignatureStatus;
  code: SignatureCode;
  /** One sentence for the user, e.g. why a signature is invalid. */
  reason: string;
  /** The registry key the signature names (verified or failed). */
  keyId?: string;
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
  /** All HTTP goes through this (proxy-aware; the caller owns it). Never a global agent. */
  dispatcher: Dispatcher;
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
  /** Per-request timeout in ms (default 15000). */
  timeoutMs?: number;
  /** Compare with the previous published version (default true). */
  checkRegression?: boolean;
}

export interface ProvenanceProvider {
  ecosystem: EcosystemName;
  /** One result per subject, in the same order. Never throws on bad registry data. */
  check(subjects: readonly ProvenanceSubject[], ctx: ProvenanceContext): Promise<PackageProvenance[]>;
}
