import { packageKey } from '../core/package';
import { mergeRecords } from './record-merge';
import type { DetailedAnswer } from './online-source';
import type { PackageQuery, SourceStatus, VulnerabilitySource } from './source';
import type { OsvRecord } from './types';

/** A source that can say which queries it could not answer completely. */
export interface DetailedSource extends VulnerabilitySource {
  recordsForDetailed(queries: readonly PackageQuery[], signal?: AbortSignal): Promise<DetailedAnswer>;
}

/**
 * `auto` mode: online first; the packages the network could not answer are filled from the offline
 * data and the cache, and the status says so (`stale`, with the network's error). `kind` turns to
 * `offline` when nothing came from the network at all.
 */
export function createAutoSource(online: DetailedSource, offline: DetailedSource): VulnerabilitySource {
  return {
    async recordsFor(queries, signal) {
      const first = await online.recordsForDetailed(queries, signal);
      if (first.failed.length === 0) return first.answer;
      const second = await offline.recordsForDetailed(first.failed, signal);
      const records = new Map<string, OsvRecord[]>(first.answer.records);
      for (const query of first.failed) {
        const key = packageKey(query.ecosystem, query.name);
        records.set(key, mergeRecords(first.answer.records.get(key), second.answer.records.get(key)));
      }
      const stillMissing = new Set(second.failed.map((q) => packageKey(q.ecosystem, q.name)));
      const asked = dedupedCount(first.failed);
      const answered = asked - stillMissing.size;
      const allFailed = asked === dedupedCount(queries);
      // Say what the offline data really did: "offline data for 44 packages" when the store had none was a lie.
      const fallback = answered === 0 ? `no offline data for the ${plural(asked)} the network could not answer` : `offline data answered ${answered} of ${plural(asked)}: ${second.answer.status.description}`;
      const times = [first.answer.status.dataTime, second.answer.status.dataTime].filter((t): t is number => t !== undefined);
      const status: SourceStatus = {
        kind: allFailed ? 'offline' : 'online',
        description: `${first.answer.status.description}; ${fallback}`,
        ...(times.length > 0 ? { dataTime: Math.min(...times) } : {}),
        incomplete: stillMissing.size > 0,
        stale: answered > 0 || first.answer.status.stale,
        ...(first.answer.status.error || second.answer.status.error ? { error: [first.answer.status.error, stillMissing.size > 0 ? second.answer.status.error : undefined].filter(Boolean).join('; ') } : {}),
      };
      return { records, status };
    },
  };
}

function plural(n: number): string {
  return `${n} package${n === 1 ? '' : 's'}`;
}

function dedupedCount(queries: readonly PackageQuery[]): number {
  return new Set(queries.map((q) => packageKey(q.ecosystem, q.name))).size;
}
