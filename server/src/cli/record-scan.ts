import type { ScanTarget } from '../analysis/scan';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import { DEFAULT_HISTORY_LIMIT, SupplyChainGraph } from '../graph/graph-store';
import { identifyProject } from '../projects/project-identity';
import type { MetadataStore } from '../store/metadata-store';
import { VERSION } from '../version';
import { openCliStore, storePathFor } from './data-context';
import { type CliIO, UsageError } from './io';
import { plainText } from '../core/terminal-text';

/** `scan`'s options for recording a snapshot in the aggregated store. */
export const RECORD_OPTIONS = {
  record: { type: 'boolean' },
  project: { type: 'string' },
  commit: { type: 'string' },
  keep: { type: 'string' },
} as const;

export const RECORD_USAGE = `  --record               Record this scan in the store as the project's snapshot at its commit
                         (re-recording a commit replaces its snapshot)
  --project NAME         With --record: the project's name (default: the root manifest's name, else
                         the folder's)
  --commit SHA           With --record: the commit (default: HEAD, read from .git)
  --keep N               With --record: snapshots kept per project, oldest dropped first (default ${DEFAULT_HISTORY_LIMIT})`;

export interface RecordValues {
  record?: boolean;
  project?: string;
  commit?: string;
  keep?: string;
  store?: string;
}

/**
 * Records a finished scan when `--record` was given (and checks the record options otherwise). A
 * scan that could not read every file, or whose vulnerability data was incomplete, is not recorded:
 * its snapshot would show packages and findings as gone. Writes one line to stderr either way, so
 * stdout stays the report.
 */
export async function recordScan(values: RecordValues, io: CliIO, scan: { target: ScanTarget; analysis: WorkspaceAnalysis; store?: MetadataStore }): Promise<void> {
  if (!values.record) {
    for (const flag of ['project', 'commit', 'keep'] as const) if (values[flag] !== undefined) throw new UsageError(`--${flag} needs --record`);
    return;
  }
  if (values.commit !== undefined && !/^[0-9a-f]{4,64}$/i.test(values.commit.trim())) throw new UsageError(`--commit must be a commit hash (got "${values.commit}")`);
  const keep = values.keep === undefined ? DEFAULT_HISTORY_LIMIT : Number(values.keep);
  if (!Number.isInteger(keep) || keep < 1) throw new UsageError(`--keep must be a whole number of at least 1 (got "${values.keep}")`);
  const { analysis, target } = scan;
  const unreadable = [...analysis.reports.values()].filter((r) => r.errors.some((e) => e.severity !== 'warning')).length + analysis.omissions.length;
  if (unreadable > 0 || analysis.status.incomplete || analysis.reports.size === 0) {
    const why =
      unreadable > 0 ? `${unreadable} dependency file${unreadable === 1 ? '' : 's'} could not be read` : analysis.reports.size === 0 ? 'no dependency file was found' : 'the vulnerability data was incomplete';
    io.stderr(`chainsight: error: not recorded in the store: ${why}\n`);
    return;
  }
  const store = scan.store ?? (await openCliStore(storePathFor(values, io), io));
  try {
    const project = await identifyProject(target.root, { analysis, ...(values.project ? { name: values.project } : {}), ...(values.commit ? { commit: values.commit } : {}) });
    const graph = new SupplyChainGraph(store.sqlExecutor(), { historyLimit: keep });
    const r = await graph.recordScan({ analysis, project, root: target.root, tool: `chainsight ${VERSION}` });
    const notes = [r.replaced ? 'replaced the earlier snapshot of this commit' : '', r.evicted ? `dropped ${r.evicted} old snapshot${r.evicted === 1 ? '' : 's'}` : ''].filter(Boolean);
    io.stderr(`chainsight: recorded ${plainText(r.project)}${r.commit ? ` @ ${r.commit.slice(0, 12)}` : ''} in the store (${r.packages} packages, ${r.findings} findings${notes.length ? `; ${notes.join('; ')}` : ''})\n`);
  } finally {
    if (!scan.store) await store.close();
  }
}
