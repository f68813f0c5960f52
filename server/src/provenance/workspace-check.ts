import { homedir } from 'node:os';
import type { Dispatcher } from 'undici';
import type { DependencyFile } from '../analysis/dependency-file';
import { HostBreaker } from '../net/host-breaker';
import type { EcosystemName } from '../core/package';
import { provenanceKey } from './key';
import { MemoCache } from './memo-cache';
import { trustedKeysSource, trustedRootSource } from './trust-sources';
import type { TrustedRootOutcome } from './trusted-root';
import type { PackageProvenance, ProvenanceCache, ProvenanceContext, TrustedKeysLoader } from './types';

export { provenanceKey };

export interface WorkspaceProvenanceOptions {
  /** The shared connection pool. Not needed (and never used) offline. */
  dispatcher?: Dispatcher;
  /**
   * Whether the user trusts the workspace (VS Code's Workspace Trust, or the user-level option of
   * other editors). Default false. Until it is trusted, files in the repository never choose where
   * Chainsight connects: the project `.npmrc` is not read (no registry, no `${VAR}` expansion), nor
   * its `uv.toml` / `pip.conf` (PyPI index), and a trusted root inside `workspaceRoots` is refused. The user's own configuration still applies
   * (`~/.npmrc` / `npm_config_userconfig`, the global npmrc, the environment, `registry`,
   * `trustedRootPath` outside the workspace).
   */
  trusted?: boolean;
  /** The workspace folders (what a repository controls), for the trusted-root rule above. */
  workspaceRoots?: readonly string[];
  /**
   * No connection of any kind: no registry, no TUF. Each package shows its last verdict from
   * `cache`, with its age, or `unavailable` with code `offline` ("offline: not checked").
   */
  offline?: boolean;
  /** The per-host breaker shared with the process's other network clients (default: this checker's own). */
  breaker?: HostBreaker;
  /** `chainsight.sigstore.trustedRoot` / `--trusted-root`: a trusted_root.json for air-gapped sites. */
  trustedRootPath?: string;
  /** Where TUF metadata is cached (the public-good root and npm's keys come through TUF otherwise). */
  tufCachePath: string;
  /**
   * The user's registry per ecosystem, over what configuration files say: `--registry` (npm; scoped
   * registries in .npmrc still win, as in npm), `--index-url` (PyPI), `--sumdb` (Go, `GOSUMDB` syntax).
   */
  registries?: Partial<Record<EcosystemName, string>>;
  /** The store's cache; a `MemoCache` is used as given (kept across checks by its owner), anything else gets one. */
  cache?: ProvenanceCache;
  env?: NodeJS.ProcessEnv;
  home?: string;
  signal?: AbortSignal;
  concurrency?: number;
  /** Longest time one registry request may take, first byte to last (default 15 s). */
  timeoutMs?: number;
}

/**
 * Signature and provenance checks for every resolved registry package of the analysed units whose
 * ecosystem has a provider (npm today). Each lockfile is checked with the registry configuration npm
 * would use for it, within what the workspace's trust allows (see `trusted`). Never throws for
 * registry or network trouble: those become `unavailable` outcomes. The providers (and Sigstore
 * with them) are loaded on the first check, not when the server starts.
 */
export class WorkspaceProvenance {
  private readonly trustedRoot: () => Promise<TrustedRootOutcome>;
  private readonly trustedKeys: TrustedKeysLoader;
  private readonly breaker: HostBreaker;
  private readonly cache: ProvenanceCache | undefined;

  constructor(private readonly options: WorkspaceProvenanceOptions) {
    this.breaker = options.breaker ?? new HostBreaker();
    this.cache = options.cache instanceof MemoCache || !options.cache ? options.cache : new MemoCache(options.cache);
    const trust = {
      tufCachePath: options.tufCachePath,
      trusted: options.trusted ?? false,
      offline: options.offline ?? false,
      breaker: this.breaker,
      ...(options.trustedRootPath !== undefined ? { trustedRootPath: options.trustedRootPath } : {}),
      ...(options.workspaceRoots ? { workspaceRoots: options.workspaceRoots } : {}),
    };
    this.trustedRoot = trustedRootSource(trust);
    this.trustedKeys = trustedKeysSource(trust);
  }

  /**
   * Checks the packages of each analysed unit's files (lockfiles and manifests) with the provider of
   * their ecosystem; results keyed by `provenanceKey`. Each unit's files are given together, so a
   * provider can compare them (Go: go.mod requirements against go.sum lines).
   */
  async check(units: ReadonlyArray<readonly DependencyFile[]>, signal?: AbortSignal): Promise<Map<string, PackageProvenance>> {
    // Loaded on the first check, not at start-up: the providers bring Sigstore's verifier with them.
    const { provenanceProviderFor } = await import('./index.js');
    const results = new Map<string, PackageProvenance>();
    const env = this.options.env ?? process.env;
    for (const files of units) {
      const byEcosystem = new Map<EcosystemName, DependencyFile[]>();
      for (const file of files) byEcosystem.set(file.parser.ecosystem.name, [...(byEcosystem.get(file.parser.ecosystem.name) ?? []), file]);
      for (const [ecosystem, ecosystemFiles] of byEcosystem) {
        const provider = provenanceProviderFor(ecosystem);
        if (!provider) continue;
        const subjects = provider.subjects(ecosystemFiles).filter((s) => !results.has(provenanceKey(ecosystem, s.name, s.version)));
        if (subjects.length === 0) continue;
        const override = this.options.registries?.[ecosystem];
        const registryFor = provider.registryConfig({
          path: ecosystemFiles.find((f) => f.result.kind === 'lockfile')?.path ?? ecosystemFiles[0]!.path,
          trusted: this.options.trusted ?? false,
          env,
          home: this.options.home ?? homedir(),
          ...(override ? { override } : {}),
        });
        const checked = await provider.check(subjects, this.context(registryFor, signal));
        checked.forEach((result, i) => results.set(provenanceKey(ecosystem, subjects[i]!.name, subjects[i]!.version), result));
      }
    }
    return results;
  }

  private context(registryFor: (name: string) => string | undefined, signal: AbortSignal | undefined): ProvenanceContext {
    return {
      registryFor: (_ecosystem, name) => registryFor(name),
      trustedRoot: this.trustedRoot,
      trustedKeys: this.trustedKeys,
      breaker: this.breaker,
      ...(this.options.offline ? { offline: true } : this.options.dispatcher ? { dispatcher: this.options.dispatcher } : {}),
      ...(this.cache ? { cache: this.cache } : {}),
      ...(signal ?? this.options.signal ? { signal: signal ?? this.options.signal } : {}),
      ...(this.options.concurrency ? { concurrency: this.options.concurrency } : {}),
      ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
    };
  }

  /** Hosts that are failing now, each with one message (for a status line, once, not per package). */
  networkProblems(): string[] {
    return this.breaker.failing();
  }
}
