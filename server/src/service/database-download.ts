import { dirname, join } from 'node:path';
import { downloadOfflineDatabase } from '../osv/offline-download';
import type { DownloadDatabaseResult } from '../protocol';
import type { ChainsightSettings } from '../settings';
import type { DataResources, HttpSettings } from './data-resources';

/** OSV's offline database for the given ecosystems, into the store, with progress in words. */
export async function downloadDatabase(
  resources: DataResources,
  http: HttpSettings,
  settings: ChainsightSettings,
  ecosystems: string[],
  onProgress: (message: string, percentage?: number) => void,
  signal?: AbortSignal,
): Promise<DownloadDatabaseResult> {
  const store = await resources.store();
  const results = await downloadOfflineDatabase({
    ecosystems,
    store,
    dispatcher: await resources.dispatcher(http),
    bucket: settings.osv.bucket,
    breaker: resources.breaker,
    cacheDir: join(dirname(store.path), 'downloads'),
    ...(signal ? { signal } : {}),
    onProgress: (p) => {
      if (p.phase === 'download') onProgress(`${p.ecosystem}: downloading ${(p.bytes / 1e6).toFixed(1)}${p.totalBytes ? ` of ${(p.totalBytes / 1e6).toFixed(1)}` : ''} MB`, p.totalBytes ? Math.round((100 * p.bytes) / p.totalBytes) : undefined);
      else onProgress(`${p.ecosystem ?? ''}: ${p.records} records imported`);
    },
  });
  return { ecosystems: results.map((r) => ({ ecosystem: r.ecosystem, ...(r.import ? { records: r.import.records } : {}), ...(r.error ? { error: r.error } : {}) })) };
}
