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

  it('keeps advisories by id with their modified time, the latest write winning', async () => {
    await store.putAdvisories([{ record: rec('A', 'm1', 'x') }, { record: rec('B', 'm1', 'y'), json: JSON.stringify(rec('B', 'm1', 'y')) }]);
    clock = 2_000;
    await store.putAdvisories([{ record: rec('A', 'm2', 'x') }]);
    const got = await store.getAdvisories(['A', 'B', 'C']);
    assert.deepEqual([...got.keys()].sort(), ['A', 'B']);
    assert.equal(got.get('A')?.modified, 'm2');
    assert.equal(got.get('A')?.fetchedAt, 2_000);
    assert.equal(got.get('B')?.fetchedAt, 1_000);
  });

  it('answers package queries from the cache: records at the reported modified time, the rest missing', async () => {
    await store.putAdvisories([{ record: rec('A', 'm1', 'x') }, { record: rec('B', 'old', 'x') }]);
    await store.putPackageQueries([
      { purl: 'pkg:npm/x', advisories: [{ id: 'A', modified: 'm1' }, { id: 'B', modified: 'new' }, { id: 'C', modified: 'm1' }] },
      { purl: 'pkg:npm/clean', advisories: [] },
    ]);
    const cached = await store.cachedRecordsFor(['pkg:npm/x', 'pkg:npm/clean', 'pkg:npm/never']);
    assert.deepEqual(cached.get('pkg:npm/x')?.records.map((r) => r.id), ['A']);
    assert.deepEqual(cached.get('pkg:npm/x')?.missing, [{ id: 'B', modified: 'new' }, { id: 'C', modified: 'm1' }]);
    assert.deepEqual(cached.get('pkg:npm/clean'), { queriedAt: 1_000, records: [], missing: [] });
    assert.equal(cached.has('pkg:npm/never'), false);
  });

  it('replaces a package list on the next query', async () => {
    await store.putPackageQueries([{ purl: 'pkg:npm/x', advisories: [{ id: 'A', modified: 'm' }] }]);
    clock = 5_000;
    await store.putPackageQueries([{ purl: 'pkg:npm/x', advisories: [{ id: 'B', modified: 'm' }] }]);
    const cached = await store.cachedRecordsFor(['pkg:npm/x']);
    assert.equal(cached.get('pkg:npm/x')?.queriedAt, 5_000);
    assert.deepEqual(cached.get('pkg:npm/x')?.missing.map((m) => m.id), ['B']);
  });

  it('answers thousands of packages in one call', async () => {
    const purls = Array.from({ length: 3_000 }, (_, i) => `pkg:npm/p${i}`);
    await store.putAdvisories(purls.map((_, i) => ({ record: rec(`ID-${i}`, 'm', `p${i}`) })));
    await store.putPackageQueries(purls.map((purl, i) => ({ purl, advisories: [{ id: `ID-${i}`, modified: 'm' }] })));
    const cached = await store.cachedRecordsFor(purls);
    assert.equal(cached.size, 3_000);
    assert.ok([...cached.values()].every((c) => c.records.length === 1 && c.missing.length === 0));
  });

  it('answers offline scans larger than its in-memory record cache, and the same again on a rescan', async () => {
    const small = await openStore(path.join(dirs.make(), 'small.db'), { recordCacheEntries: 2 });
    try {
      const writer = await small.beginImport('test');
      await writer.add(['a', 'b', 'c', 'd', 'e'].map((name) => rec(`MAL-${name}`, 'm', name, 'shared')));
      await writer.commit('npm', { records: 5, malformed: 0 });
      const purls = ['a', 'b', 'c', 'd', 'e', 'shared'].map((n) => `pkg:npm/${n}`);
      for (let scan = 0; scan < 2; scan++) {
        const lookup = await small.offlineRecordsFor(purls);
        assert.deepEqual(lookup.records.get('pkg:npm/shared')?.map((r) => r.id).sort(), ['MAL-a', 'MAL-b', 'MAL-c', 'MAL-d', 'MAL-e']);
        assert.deepEqual(lookup.records.get('pkg:npm/c')?.map((r) => r.id), ['MAL-c']);
      }
    } finally {
      await small.close();
    }
  });

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

  it('rolls a failed write back entirely', async () => {
    const good = { id: 'X', modified: 'm', affected: [] } as OsvRecord;
    // The second row cannot be bound (no id): SQLite has already inserted the first one in this transaction.
    const bad = { id: undefined, modified: 'm' } as unknown as OsvRecord;
    await assert.rejects(store.putAdvisories([{ record: good }, { record: bad }]));
    assert.equal((await store.getAdvisories(['X'])).size, 0);
    await store.putAdvisories([{ record: good }]);
    assert.equal((await store.getAdvisories(['X'])).size, 1);
  });
});
