import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Agent } from 'undici';
import { knownExploited } from '../../../server/src/kev/catalog';
import { KevSource, type KevSourceOptions } from '../../../server/src/kev/kev-source';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { openStore } from '../../../server/src/store/open-store';
import { KEV_FIXTURE, startKevServer, type KevFault, type KevServer } from '../../support/kev-server';

const HOUR = 60 * 60 * 1000;

describe('KEV catalog fetched with a cache, and imported offline', () => {
  let server: KevServer;
  let dir: string;
  let store: MetadataStore;
  let clock: number;
  const dispatcher = new Agent({ connect: { timeout: 5_000 } });

  before(async () => {
    server = await startKevServer();
  });
  after(async () => {
    await server.close();
    await dispatcher.close();
  });
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'chainsight-kev-'));
    clock = Date.parse('2025-09-01T08:00:00Z');
    store = await openStore(path.join(dir, 'store.db'), { now: () => clock });
    server.answer('ok');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const source = (options: Partial<KevSourceOptions> = {}) => new KevSource({ http: { dispatcher }, cache: store.keyedCache(), mode: 'online', url: server.url, ttlMs: 24 * HOUR, now: () => clock, ...options });

  it('fetches once, then answers from the cache until the copy is a day old', async () => {
    const kev = source();
    const first = await kev.load();
    assert.equal(first.status.state, 'fresh');
    assert.equal(first.status.from, 'fetched');
    assert.equal(first.status.catalogVersion, '2025.08.25');
    assert.equal(knownExploited(first.catalog!, ['CVE-2021-44228'])?.dateAdded, '2021-12-10');
    const requests = server.requests;

    clock += 23 * HOUR;
    // Another instance (another window, the CLI) reads the same store.
    assert.equal((await source().load()).status.state, 'fresh');
    assert.equal(server.requests, requests, 'no request within the TTL');

    clock += 2 * HOUR;
    assert.equal((await kev.load()).status.state, 'fresh');
    assert.equal(server.requests, requests + 1, 'fetched again after the TTL');
  });

  const FAULTS: Array<{ fault: KevFault; error: RegExp }> = [
    { fault: 'server-error', error: /HTTP 503/ },
    { fault: 'reset', error: /./ },
    { fault: 'malformed', error: /^GET http:\/\/127\.0\.0\.1:\d+\/.+: the response is not valid JSON/ },
    { fault: 'schema-invalid', error: /does not match CISA's schema at 1:\d+: \/dateReleased must match format "date-time"/ },
  ];
  for (const { fault, error } of FAULTS) {
    it(`a failed refresh (${fault}) keeps serving the last good copy, marked stale`, async () => {
      await source().load();
      clock += 48 * HOUR;
      server.answer(fault);
      const before = server.requests;
      const load = await source().load();
      assert.equal(server.requests, before + 1);
      assert.equal(load.status.state, 'stale');
      assert.match(load.status.error ?? '', error);
      assert.equal(load.status.fetchedAt, Date.parse('2025-09-01T08:00:00Z'));
      assert.equal(load.catalog?.entries.size, 1404);
      // The bad answer replaced nothing: once the feed is back, a good copy comes in.
      server.answer('ok');
      assert.equal((await source().load()).status.state, 'fresh');
    });
  }

  it('a failure with nothing cached says so, with no catalog', async () => {
    server.answer('server-error');
    const load = await source().load();
    assert.equal(load.catalog, undefined);
    assert.equal(load.status.state, 'none');
    assert.match(load.status.error ?? '', /HTTP 503/);
  });

  it('offline never connects: an imported file serves, an old copy serves as stale', async () => {
    const before = server.requests;
    const offline = source({ mode: 'offline' });
    assert.equal((await offline.load()).status.state, 'none');
    const imported = await offline.importFile(KEV_FIXTURE);
    assert.equal(imported.ok, true);
    const load = await source({ mode: 'offline' }).load();
    assert.deepEqual({ state: load.status.state, from: load.status.from, entries: load.catalog?.entries.size }, { state: 'fresh', from: 'imported', entries: 1404 });
    clock += 30 * 24 * HOUR;
    assert.equal((await source({ mode: 'offline' }).load()).status.state, 'stale');
    assert.equal(server.requests, before, 'offline made no request');
  });

  it('an import that does not validate replaces nothing', async () => {
    await source().load();
    const bad = path.join(dir, 'kev.json');
    writeFileSync(bad, '{"catalogVersion": "x"}');
    const result = await source().importFile(bad);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.error, /must have required property 'dateReleased'/);
    assert.equal((await source({ mode: 'offline' }).load()).status.from, 'fetched');
  });
});
