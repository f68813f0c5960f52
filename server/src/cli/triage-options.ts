import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { relative, resolve } from 'node:path';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import { KevCatalogReader, type KevCatalog } from '../kev/catalog';
import { KevSource } from '../kev/kev-source';
import { HostBreaker } from '../net/host-breaker';
import { DEFAULT_POLICY_PATH } from '../policy/policy-file';
import type { Policy } from '../policy/types';
import { applyTriage } from '../triage/apply';
import { extrasFrom, lockfileExtras } from '../triage/package-extras';
import { policyReads } from '../triage/policy-source';
import { readTriageFiles, TriageFileError, type TriageFiles } from '../triage/read-files';
import { npmReleaseTimes } from '../triage/release-times';
import type { Triage } from '../triage/types';
import { DEFAULT_SETTINGS } from '../settings';
import { VexIndex } from '../vex/statement-index';
import type { DataContext } from './data-context';
import type { Gate } from './gate';
import { type CliIO, RunError } from './io';

/** The triage options of `scan` and `vex lint` (docs/cli.md). */
export const TRIAGE_OPTIONS = {
  vex: { type: 'string', multiple: true },
  policy: { type: 'string' },
  'kev-data': { type: 'string' },
  'kev-url': { type: 'string' },
  'ignore-workspace-triage': { type: 'boolean' },
} as const;

export const TRIAGE_USAGE = `  --vex FILE             A VEX document to honour: OpenVEX, CycloneDX VEX or CSAF VEX (repeatable)
  --policy FILE          The policy file (default: PATH/${DEFAULT_POLICY_PATH} when there is one)
  --kev-data FILE        CISA's Known Exploited Vulnerabilities catalog, imported (for offline machines)
  --kev-url URL          Where to fetch the KEV catalog when a policy rule asks for it (default CISA's feed)
  --ignore-workspace-triage
                         Do not read PATH's own VEX files (${DEFAULT_SETTINGS.vex.files.join(', ')})
                         and policy file; only --vex and --policy`;

export interface TriageValues {
  vex?: string[];
  policy?: string;
  'kev-data'?: string;
  'kev-url'?: string;
  'ignore-workspace-triage'?: boolean;
}

export interface CliTriage {
  triage: Triage;
  policy: Policy;
  /** VEX files that could not be read, as `file:line:column` problems (fatal: exit 2). */
  problems: Array<{ file: string; line: number; column: number; message: string; fatal: boolean }>;
  /** Things to say on stderr (`chainsight: note: …`). */
  notes: string[];
}

/** The VEX files, the policy, KEV and the package facts the policy reads, applied to the scan. */
export async function loadCliTriage(values: TriageValues, io: CliIO, context: { root: string; analysis: WorkspaceAnalysis; data: DataContext; gate: Gate; mode: string; now: number }): Promise<CliTriage> {
  const display = (file: string) => relative(io.cwd, file) || file;
  // VEX: --vex files, then the folder's own; the policy: --policy, else the folder's. A bad policy stops the run (exit 2, file:line).
  let files: TriageFiles;
  try {
    files = await readTriageFiles(context.root, {
      vex: (values.vex ?? []).map((f) => resolve(io.cwd, f)),
      ...(values.policy ? { policy: resolve(io.cwd, values.policy) } : {}),
      own: !values['ignore-workspace-triage'],
      builtins: { failOn: context.gate.failOn, unknownAs: context.gate.unknownAs },
      display,
    });
  } catch (err) {
    if (err instanceof TriageFileError) throw new RunError(err.message);
    throw err;
  }
  const { statements, policy, problems, notes } = files;

  const kev = await loadKev(values, context, policy, notes);
  const published = await releaseTimes(context, policy, notes);
  const extras = extrasFrom({ locked: lockfileExtras(context.analysis), ...(published ? { published } : {}) });
  const triage = applyTriage(context.analysis, { statements: new VexIndex(statements), policy, now: context.now, ...(kev ? { kev } : {}), ...(extras ? { extras } : {}) });
  for (const p of triage.policy.problems) {
    const at = p.rule.source?.range?.start;
    notes.push(`${p.rule.source ? `${p.rule.source.file}:${(at?.line ?? 0) + 1}:${(at?.character ?? 0) + 1}: ` : ''}rule "${p.rule.id}" could not be evaluated for ${p.count} ${p.count === 1 ? 'subject' : 'subjects'} (counted as no match): ${p.message}`);
  }
  return { triage, policy, problems, notes };
}

/** The KEV catalog: `--kev-data`, else (when a rule reads it) the store's copy, fetched when online. */
async function loadKev(values: TriageValues, context: { root: string; data: DataContext; mode: string }, policy: Policy, notes: string[]): Promise<KevCatalog | undefined> {
  const file = values['kev-data'];
  const store = context.data.store;
  if (file) {
    if (store) {
      const source = new KevSource({ http: { dispatcher: context.data.dispatcher! }, cache: store.keyedCache(), mode: 'offline' });
      const imported = await source.importFile(file);
      if (!imported.ok) throw new RunError(imported.error);
      return imported.catalog;
    }
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new RunError(`${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
    });
    const parsed = new KevCatalogReader().parse(text, file);
    if (!parsed.ok) throw new RunError(parsed.error);
    return parsed.catalog;
  }
  if (!store || !(policyReads(policy, 'vuln', 'knownExploited') || policyReads(policy, 'vuln', 'kev'))) return undefined;
  const offline = context.mode === 'offline' || !context.data.dispatcher;
  const source = new KevSource({
    http: { dispatcher: context.data.dispatcher!, breaker: new HostBreaker() },
    cache: store.keyedCache(),
    mode: offline ? 'offline' : 'online',
    ...(values['kev-url'] ? { url: values['kev-url'] } : {}),
  });
  const load = await source.load();
  if (load.status.state === 'none') notes.push(`no KEV catalog${load.status.error ? ` (${load.status.error})` : offline ? ' in the store (import one with --kev-data)' : ''}: vuln.knownExploited is false for every finding`);
  else if (load.status.error) notes.push(`the KEV catalog could not be refreshed (${load.status.error}); using the copy from ${new Date(load.status.fetchedAt ?? 0).toISOString().slice(0, 10)}`);
  return load.catalog;
}

/** Publish times of the locked npm versions, when a rule reads the release age and the run may connect. */
async function releaseTimes(context: { analysis: WorkspaceAnalysis; data: DataContext; mode: string }, policy: Policy, notes: string[]): Promise<Map<string, string> | undefined> {
  if (!policyReads(policy, 'pkg', 'releaseAgeDays')) return undefined;
  const dispatcher = context.data.dispatcher;
  if (context.mode === 'offline' || !dispatcher) {
    notes.push('release ages are unknown without a connection (--offline, --osv-data): pkg.releaseAgeDays is absent');
    return undefined;
  }
  const lockfiles = context.analysis.units.map((u) => u.unit.lockfile).filter((l): l is NonNullable<typeof l> => l !== undefined);
  // The scanned folder is not trusted: its .npmrc does not choose the registry (docs/security.md).
  return npmReleaseTimes(lockfiles, { http: { dispatcher, breaker: new HostBreaker() }, ...(context.data.store ? { cache: context.data.store.keyedCache() } : {}), trusted: false, home: homedir() });
}
