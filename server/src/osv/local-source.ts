import type { SourceAnswer, SourceStatus, VulnerabilitySource } from './source';
import { packageKey } from '../core/package';
import { parseRecord, readRecordFiles } from './record-files';
import { RecordIndex } from './record-index';

/**
 * OSV records from a folder of `<ID>.json` files or an OSV `all.zip`, read once into memory. This is
 * the air-gapped path that needs no store: point `chainsight.osv.offlineData` (or `--osv-data`) at a
 * copy of OSV's export.
 */
export function createLocalSource(location: string): VulnerabilitySource & { load(): Promise<LocalLoad> } {
  let loading: Promise<LocalLoad> | undefined;
  const load = () => (loading ??= loadIndex(location));
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

async function loadIndex(location: string): Promise<LocalLoad> {
  const index = new RecordIndex();
  const problems: string[] = [];
  const started = Date.now();
  try {
    for await (const file of readRecordFiles(location)) {
      const parsed = parseRecord(file);
      if ('error' in parsed) problems.push(parsed.error);
      else index.add(parsed.record);
    }
  } catch (err) {
    return {
      index,
      problems,
      status: { kind: 'offline-data', description: location, incomplete: true, stale: false, error: `could not read OSV data at ${location}: ${(err as Error).message}` },
    };
  }
  const unreadable = problems.length ? `, ${problems.length} unreadable file${problems.length === 1 ? '' : 's'}` : '';
  return {
    index,
    problems,
    status: { kind: 'offline-data', description: `${index.size} records from ${location}${unreadable}`, dataTime: started, incomplete: false, stale: false },
  };
}
