import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Agent } from 'undici';
import type { EcosystemName } from '../../../server/src/core/package';
import { importOfflineDatabase } from '../../../server/src/osv/offline-import';
import { createOnlineSource } from '../../../server/src/osv/online-source';
import type { PackageQuery } from '../../../server/src/osv/source';
import { createStoreSource } from '../../../server/src/osv/store-source';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { openStore } from '../../../server/src/store/open-store';
import { buildZip, readRecordDirs, startOsvServer } from '../../support/osv-server';
import { tempDirs } from '../store/temp-store';

const FIXTURES = path.resolve(__dirname, '../../fixtures/osv-server/records');
const MALFORMED = path.resolve(__dirname, '../../fixtures/osv-server/malformed');
const ECOSYSTEMS = ['npm', 'PyPI', 'Go', 'crates.io', 'Maven'] as const;

/** Every package named in the fixtures, as the engine would ask for them. */
function allPackages(): PackageQuery[] {
  const seen = new Map<string, PackageQuery>();
  for (const record of readRecordDirs(FIXTURES)) {
    for (const a of record.affected ?? []) {
      if (a.package && (ECOSYSTEMS as readonly string[]).includes(a.package.ecosystem)) seen.set(`${a.package.ecosystem}:${a.package.name}`, { ecosystem: a.package.ecosystem as EcosystemName, name: a.package.name });
    }
  }
  return [...seen.values()];
}

async function writeZips(dir: string): Promise<string[]> {
  const zips: string[] = [];
  for (const ecosystem of ECOSYSTEMS) {
    const folder = path.join(dir, ecosystem);
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, 'all.zip');
    writeFileSync(file, await buildZip(readRecordDirs(path.join(FIXTURES, ecosystem))));
    zips.push(file);
  }
  return zips;
}

describe('osv/offline-import', () => {
  const dirs = tempDirs();
  let store: MetadataStore;
  let clock: number;
  beforeEach(async () => {
    clock = Date.parse('2026-06-01T00:00:00Z');
    store = await openStore(path.join(dirs.make(), 'chainsight.db'), { now: () => clock });
  });
  afterEach(async () => {
    await store.close();
    dirs.cleanup();
  });

  it('gives the same answers as online against the same records (zips built from the fixtures, one per ecosystem)', async () => {
    const zips = await writeZips(dirs.make());
    for (const zip of zips) {
      const [result] = await importOfflineDatabase(store, zip);
      assert.equal(result?.error, undefined);
      assert.equal(result?.malformed, 0);
    }
    const queries = allPackages();
    assert.ok(queries.length > 150);
    const offline = await createStoreSource(store).recordsFor(queries);

    const server = await startOsvServer({ recordsDir: FIXTURES, pageSize: 7 });
    const dispatcher = new Agent();
    const onlineStore = await openStore(path.join(dirs.make(), 'online.db'), { now: () => clock });
    try {
      const online = await createOnlineSource({ baseUrl: server.url, dispatcher, store: onlineStore, now: () => clock }).recordsFor(queries);
      assert.equal(online.status.incomplete, false);
      assert.equal(offline.status.incomplete, false);
      assert.deepEqual([...offline.records.keys()].sort(), [...online.records.keys()].sort());
      for (const [key, records] of online.records) assert.deepEqual(offline.records.get(key), records, key);
      assert.ok([...online.records.values()].reduce((n, r) => n + r.length, 0) > 300);
    } finally {
      await onlineStore.close();
      await dispatcher.close();
      await server.close();
    }
  });

  it('labels each import by its path and reports per-ecosystem counts', async () => {
    const dir = dirs.make();
    await writeZips(dir);
    const results = await importOfflineDatabase(store, dir);
    assert.deepEqual(results.map((r) => r.ecosystem).sort(), [...ECOSYSTEMS].sort());
    const status = await store.status();
    const counts = Object.fromEntries(status.offline.map((g) => [g.ecosystem, g.records]));
    for (const ecosystem of ECOSYSTEMS) assert.equal(counts[ecosystem], readdirSync(path.join(FIXTURES, ecosystem)).length, ecosystem);
    assert.ok(status.offline.every((g) => g.importedAt === clock));
  });

  it('imports a plain folder and labels it by the records when the name says nothing', async () => {
    const folder = path.join(dirs.make(), 'copied-records');
    mkdirSync(folder);
    for (const file of readdirSync(path.join(FIXTURES, 'crates.io')).slice(0, 20)) copyFileSync(path.join(FIXTURES, 'crates.io', file), path.join(folder, file));
    const [result] = await importOfflineDatabase(store, folder);
    assert.equal(result?.ecosystem, 'crates.io');
    assert.equal(result?.records, 20);
  });

  it('counts and reports malformed records, stores the rest', async () => {
    const folder = path.join(dirs.make(), 'npm');
    mkdirSync(folder);
    for (const file of readdirSync(MALFORMED)) copyFileSync(path.join(MALFORMED, file), path.join(folder, file));
    for (const file of readdirSync(path.join(FIXTURES, 'npm')).slice(0, 5)) copyFileSync(path.join(FIXTURES, 'npm', file), path.join(folder, file));
    const progress: number[] = [];
    const [result] = await importOfflineDatabase(store, folder, { batchSize: 2, onProgress: (p) => void progress.push(p.records) });
    assert.equal(result?.records, 5);
    assert.equal(result?.malformed, 4);
    assert.equal(result?.problems.length, 4);
    assert.ok(result?.problems.some((p) => /not valid JSON/.test(p)));
    assert.ok(result?.problems.some((p) => /no "id"/.test(p)));
    assert.deepEqual(progress, [2, 4, 5]);
    const lookup = await store.offlineRecordsFor(['pkg:npm/left-pad']);
    assert.equal(lookup.records.size, 0, 'the broken left-pad record was not stored');
    assert.equal((await store.status()).offline[0]?.malformed, 4);
  });

  it('swaps a re-import in whole and removes the old generation', async () => {
    const folder = path.join(dirs.make(), 'npm');
    mkdirSync(folder);
    const files = readdirSync(path.join(FIXTURES, 'npm'));
    for (const file of files.slice(0, 10)) copyFileSync(path.join(FIXTURES, 'npm', file), path.join(folder, file));
    await importOfflineDatabase(store, folder);
    const first = await store.offlineGenerations();
    for (const file of files.slice(10)) copyFileSync(path.join(FIXTURES, 'npm', file), path.join(folder, file));
    clock += 1000;
    await importOfflineDatabase(store, folder);
    const second = await store.offlineGenerations();
    assert.equal(second.length, 1);
    assert.notEqual(second[0]?.id, first[0]?.id);
    assert.equal(second[0]?.records, files.length);
    assert.equal(second[0]?.importedAt, clock);
    assert.equal(await store.cleanupOffline(), 0, 'the old generation is already gone');
  });

  it('keeps the previous data when the new export is empty, broken or unreadable', async () => {
    const good = path.join(dirs.make(), 'npm');
    mkdirSync(good);
    copyFileSync(path.join(FIXTURES, 'npm', readdirSync(path.join(FIXTURES, 'npm'))[0]!), path.join(good, 'one.json'));
    await importOfflineDatabase(store, good);
    const before = await store.offlineGenerations();

    const dir = dirs.make();
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    const brokenZip = path.join(dir, 'npm.zip');
    writeFileSync(brokenZip, 'PK\u0003\u0004 not really a zip');
    const onlyMalformed = path.join(dir, 'bad');
    mkdirSync(onlyMalformed);
    for (const file of readdirSync(MALFORMED)) copyFileSync(path.join(MALFORMED, file), path.join(onlyMalformed, file));

    const cases = [
      { name: 'empty folder', location: empty, error: /no usable OSV record/ },
      { name: 'broken zip', location: brokenZip, error: /failed/ },
      { name: 'only malformed records', location: onlyMalformed, error: /no usable OSV record/ },
      { name: 'missing path', location: path.join(dir, 'nope'), error: /cannot read/ },
    ];
    for (const c of cases) {
      const [result] = await importOfflineDatabase(store, c.location, { ecosystem: 'npm' });
      assert.match(result?.error ?? '', c.error, c.name);
      assert.deepEqual(await store.offlineGenerations(), before, c.name);
    }
    assert.equal((await store.status()).offline.length, 1);
  });

  it('cancelling an import rejects and leaves the previous data', async () => {
    const zips = await writeZips(dirs.make());
    await importOfflineDatabase(store, zips[0]!);
    const before = await store.offlineGenerations();
    const controller = new AbortController();
    await assert.rejects(
      importOfflineDatabase(store, zips[0]!, { signal: controller.signal, batchSize: 5, onProgress: () => controller.abort() }),
      { name: 'AbortError' },
    );
    assert.deepEqual(await store.offlineGenerations(), before);
  });
});
