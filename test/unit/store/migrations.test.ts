import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Database } from 'node-sqlite3-wasm';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, schemaVersion } from '../../../server/src/store/migrations';
import { openStore } from '../../../server/src/store/open-store';
import { StoreError } from '../../../server/src/store/store-error';
import { storeAtVersion, tempDirs } from './temp-store';

describe('store/migrations', () => {
  const dirs = tempDirs();
  afterEach(() => dirs.cleanup());

  it('numbers steps 1..N in order', () => {
    assert.deepEqual(MIGRATIONS.map((m) => m.version), MIGRATIONS.map((_, i) => i + 1));
    assert.equal(LATEST_SCHEMA_VERSION, MIGRATIONS.length);
  });

  it('upgrades a version-1 store to the latest, keeping its data', async () => {
    const file = path.join(dirs.make(), 'v1.db');
    const db = storeAtVersion(file, 1);
    db.close();

    const store = await openStore(file, { now: () => 10 });
    try {
      const status = await store.status();
      assert.equal(status.schemaVersion, LATEST_SCHEMA_VERSION);
      const cached = await store.cachedRecordsFor(['pkg:npm/old']);
      assert.deepEqual(cached.get('pkg:npm/old')?.records.map((r) => r.id), ['GHSA-old']);
      // The version-2 tables work.
      const writer = await store.beginImport('x');
      await writer.add([{ id: 'NEW-1', modified: 'm', affected: [{ package: { ecosystem: 'npm', name: 'old' } }] }]);
      await writer.commit('npm', { records: 1, malformed: 0 });
      assert.deepEqual([...(await store.offlineRecordsFor(['pkg:npm/old'])).records.get('pkg:npm/old')!].map((r) => r.id), ['NEW-1']);
    } finally {
      await store.close();
    }
  });

  it('refuses a store from a newer Chainsight and leaves its version alone', async () => {
    const file = path.join(dirs.make(), 'future.db');
    const db = new Database(file);
    db.exec(`PRAGMA user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    await assert.rejects(openStore(file), (err: unknown) => err instanceof StoreError && err.kind === 'newer-schema');
    const again = new Database(file);
    // The store is in WAL mode now, readable only with an exclusive lock (see connection.ts).
    again.exec('PRAGMA locking_mode=EXCLUSIVE');
    assert.equal(schemaVersion(again), LATEST_SCHEMA_VERSION + 1);
    again.close();
  });
});
