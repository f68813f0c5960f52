import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Agent } from 'undici';
import { createAutoSource } from '../../../server/src/osv/auto-source';
import { importOfflineDatabase } from '../../../server/src/osv/offline-import';
import { createOnlineSource } from '../../../server/src/osv/online-source';
import { createStoreSource } from '../../../server/src/osv/store-source';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { openStore } from '../../../server/src/store/open-store';
import { startOsvServer, type OsvServer } from '../../support/osv-server';
import { recordingSleep, tempDirs } from '../store/temp-store';

const FIXTURES = path.resolve(__dirname, '../../fixtures/osv-server/records');
const ids = (records: Array<{ id: string }> | undefined) => (records ?? []).map((r) => r.id);

describe('osv/store-source and auto-source', () => {
  const dirs = tempDirs();
  const dispatcher = new Agent();
  let server: OsvServer;
  let store: MetadataStore;
  let clock: number;
  const online = () => createOnlineSource({ baseUrl: server.url, dispatcher, store, now: () => clock, retry: { baseDelayMs: 1, sleep: recordingSleep().sleep } });

  beforeEach(async () => {
    clock = Date.parse('2026-06-01T00:00:00Z');
    server = await startOsvServer({ recordsDir: FIXTURES });
    store = await openStore(path.join(dirs.make(), 'chainsight.db'), { now: () => clock });
  });
  afterEach(async () => {
    await store.close();
    await server.close();
    dirs.cleanup();
  });
  after(() => dispatcher.close());

  describe('offline (store only)', () => {
    it('answers from imported data with no network, and says which ecosystems lack data', async () => {
      await importOfflineDatabase(store, path.join(FIXTURES, 'npm'));
      await server.close();
      const answer = await createStoreSource(store).recordsFor([
        { ecosystem: 'npm', name: 'lodash' },
        { ecosystem: 'Go', name: 'golang.org/x/net' },
      ]);
      assert.ok(ids(answer.records.get('npm:lodash')).length > 0);
      assert.deepEqual(answer.records.get('Go:golang.org/x/net'), []);
      assert.equal(answer.status.kind, 'offline');
      assert.equal(answer.status.incomplete, true);
      assert.match(answer.status.error ?? '', /no offline data for Go/);
      assert.equal(answer.status.dataTime, clock);
      assert.match(answer.status.description, /offline database \(npm 2026-06-01\)/);
      server = await startOsvServer({});
    });

    it('also answers from what the online cache holds', async () => {
      await online().recordsFor([{ ecosystem: 'Go', name: 'golang.org/x/net' }]);
      clock += 24 * 3_600_000;
      const answer = await createStoreSource(store).recordsFor([{ ecosystem: 'Go', name: 'golang.org/x/net' }]);
      assert.ok(ids(answer.records.get('Go:golang.org/x/net')).length > 0);
      assert.equal(answer.status.incomplete, false);
      assert.equal(answer.status.dataTime, clock - 24 * 3_600_000);
    });

    it('an empty store answers nothing, incomplete', async () => {
      const answer = await createStoreSource(store).recordsFor([{ ecosystem: 'npm', name: 'lodash' }]);
      assert.deepEqual(answer.records.get('npm:lodash'), []);
      assert.equal(answer.status.incomplete, true);
      assert.equal(answer.status.dataTime, undefined);
    });

    it('a closed store is an error value, not an exception', async () => {
      const closed = await openStore(path.join(dirs.make(), 'other.db'));
      await closed.close();
      const answer = await createStoreSource(closed).recordsFor([{ ecosystem: 'npm', name: 'lodash' }]);
      assert.equal(answer.status.incomplete, true);
      assert.match(answer.status.error ?? '', /cannot read the store/);
    });
  });

  describe('auto', () => {
    it('is the online answer when the network works', async () => {
      const answer = await createAutoSource(online(), createStoreSource(store)).recordsFor([{ ecosystem: 'npm', name: 'lodash' }]);
      assert.equal(answer.status.kind, 'online');
      assert.equal(answer.status.stale, false);
      assert.ok(ids(answer.records.get('npm:lodash')).length > 0);
    });

    it('falls back to offline data when the network fails, visibly stale', async () => {
      await importOfflineDatabase(store, path.join(FIXTURES, 'npm'));
      const expected = await createStoreSource(store).recordsFor([{ ecosystem: 'npm', name: 'minimist' }]);
      server.setFaults([{ route: 'querybatch', kind: 'reset' }]);
      const answer = await createAutoSource(online(), createStoreSource(store)).recordsFor([
        { ecosystem: 'npm', name: 'lodash' },
        { ecosystem: 'npm', name: 'minimist' },
      ]);
      assert.equal(answer.status.stale, true);
      assert.equal(answer.status.kind, 'offline');
      assert.equal(answer.status.incomplete, false, 'offline data covers npm');
      assert.match(answer.status.error ?? '', /cannot reach 127\.0\.0\.1:\d+/);
      assert.match(answer.status.description, /offline data answered 2 of 2 packages/);
      assert.ok(ids(answer.records.get('npm:lodash')).length > 0);
      assert.deepEqual(answer.records.get('npm:minimist'), expected.records.get('npm:minimist'));
    });

    it('stays incomplete when neither the network nor offline data can answer', async () => {
      server.setFaults([{ route: 'querybatch', kind: 'status', status: 503 }]);
      const answer = await createAutoSource(online(), createStoreSource(store)).recordsFor([{ ecosystem: 'PyPI', name: 'django' }]);
      assert.equal(answer.status.incomplete, true);
      assert.equal(answer.status.stale, false, 'nothing answered in place of the network');
      assert.match(answer.status.error ?? '', /HTTP 503.*no offline data for PyPI/);
      // Not "offline data for 1 package(s)": the store had none.
      assert.match(answer.status.description, /; no offline data for the 1 package the network could not answer$/);
    });
  });
});
