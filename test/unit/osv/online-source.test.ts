import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Agent } from 'undici';
import type { EcosystemName } from '../../../server/src/core/package';
import { createOnlineSource, type OnlineSourceOptions } from '../../../server/src/osv/online-source';
import type { PackageQuery } from '../../../server/src/osv/source';
import type { OsvRecord } from '../../../server/src/osv/types';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { openStore } from '../../../server/src/store/open-store';
import { startOsvServer, type Fault, type OsvServer } from '../../support/osv-server';
import { recordingSleep, tempDirs } from '../store/temp-store';

const FIXTURES = path.resolve(__dirname, '../../fixtures/osv-server/records');
const HOUR = 3_600_000;

const q = (ecosystem: EcosystemName, name: string): PackageQuery => ({ ecosystem, name });
const ids = (records: OsvRecord[] | undefined) => (records ?? []).map((r) => r.id);

describe('osv/online-source', () => {
  const dirs = tempDirs();
  const dispatcher = new Agent({ keepAliveTimeout: 1_000 });
  let server: OsvServer;
  let store: MetadataStore;
  let clock: number;
  let sleeper: ReturnType<typeof recordingSleep>;
  const source = (extra: Partial<OnlineSourceOptions> = {}) =>
    createOnlineSource({ baseUrl: server.url, dispatcher, store, now: () => clock, retry: { baseDelayMs: 1, sleep: sleeper.sleep }, ...extra });

  beforeEach(async () => {
    clock = Date.parse('2026-06-01T00:00:00Z');
    sleeper = recordingSleep();
    server = await startOsvServer({ recordsDir: FIXTURES, pageSize: 10 });
    store = await openStore(path.join(dirs.make(), 'chainsight.db'), { now: () => clock });
  });
  afterEach(async () => {
    await store.close();
    await server.close();
    dirs.cleanup();
  });
  after(() => dispatcher.close());

  it('answers every record that names each package, any version, withdrawn ones left out', async () => {
    const queries = [q('npm', 'lodash'), q('PyPI', 'django'), q('Go', 'golang.org/x/net'), q('crates.io', 'wasmtime'), q('Maven', 'com.fasterxml.jackson.core:jackson-databind'), q('npm', 'no-such-package')];
    const answer = await source().recordsFor(queries);
    for (const query of queries) {
      const expected = server.records
        .filter((r) => !r.withdrawn && (r.affected ?? []).some((a) => a.package?.ecosystem === query.ecosystem && a.package.name === query.name))
        .map((r) => r.id)
        .sort();
      assert.deepEqual(ids(answer.records.get(`${query.ecosystem}:${query.name}`)), expected, `${query.ecosystem}:${query.name}`);
    }
    assert.ok(ids(answer.records.get('PyPI:django')).length > 10, 'more than one page');
    assert.deepEqual(answer.status, { kind: 'online', description: server.url, dataTime: clock, incomplete: false, stale: false });
  });

  it('leaves withdrawn records out', async () => {
    const withdrawn = server.records.find((r) => r.withdrawn && r.affected?.[0]?.package?.ecosystem === 'crates.io')!;
    const name = withdrawn.affected![0]!.package!.name;
    const answer = await source().recordsFor([q('crates.io', name)]);
    assert.ok(!ids(answer.records.get(`crates.io:${name}`)).includes(withdrawn.id));
  });

  it('follows next_page_token for each query that has one', async () => {
    const answer = await source().recordsFor([q('PyPI', 'tensorflow'), q('npm', 'lodash')]);
    const tensorflow = server.records.filter((r) => !r.withdrawn && r.affected?.some((a) => a.package?.name === 'tensorflow'));
    assert.ok(tensorflow.length > 20);
    assert.equal(ids(answer.records.get('PyPI:tensorflow')).length, tensorflow.length);
    const batches = server.requests.filter((r) => r.route === 'querybatch');
    const pages = Math.ceil(tensorflow.length / 10);
    assert.deepEqual(
      batches.map((b) => [b.queries, b.pageTokens]),
      [[2, 0], ...Array.from({ length: pages - 1 }, () => [1, 1])],
    );
  });

  describe('request counts', () => {
    const many = [q('npm', 'lodash'), q('npm', 'minimist'), q('PyPI', 'jinja2')].concat(Array.from({ length: 4_997 }, (_, i) => q('npm', `package-${i}`)));

    it('5,000 packages take at most 5 querybatch requests; a warm rescan takes none', async () => {
      assert.equal(many.length, 5_000);
      const cold = await source().recordsFor(many);
      assert.ok(server.count('querybatch') <= 5, `${server.count('querybatch')} querybatch requests`);
      assert.ok(server.requests.filter((r) => r.route === 'querybatch').every((r) => (r.queries ?? 0) <= 1000));
      assert.ok(ids(cold.records.get('npm:lodash')).length > 0);
      server.clearLog();
      clock += HOUR;
      const warm = await source().recordsFor(many);
      assert.equal(server.requests.length, 0);
      assert.deepEqual(warm.records, cold.records);
      assert.equal(warm.status.dataTime, clock - HOUR, 'the age of the cached data');
    });

    it('after the TTL it asks again but does not re-fetch records cached at the same modified time', async () => {
      await source().recordsFor([q('npm', 'lodash'), q('PyPI', 'jinja2')]);
      const fetched = server.count('vulns');
      assert.ok(fetched > 0);
      server.clearLog();
      clock += 7 * HOUR;
      const again = await source().recordsFor([q('npm', 'lodash'), q('PyPI', 'jinja2')]);
      assert.equal(server.count('querybatch'), 1);
      assert.equal(server.count('vulns'), 0);
      assert.equal(again.status.dataTime, clock);
    });

    it('fetches only ids new or modified since they were cached', async () => {
      await source().recordsFor([q('npm', 'lodash')]);
      const lodash = server.records.filter((r) => (r.affected ?? []).some((a) => a.package?.name === 'lodash'));
      lodash[0]!.modified = '2099-01-01T00:00:00Z';
      server.clearLog();
      clock += 7 * HOUR;
      const answer = await source().recordsFor([q('npm', 'lodash')]);
      assert.deepEqual(server.requests.filter((r) => r.route === 'vulns').map((r) => r.path), [`/v1/vulns/${lodash[0]!.id}`]);
      assert.equal(answer.records.get('npm:lodash')?.find((r) => r.id === lodash[0]!.id)?.modified, '2099-01-01T00:00:00Z');
    });

    it('a package shared by two queries is asked once and answered under each key', async () => {
      const answer = await source().recordsFor([q('PyPI', 'Jinja2'), q('PyPI', 'jinja2')]);
      const batch = server.requests.find((r) => r.route === 'querybatch');
      assert.equal(batch?.queries, 1);
      assert.deepEqual(answer.records.get('PyPI:Jinja2'), answer.records.get('PyPI:jinja2'));
      assert.ok(ids(answer.records.get('PyPI:Jinja2')).length > 0);
    });
  });

  describe('faults', () => {
    const recovering: Array<{ name: string; faults: Fault[]; waits?: number[] }> = [
      { name: '429 with Retry-After', faults: [{ route: 'querybatch', kind: 'status', status: 429, retryAfter: '2', times: 1 }], waits: [2000] },
      { name: '500 then success', faults: [{ route: 'querybatch', kind: 'status', status: 500, times: 2 }] },
      { name: '503 on a record', faults: [{ route: 'vulns', kind: 'status', status: 503, times: 1 }] },
      { name: 'connection reset', faults: [{ route: 'querybatch', kind: 'reset', times: 1 }] },
      { name: 'truncated body', faults: [{ route: 'vulns', kind: 'truncate', times: 2 }] },
      { name: 'slow answer within the timeout', faults: [{ route: 'querybatch', kind: 'delay', delayMs: 5, times: 1 }] },
    ];
    for (const c of recovering) {
      it(`recovers from ${c.name}`, async () => {
        server.setFaults(c.faults);
        const answer = await source().recordsFor([q('npm', 'lodash'), q('PyPI', 'jinja2')]);
        assert.equal(answer.status.incomplete, false, answer.status.error);
        assert.ok(ids(answer.records.get('npm:lodash')).length > 0);
        if (c.waits) assert.deepEqual(sleeper.waits, c.waits);
        // Nothing half-received was cached: a warm rescan is complete and makes no request.
        server.clearLog();
        const warm = await source().recordsFor([q('npm', 'lodash'), q('PyPI', 'jinja2')]);
        assert.equal(server.requests.length, 0);
        assert.deepEqual(warm.records, answer.records);
      });
    }

    const failing: Array<{ name: string; faults: Fault[]; error: RegExp; tries?: number }> = [
      { name: 'persistent 500', faults: [{ route: 'querybatch', kind: 'status', status: 500 }], error: /HTTP 500/, tries: 4 },
      { name: 'malformed JSON', faults: [{ route: 'querybatch', kind: 'malformed' }], error: /not valid JSON/, tries: 1 },
      { name: 'JSON of the wrong shape', faults: [{ route: 'querybatch', kind: 'unexpected' }], error: /no "results" array/, tries: 1 },
      { name: 'wrong content type', faults: [{ route: 'querybatch', kind: 'content-type' }], error: /expected JSON, got content type "text\/html"/, tries: 1 },
      { name: 'a 404 client error', faults: [{ route: 'querybatch', kind: 'status', status: 404 }], error: /HTTP 404/, tries: 1 },
    ];
    for (const c of failing) {
      it(`turns ${c.name} into partial results marked incomplete, never cached`, async () => {
        server.setFaults(c.faults);
        const answer = await source().recordsFor([q('npm', 'lodash'), q('npm', 'minimist')]);
        assert.equal(answer.status.incomplete, true);
        assert.equal(answer.status.stale, false, 'nothing cached to fall back on');
        assert.match(answer.status.error ?? '', c.error);
        assert.deepEqual(answer.records.get('npm:lodash'), []);
        if (c.tries) assert.equal(server.count('querybatch'), c.tries);
        // The failure was not cached: once the server is healthy the same scan asks again and completes.
        server.setFaults([]);
        server.clearLog();
        const healed = await source().recordsFor([q('npm', 'lodash'), q('npm', 'minimist')]);
        assert.equal(server.count('querybatch'), 1);
        assert.equal(healed.status.incomplete, false);
        assert.ok(ids(healed.records.get('npm:lodash')).length > 0);
      });
    }

    it('a malformed record is not cached and marks the answer incomplete', async () => {
      server.setFaults([{ route: 'vulns', kind: 'malformed', times: 1 }]);
      const answer = await source().recordsFor([q('npm', 'minimist')]);
      assert.equal(answer.status.incomplete, true);
      assert.match(answer.status.error ?? '', /vulns\/.*not valid JSON/);
      server.clearLog();
      const next = await source().recordsFor([q('npm', 'minimist')]);
      assert.equal(next.status.incomplete, false);
      assert.equal(server.count('querybatch'), 0, 'the package list was cached');
      assert.equal(server.count('vulns'), 1, 'only the record that failed is fetched again');
    });

    it('when the network fails after the TTL, answers from the cache, marked stale and incomplete', async () => {
      const first = await source().recordsFor([q('npm', 'lodash')]);
      clock += 7 * HOUR;
      server.setFaults([{ route: 'querybatch', kind: 'status', status: 503 }]);
      const answer = await source().recordsFor([q('npm', 'lodash'), q('npm', 'never-cached')]);
      assert.deepEqual(answer.records.get('npm:lodash'), first.records.get('npm:lodash'));
      assert.deepEqual(answer.records.get('npm:never-cached'), []);
      assert.equal(answer.status.stale, true);
      assert.equal(answer.status.incomplete, true);
      assert.equal(answer.status.dataTime, clock - 7 * HOUR);
      assert.match(answer.status.error ?? '', /HTTP 503/);
    });

    it('a refused connection fails at once without retries', async () => {
      const dead = await startOsvServer({});
      const url = dead.url;
      await dead.close();
      const answer = await createOnlineSource({ baseUrl: url, dispatcher, store, now: () => clock, retry: { baseDelayMs: 1, sleep: sleeper.sleep } }).recordsFor([q('npm', 'lodash')]);
      assert.equal(answer.status.incomplete, true);
      assert.match(answer.status.error ?? '', /connection refused/);
      assert.deepEqual(sleeper.waits, []);
    });

    it('a body that stalls past the timeout is retried, then reported', async () => {
      const quick = new Agent({ bodyTimeout: 50, headersTimeout: 50 });
      try {
        server.setFaults([{ route: 'querybatch', kind: 'hang' }]);
        const answer = await source({ dispatcher: quick, retry: { baseDelayMs: 1, maxTries: 2, sleep: sleeper.sleep } }).recordsFor([q('npm', 'lodash')]);
        assert.equal(answer.status.incomplete, true);
        assert.match(answer.status.error ?? '', /timeout/);
        assert.equal(server.count('querybatch'), 2);
      } finally {
        await quick.destroy();
      }
    });
  });

  describe('a server that drips its answer', () => {
    const drips: Array<{ name: string; route: 'querybatch' | 'vulns'; queries: () => PackageQuery[] }> = [
      { name: 'the package query', route: 'querybatch', queries: () => [q('npm', 'lodash')] },
      { name: 'an advisory record', route: 'vulns', queries: () => [q('npm', 'minimist')] },
    ];
    for (const row of drips) {
      it(`${row.name}: the request's overall deadline ends it, and the answer is marked incomplete`, async () => {
        // The server sends a byte every 20 ms, well inside the 30 s idle timeout between chunks: only
        // a deadline over the whole request can end it.
        server.setFaults([{ route: row.route, kind: 'drip', intervalMs: 20 }]);
        const answer = await source({ deadlineMs: 300 }).recordsFor(row.queries());
        assert.equal(answer.status.incomplete, true);
        assert.match(answer.status.error ?? '', /did not answer in time: no complete answer within 300 ms/);
        const paths = server.requests.filter((r) => r.route === row.route).map((r) => r.path);
        assert.ok(paths.length > 0);
        assert.equal(new Set(paths).size, paths.length, 'a request past its deadline is not retried');
      });
    }
  });

  describe('cancellation', () => {
    it('aborting stops traffic and rejects with the abort reason', async () => {
      server.setFaults([{ route: 'querybatch', kind: 'hang' }]);
      const controller = new AbortController();
      server.events.once('hang', () => controller.abort());
      const many = Array.from({ length: 3_000 }, (_, i) => q('npm', `package-${i}`));
      await assert.rejects(source().recordsFor(many, controller.signal), { name: 'AbortError' });
      const seen = server.requests.length;
      assert.ok(seen <= 2, `${seen} requests were sent before the abort`);
      // Nothing is left running: a later scan with a fresh signal works normally.
      server.setFaults([]);
      const answer = await source().recordsFor([q('npm', 'lodash')]);
      assert.equal(answer.status.incomplete, false);
    });

    it('an already aborted signal sends nothing', async () => {
      await assert.rejects(source().recordsFor([q('npm', 'lodash')], AbortSignal.abort()), { name: 'AbortError' });
      assert.equal(server.requests.length, 0);
    });
  });

  it('works without a store, asking the network every time', async () => {
    const noCache = createOnlineSource({ baseUrl: server.url, dispatcher, now: () => clock });
    const a = await noCache.recordsFor([q('npm', 'lodash')]);
    const b = await noCache.recordsFor([q('npm', 'lodash')]);
    assert.deepEqual(a.records, b.records);
    assert.equal(server.count('querybatch'), 2);
  });
});
