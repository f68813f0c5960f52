import { packageKey } from '../core/package';
import { parseRecord, readRecordFiles, type ArchiveLimits } from './record-files';
import { RecordIndex } from './record-index';
import type { SourceAnswer, SourceStatus, VulnerabilitySource } from './source';

/** How many unreadable files a status names; the count says how many more there were. */
export const NAMED_UNREADABLE = 10;

export interface LocalSourceOptions {
  limits?: Partial<ArchiveLimits>;
}

/**
 * OSV records from a folder of `<ID>.json` files or an OSV `all.zip`, read once into memory. This is
 * the air-gapped path that needs no store: point `chainsight.osv.offlineData` (or `--osv-data`) at a
 * copy of OSV's export.
 */
export function createLocalSource(location: string, options: LocalSourceOptions = {}): VulnerabilitySource & { load(): Promise<LocalLoad> } {
  let loading: Promise<LocalLoad> | undefined;
  const load = () => (loading ??= loadIndex(location, options));
  return {
    load,
    async recordsFor(queries) {
      const loaded = await load();
      const records: SourceAnswer['records'] = new Map();
      for (const q of queries) {
        const key = packageKey(q.ecosystem, q.name);
        if (!records.has(key)) records.set(key, loaded.index.lookup(q.ecosystem, q.name));
      }
      return { records, status: loaded.status };
    },
  };
}

export interface LocalLoad {
  index: RecordIndex;
  status: SourceStatus;
  /** Files that are not OSV records, with the reason, so the user can fix the export. */
  problems: string[];
}

async function loadIndex(location: string, options: LocalSourceOptions): Promise<LocalLoad> {
  const index = new RecordIndex();
  const problems: string[] = [];
  const unreadable: string[] = [];
  let files = 0;
  let newest = '';
  try {
    for await (const file of readRecordFiles(location, { ...(options.limits ? { limits: options.limits } : {}) })) {
      files++;
      const parsed = parseRecord(file);
      if ('error' in parsed) {
        problems.push(parsed.error);
        unreadable.push(file.origin);
        continue;
      }
      index.add(parsed.record);
      if (typeof parsed.record.modified === 'string' && parsed.record.modified > newest) newest = parsed.record.modified;
    }
  } catch (err) {
    // Nothing from a location that could not be read whole (a refused archive above all) is used.
    const error = `could not read OSV data at ${location}: ${(err as Error).message}`;
    return { index: new RecordIndex(), problems, status: { kind: 'offline-data', description: location, incomplete: true, stale: false, error } };
  }
  const named = unreadable.length ? { unreadable: { files: unreadable.slice(0, NAMED_UNREADABLE), count: unreadable.length } } : {};
  const unreadableText = unreadable.length ? `${unreadable.length} unreadable file${unreadable.length === 1 ? '' : 's'} (${listed(problems)})` : '';
  if (files - unreadable.length === 0) {
    // An empty or wholly broken export is not a clean bill of health.
    const error = files === 0 ? `no OSV records in ${location}: expected <ID>.json files or an OSV all.zip` : `no usable OSV record in ${location}: ${unreadableText}`;
    return { index, problems, status: { kind: 'offline-data', description: location, incomplete: true, stale: false, error, ...named } };
  }
  const dataTime = Date.parse(newest);
  return {
    index,
    problems,
    status: {
      kind: 'offline-data',
      description: `${index.size} records from ${location}${unreadable.length ? `, ${unreadable.length} unreadable` : ''}`,
      // The export's age is its newest record, not the time we read it.
      ...(Number.isFinite(dataTime) ? { dataTime } : {}),
      incomplete: false,
      stale: false,
      ...(unreadable.length ? { error: `skipped ${unreadableText}` } : {}),
      ...named,
    },
  };
}

function listed(problems: readonly string[]): string {
  const shown = problems.slice(0, NAMED_UNREADABLE).join('; ');
  return problems.length > NAMED_UNREADABLE ? `${shown}; and ${problems.length - NAMED_UNREADABLE} more` : shown;
}
