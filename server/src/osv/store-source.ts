import { packageKey, type EcosystemName } from '../core/package';
import type { CachedPackage, OfflineLookup, OsvRecordStore } from './record-store';
import { purlFor } from './purl';
import { mergeRecords } from './record-merge';
import type { DetailedAnswer } from './online-source';
import type { PackageQuery, VulnerabilitySource } from './source';
import type { OsvRecord } from './types';

export interface StoreSource extends VulnerabilitySource {
  recordsForDetailed(queries: readonly PackageQuery[], signal?: AbortSignal): Promise<DetailedAnswer>;
}

/**
 * Offline mode: answers from the store alone, with no network at all: the imported offline databases
 * plus whatever the online cache holds. A package counts as answered when its ecosystem has an offline
 * database or the cache has a complete entry for it; otherwise the answer is marked incomplete and says
 * which ecosystems lack data.
 */
export function createStoreSource(store: OsvRecordStore): StoreSource {
  async function recordsForDetailed(queries: readonly PackageQuery[], signal?: AbortSignal): Promise<DetailedAnswer> {
    const queryPurls = queries.map((q) => purlFor(q.ecosystem, q.name));
    const purls = [...new Set(queryPurls)];
    let offline: OfflineLookup;
    let cached: Map<string, CachedPackage>;
    try {
      offline = await store.offlineRecordsFor(purls);
      cached = await store.cachedRecordsFor(purls);
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err;
      return {
        answer: {
          records: new Map(queries.map((q) => [packageKey(q.ecosystem, q.name), []])),
          status: { kind: 'offline', description: `store ${store.path}`, incomplete: queries.length > 0, stale: false, error: `cannot read the store: ${(err as Error).message}` },
        },
        failed: [...queries],
      };
    }
    signal?.throwIfAborted();
    const generations = new Map(offline.generations.map((g) => [g.ecosystem, g]));
    const records = new Map<string, OsvRecord[]>();
    const failed: PackageQuery[] = [];
    const missingEcosystems = new Set<EcosystemName>();
    let oldest = Infinity;
    for (const [index, query] of queries.entries()) {
      const purl = queryPurls[index]!;
      const entry = cached.get(purl);
      const generation = generations.get(query.ecosystem);
      records.set(packageKey(query.ecosystem, query.name), mergeRecords(offline.records.get(purl), entry?.records));
      if (generation) oldest = Math.min(oldest, generation.importedAt);
      if (entry) oldest = Math.min(oldest, entry.queriedAt);
      const cacheComplete = entry !== undefined && entry.missing.length === 0;
      if (!generation && !cacheComplete) {
        failed.push(query);
        missingEcosystems.add(query.ecosystem);
      }
    }
    const described = offline.generations.map((g) => `${g.ecosystem} ${new Date(g.importedAt).toISOString().slice(0, 10)}`).join(', ');
    const error = missingEcosystems.size > 0 ? `no offline data for ${[...missingEcosystems].sort().join(', ')}: download or import the offline database` : undefined;
    return {
      answer: {
        records,
        status: {
          kind: 'offline',
          description: described ? `offline database (${described})` : `store ${store.path}`,
          ...(Number.isFinite(oldest) ? { dataTime: oldest } : {}),
          incomplete: failed.length > 0,
          stale: false,
          ...(error ? { error } : {}),
        },
      },
      failed,
    };
  }
  return {
    recordsForDetailed,
    recordsFor: async (queries, signal) => (await recordsForDetailed(queries, signal)).answer,
  };
}
