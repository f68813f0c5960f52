import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Dispatcher } from 'undici';
import type { DependencyFile } from '../analysis/dependency-file';
import type { EcosystemName } from '../core/package';
import { provenanceProviderFor } from './index';
import { readNpmRegistryConfig, registryForPackage } from './npm/npmrc';
import { tufRegistryKeys } from './npm/tuf-keys';
import { cachedTrustedRoot, loadPublicGoodTrustedRoot, readTrustedRootFile, type TrustedRootOutcome } from './trusted-root';
import type { PackageProvenance, ProvenanceCache, ProvenanceContext, ProvenanceSubject, TrustedKeysLoader } from './types';

export interface WorkspaceProvenanceOptions {
  dispatcher: Dispatcher;
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
  /** Whether the workspace is trusted: until it is, repository files choose no destination and provide no keys. */
  trusted?: boolean;
  /** No connection of any kind: cached verdicts only. */
  offline?: boolean;
}

/** `npm:lodash@4.17.21` — how results are keyed. */
export function provenanceKey(ecosystem: EcosystemName, name: string, version: string): string {
  return `${ecosystem}:${name}@${version}`;
}

/**
 * Signature and provenance checks for every resolved registry package of the analysed units whose
 * ecosystem has a provider (npm today). Each lockfile is checked with its own project's registry
 * configuration (the nearest `.npmrc`, then the user's), the way the package manager resolves it.
 * Never throws for registry or network trouble: those become `unavailable` outcomes.
 */
export class WorkspaceProvenance {
  private readonly trustedRoot: () => Promise<TrustedRootOutcome>;
  private readonly trustedKeys: TrustedKeysLoader;

  constructor(private readonly options: WorkspaceProvenanceOptions) {
    const path = options.trustedRootPath;
    this.trustedRoot = cachedTrustedRoot(path ? () => readTrustedRootFile(path) : () => loadPublicGoodTrustedRoot({ cachePath: join(options.tufCachePath, 'tuf') }));
    const tuf = tufRegistryKeys({ cachePath: join(options.tufCachePath, 'tuf') });
    // Only the public registry has a key target in Sigstore's TUF repository; asking TUF about any
    // other registry would be a network round trip for nothing (and none at all on an air-gapped site).
    this.trustedKeys = async (registryUrl) => (path === undefined && new URL(registryUrl).host === 'registry.npmjs.org' ? tuf(registryUrl) : undefined);
  }

  /** Checks every registry package of the lockfiles; results keyed by `provenanceKey`. */
  async check(lockfiles: readonly DependencyFile[], signal?: AbortSignal): Promise<Map<string, PackageProvenance>> {
    const results = new Map<string, PackageProvenance>();
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
      const config = readNpmRegistryConfig({
        ...(this.options.registry ? { cliRegistry: this.options.registry } : {}),
        env: this.options.env ?? process.env,
        ...readTextIfAny('project', nearestNpmrc(dirname(lockfile.path))),
        ...readTextIfAny('user', userNpmrc(this.options.env ?? process.env, this.options.home ?? homedir())),
      });
      const ctx: ProvenanceContext = {
        dispatcher: this.options.dispatcher,
        registryFor: (_ecosystem, name) => registryForPackage(config, name),
        trustedRoot: this.trustedRoot,
        trustedKeys: this.trustedKeys,
        ...(this.options.cache ? { cache: this.options.cache } : {}),
        ...(signal ?? this.options.signal ? { signal: signal ?? this.options.signal } : {}),
        ...(this.options.concurrency ? { concurrency: this.options.concurrency } : {}),
      };
      const keys = [...subjects.keys()];
      const checked = await provider.check([...subjects.values()], ctx);
      checked.forEach((result, i) => results.set(keys[i]!, result));
    }
    return results;
  }
}

function nearestNpmrc(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, '.npmrc');
    if (readText(candidate) !== undefined) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

function userNpmrc(env: NodeJS.ProcessEnv, home: string): string {
  return env.npm_config_userconfig ?? env.NPM_CONFIG_USERCONFIG ?? join(home, '.npmrc');
}

function readTextIfAny<K extends 'project' | 'user'>(key: K, path: string | undefined): Partial<Record<K, string>> {
  const text = path ? readText(path) : undefined;
  return text === undefined ? {} : ({ [key]: text } as Record<K, string>);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
