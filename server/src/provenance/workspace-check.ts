import { homedir } from 'node:os';
import type { Dispatcher } from 'undici';
import type { DependencyFile } from '../analysis/dependency-file';
import { HostBreaker } from '../net/host-breaker';
import { provenanceKey } from './key';
import { npmRegistryConfigFor } from './npm/config-files';
import { registryForPackage } from './npm/npmrc';
import { trustedKeysSource, trustedRootSource } from './trust-sources';
import type { TrustedRootOutcome } from './trusted-root';
import type { PackageProvenance, ProvenanceCache, ProvenanceContext, ProvenanceSubject, TrustedKeysLoader } from './types';

export { provenanceKey };

export interface WorkspaceProvenanceOptions {
  /** The shared connection pool. Not needed (and never used) offline. */
  dispatcher?: Dispatcher;
  /**
   * Whether the user trusts the workspace (VS Code's Workspace Trust, or the user-level option of
   * other editors). Default false. Until it is trusted, files in the repository never choose where
   * Chainsight connects: the project `.npmrc` is not read (no registry, no `${VAR}` expansion), and a
   * trusted root inside `workspaceRoots` is refused. The user's own configuration still applies
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
  /** `--registry`: overrides the registry of every package (scoped registries in .npmrc still win, as in npm). */
  registry?: string;
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

  constructor(private readonly options: WorkspaceProvenanceOptions) {
    this.breaker = options.breaker ?? new HostBreaker();
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

  /** Checks every registry package of the lockfiles; results keyed by `provenanceKey`. */
  async check(lockfiles: readonly DependencyFile[], signal?: AbortSignal): Promise<Map<string, PackageProvenance>> {
    // Loaded on the first check, not at start-up: the providers bring Sigstore's verifier with them.
    const { provenanceProviderFor } = await import('./index.js');
    const results = new Map<string, PackageProvenance>();
    const env = this.options.env ?? process.env;
    for (const lockfile of lockfiles) {
      const ecosystem = lockfile.parser.ecosystem.name;
      const provider = provenanceProviderFor(ecosystem);
      if (!provider) continue;
      const subjects = new Map<string, ProvenanceSubject>();
      for (const pkg of lockfile.result.packages) {
        if (pkg.source !== 'registry' || !pkg.version) continue;
        const key = provenanceKey(ecosystem, pkg.name, pkg.version);
        if (results.has(key) || subjects.has(key)) continue;
        subjects.set(key, { name: pkg.name, version: pkg.version, ...(pkg.integrity ? { integrity: pkg.integrity } : {}), ...(pkg.resolved ? { resolved: pkg.resolved } : {}) });
      }
      if (subjects.size === 0) continue;
      const config = npmRegistryConfigFor(lockfile.path, {
        trusted: this.options.trusted ?? false,
        env,
        home: this.options.home ?? homedir(),
        ...(this.options.registry ? { cliRegistry: this.options.registry } : {}),
      });
      const ctx: ProvenanceContext = {
        registryFor: (_ecosystem, name) => registryForPackage(config, name),
        trustedRoot: this.trustedRoot,
        trustedKeys: this.trustedKeys,
        breaker: this.breaker,
        ...(this.options.offline ? { offline: true } : this.options.dispatcher ? { dispatcher: this.options.dispatcher } : {}),
        ...(this.options.cache ? { cache: this.options.cache } : {}),
        ...(signal ?? this.options.signal ? { signal: signal ?? this.options.signal } : {}),
        ...(this.options.concurrency ? { concurrency: this.options.concurrency } : {}),
        ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
      };
      const keys = [...subjects.keys()];
      const checked = await provider.check([...subjects.values()], ctx);
      checked.forEach((result, i) => results.set(keys[i]!, result));
    }
    return results;
  }

  /** Hosts that are failing now, each with one message (for a status line, once, not per package). */
  networkProblems(): string[] {
    return this.breaker.failing();
  }
}
