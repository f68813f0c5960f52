import assert from 'node:assert/strict';
import * as path from 'node:path';
import { importOfflineDatabase } from '../../../server/src/osv/offline-import';
import { createStoreSource } from '../../../server/src/osv/store-source';
import { openStore } from '../../../server/src/store/open-store';
import { kill, spawnStoreChild, tempDirs } from './temp-store';

const FIXTURES = path.resolve(__dirname, '../../fixtures/osv-server/records');

describe('store/import killed halfway', () => {
  const dirs = tempDirs();
  afterEach(() => dirs.cleanup());

  // `hang`: killed between two committed batches, lock held. `continue`: killed wherever the import is
  // when the signal lands, most likely inside a write transaction.
  for (const then of ['hang', 'continue']) {
    it(`keeps the previous data intact and the store usable (${then})`, async () => {
      const file = path.join(dirs.make(), 'chainsight.db');
      const before = await openStore(file);
      await importOfflineDatabase(before, path.join(FIXTURES, 'npm'));
      const queries = [{ ecosystem: 'npm' as const, name: 'lodash' }, { ecosystem: 'npm' as const, name: 'child-pkg-1' }];
      const expected = await createStoreSource(before).recordsFor(queries);
      const generations = await before.offlineGenerations();
      await before.close();

      const { child, lines } = await spawnStoreChild(['import', file, '20000', '500', then], 'halfway');
      await kill(child);
      assert.ok(!lines.includes('done'), 'the import did not finish');

      const after = await openStore(file, { lockTimeoutMs: 60_000 });
      try {
        assert.equal(after.recovered, undefined, 'nothing needed rebuilding');
        assert.deepEqual(await after.offlineGenerations(), generations);
        const answer = await createStoreSource(after).recordsFor(queries);
        assert.deepEqual(answer.records, expected.records);
        assert.deepEqual(answer.records.get('npm:child-pkg-1'), [], 'no half-imported record is visible');
        // Usable: the killed import's rows are cleaned up and a new import succeeds.
        assert.equal(await after.cleanupOffline(), 1);
        const [again] = await importOfflineDatabase(after, path.join(FIXTURES, 'PyPI'));
        assert.equal(again?.error, undefined);
        assert.equal((await after.offlineGenerations()).length, 2);
      } finally {
        await after.close();
      }
    });
  }
});
