/**
 * The library bundle (`dist/engine.js`): the engine without LSP or VS Code code. Documented in
 * docs/engine.md; other tools and our tests depend on these exports.
 */
import { basename, resolve } from 'node:path';
import { parseDependencyFile } from './analysis/dependency-file';
import { scanFolder } from './analysis/scan';
import type { ParseResult } from './core/package';
import { LineIndex } from './core/text-range';
import { ecosystemByName, ECOSYSTEMS } from './ecosystems';
import type { SourceOptions } from './osv/create-source';
import { openDataSource, type OpenedSource } from './osv/open-source';
import type { VulnerabilitySource } from './osv/source';
import { defaultStorePath, openStore } from './store';
import { toJsonReport, type JsonReport } from './reports/json';
import { VERSION } from './version';
import { applyTriage } from './triage/apply';
import { readTriageFiles, TriageFileError } from './triage/read-files';
import { VexIndex } from './vex/statement-index';
import { orderVersions } from './versions/scheme';

export type { ExtractedPackage, ParseResult, ParseError, Importer, EcosystemName } from './core/package';
export type { Finding, Vulnerability } from './core/findings';
export type { JsonReport, JsonFinding } from './reports/json';
export type { VulnerabilitySource, PackageQuery, SourceAnswer, SourceStatus } from './osv/source';
export type { OsvRecord } from './osv/types';
export { VERSION };
export { TriageFileError } from './triage/read-files';

/** The packages in one dependency file. Unknown file names yield one error and no packages. */
export function extract(path: string, text: string): ParseResult {
  const file = parseDependencyFile(path, text);
  if (file) return file.result;
  return { kind: 'manifest', packages: [], errors: [{ message: `${basename(path)} is not a dependency file Chainsight reads`, range: new LineIndex(text).range(0, 0), severity: 'error' }] };
}

/**
 * Orders two versions the way the ecosystem's own tooling does: -1, 0 or 1 — also for text its
 * strict grammar rejects where the reference still orders it (PyPI legacy versions, raw Packagist
 * strings, any Maven string); undefined where the ecosystem's tool has no order for one of them.
 * Never throws for a known ecosystem (docs/versions.md).
 */
export function compareVersions(ecosystem: string, a: string, b: string): -1 | 0 | 1 | undefined {
  const eco = ecosystemByName(ecosystem);
  if (!eco) throw new TypeError(`unknown ecosystem "${ecosystem}" (known: ${ECOSYSTEMS.map((e) => e.name).join(', ')})`);
  return orderVersions(eco.scheme, String(a), String(b));
}

export interface ScanOptions extends Omit<SourceOptions, 'store' | 'dispatcher' | 'breaker'> {
  /** A vulnerability source of your own (overrides everything else). */
  source?: VulnerabilitySource;
  /** The metadata store for online caching and offline databases (default: CHAINSIGHT_STORE, else ~/.cache/chainsight). */
  storePath?: string;
  /** Extra folder names to skip. */
  exclude?: string[];
  signal?: AbortSignal;
  /** VEX documents to honour besides the folder's own (docs/vex.md), as `--vex`. */
  vex?: string[];
  /** The policy file, as `--policy` (default: the folder's `.chainsight/policy.yaml` when there is one). */
  policy?: string;
  /** Do not read the folder's own VEX files and policy file, as `--ignore-workspace-triage`. */
  ignoreWorkspaceTriage?: boolean;
}

/** Scans a folder (or one file) and returns the same document as `chainsight scan --format json`. */
export async function scan(root: string, options: ScanOptions = {}): Promise<JsonReport> {
  const owned = options.source ? undefined : await openSource(options);
  const source = options.source ?? owned!.source;
  try {
    const { target, analysis } = await scanFolder(root, source, { ...(options.exclude ? { exclude: options.exclude } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    // VEX and the policy as the CLI reads them; a file that does not read is an error, never "nothing applies".
    const files = await readTriageFiles(target.root, { vex: (options.vex ?? []).map((f) => resolve(f)), ...(options.policy ? { policy: resolve(options.policy) } : {}), own: !options.ignoreWorkspaceTriage });
    const problem = files.problems[0];
    if (problem) throw new TriageFileError(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
    const triage = applyTriage(analysis, { statements: new VexIndex(files.statements), policy: files.policy, now: Date.now() });
    return toJsonReport({ analysis, root: target.root, toolVersion: VERSION, triage });
  } finally {
    await owned?.dispose();
  }
}

async function openSource(options: ScanOptions): Promise<Pick<OpenedSource, 'source' | 'dispose'>> {
  // Offline data needs no store; every other mode reads or caches through it.
  if (options.osvData) return openDataSource(options);
  const store = await openStore(options.storePath ?? defaultStorePath());
  const opened = await openDataSource({ ...options, store });
  return {
    source: opened.source,
    async dispose() {
      await opened.dispose();
      await store.close();
    },
  };
}
