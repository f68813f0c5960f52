import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { OsvRecord } from '../../../server/src/osv/types';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { openStore } from '../../../server/src/store/open-store';
import { tempDirs } from './temp-store';

const rec = (id: string, modified: string, ...names: string[]): OsvRecord => ({ id, modified, affected: names.map((name) => ({ package: { ecosystem: 'npm', name } })) });

describe('store/metadata-store', () => {
  const dirs = tempDirs();
  let clock = 1_000;
  let store: MetadataStore;
  beforeEach(async () => {
    clock = 1_000;
    store = await openStore(path.join(dirs.make(), 'nested', 'chainsight.db'), { now: () => clock });
  });
  afterEach(async () => {
    await store.close();
    dirs.cleanup();
  });

  // The OSV cache and offline databases: vulnerability-data.test.ts, on this store and the team store alike.

  describe('keyed cache', () => {
    const cases: Array<{ name: string; ttlMs: number; readAt: number; want: unknown }> = [
      { name: 'fresh value', ttlMs: 1_000, readAt: 1_500, want: { ok: true } },
      { name: 'expired value reads as missing', ttlMs: 1_000, readAt: 2_000, want: undefined },
      { name: 'infinite TTL', ttlMs: Infinity, readAt: 10 ** 12, want: { ok: true } },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        await store.putCached('registry', 'lodash', { ok: true }, c.ttlMs);
        clock = c.readAt;
        assert.deepEqual(await store.getCached('registry', 'lodash'), c.want);
      });
    }

    it('offers the { get, set } adapter, separated by kind', async () => {
      const cache = store.keyedCache();
      await cache.set('provenance', 'a@1', { verified: true }, 60_000);
      await cache.set('signature', 'a@1', { verified: false }, 60_000);
      assert.deepEqual(await cache.get('provenance', 'a@1'), { verified: true });
      assert.deepEqual(await cache.get('signature', 'a@1'), { verified: false });
      assert.equal(await cache.get('provenance', 'b@1'), undefined);
    });
  });

  it('stores imported documents by kind and name', async () => {
    await store.putDocument('sbom', 'app.cdx.json', { bomFormat: 'CycloneDX' });
    await store.putDocument('vex', 'app.vex.json', { statements: [] });
    assert.deepEqual((await store.getDocument('sbom', 'app.cdx.json'))?.json, { bomFormat: 'CycloneDX' });
    assert.deepEqual((await store.listDocuments()).map((d) => `${d.kind}/${d.name}`), ['sbom/app.cdx.json', 'vex/app.vex.json']);
    assert.deepEqual((await store.listDocuments('vex')).map((d) => d.name), ['app.vex.json']);
    assert.equal(await store.deleteDocument('vex', 'app.vex.json'), true);
    assert.equal(await store.getDocument('vex', 'app.vex.json'), undefined);
  });

  it('persists across close and reopen', async () => {
    await store.putAdvisories([{ record: rec('A', 'm1', 'x') }]);
    await store.putCached('registry', 'k', 1, 60_000);
    const file = store.path;
    await store.close();
    store = await openStore(file, { now: () => clock });
    assert.equal((await store.getAdvisories(['A'])).get('A')?.modified, 'm1');
    assert.equal(await store.getCached('registry', 'k'), 1);
    const status = await store.status();
    assert.equal(status.cache.advisories, 1);
    assert.ok(status.sizeBytes > 0);
    assert.equal(status.recovered, undefined);
  });
});
