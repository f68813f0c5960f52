import assert from 'node:assert/strict';
import * as path from 'node:path';
import { SupplyChainGraph } from '../../../server/src/graph/graph-store';
import { openStore } from '../../../server/src/store/open-store';
import { storeAtVersion, tempDirs } from './temp-store';

describe('store/migration to the aggregated graph (version 4)', () => {
  const dirs = tempDirs();
  afterEach(() => dirs.cleanup());

  it('upgrades a version-3 store with data in every table, losing nothing', async () => {
    const file = path.join(dirs.make(), 'v3.db');
    const db = storeAtVersion(file, 3);
    db.run(`INSERT INTO cache_entries (kind, key, value, stored_at, expires_at) VALUES ('registry', 'npm:left-pad', '{"ok":true}', 1, 9007199254740991)`);
    db.run(`INSERT INTO documents (kind, name, json, stored_at) VALUES ('sbom', 'app.cdx.json', '{"bomFormat":"CycloneDX"}', 2)`);
    db.run(`INSERT INTO offline_generations (ecosystem, source, state, owner, started_at, completed_at, record_count) VALUES ('npm', 'all.zip', 'active', 'host:1', 1, 2, 1)`);
    db.run(`INSERT INTO offline_records (gen, id, modified, json) VALUES (1, 'MAL-1', 'm', '{"id":"MAL-1","modified":"m","affected":[{"package":{"ecosystem":"npm","name":"bad"}}]}')`);
    db.run(`INSERT INTO offline_packages (purl, gen, rid) VALUES ('pkg:npm/bad', 1, 1)`);
    db.close();

    const store = await openStore(file, { now: () => 10 });
    try {
      const status = await store.status();
      assert.equal(status.schemaVersion, 4);
      assert.deepEqual((await store.cachedRecordsFor(['pkg:npm/old'])).get('pkg:npm/old')?.records.map((r) => r.id), ['GHSA-old']);
      assert.deepEqual(await store.getCached('registry', 'npm:left-pad'), { ok: true });
      assert.deepEqual((await store.getDocument('sbom', 'app.cdx.json'))?.json, { bomFormat: 'CycloneDX' });
      assert.deepEqual([...(await store.offlineRecordsFor(['pkg:npm/bad'])).records.get('pkg:npm/bad')!].map((r) => r.id), ['MAL-1']);
      assert.deepEqual((await store.offlineGenerations()).map((g) => [g.ecosystem, g.records]), [['npm', 1]]);
      // The new tables are there and empty.
      const graph = new SupplyChainGraph(store.sqlExecutor());
      const empty = await graph.status();
      assert.deepEqual([empty.projects, empty.documents], [[], []]);
    } finally {
      await store.close();
    }
  });
});
