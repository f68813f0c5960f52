import { createLocalSource } from './local-source';
import type { VulnerabilitySource } from './source';

export interface SourceOptions {
  /** A folder of OSV records or an OSV `all.zip` (`--osv-data`, `chainsight.osv.offlineData`). */
  osvData?: string;
  /** No network at all. */
  offline?: boolean;
}

/** Picks the vulnerability source for a scan from the user's options. */
export function createSource(options: SourceOptions): VulnerabilitySource {
  if (options.osvData) return createLocalSource(options.osvData);
  return {
    async recordsFor() {
      return {
        records: new Map(),
        status: {
          kind: 'none',
          description: 'no vulnerability data configured',
          incomplete: true,
          stale: false,
          error: options.offline ? 'offline mode needs OSV data: set chainsight.osv.offlineData or pass --osv-data' : 'no OSV data source configured: set chainsight.osv.offlineData or pass --osv-data',
        },
      };
    },
  };
}
