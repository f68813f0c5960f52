import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as path from 'node:path';
import pg from 'pg';
import { openEditorGraphStore } from '../../../server/src/store/editor-graph-store';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { openGraphStore } from '../../../server/src/store/open-graph-store';
import { openStore } from '../../../server/src/store/open-store';
import { StoreError } from '../../../server/src/store/store-error';
import { redactIn, redactUrl } from '../../../server/src/store/store-url';
import { startPostgres, type PostgresServer } from '../../support/postgres-server';
import { tempDirs } from './temp-store';

const closedPort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

describe('the editor opens the store its settings name', function () {
  this.timeout(120_000);
  const dirs = tempDirs();
  let server: PostgresServer;
  let embedded: MetadataStore;

  before(async () => {
    server = await startPostgres();
    server.psql('CREATE DATABASE team');
    embedded = await openStore(path.join(dirs.make(), 'chainsight.db'), { idleReleaseMs: Infinity });
  });
  after(async () => {
    await embedded?.close();
    await server?.stop();
    dirs.cleanup();
  });

  it('no URL: the embedded store, quietly', async () => {
    const { store, notice } = await openEditorGraphStore('', async () => embedded);
    assert.equal(store.kind, 'file');
    assert.equal(store.embedded, embedded);
    assert.equal(notice, undefined);
    await store.close();
    assert.ok((await embedded.status()).schemaVersion > 0, 'closing the editor store leaves the server’s embedded store open');
  });

  it('an unmigrated team store: the editor does not migrate it, falls back and says why', async () => {
    const { store, notice } = await openEditorGraphStore(server.url('team'), async () => embedded, { password: server.password });
    assert.equal(store.kind, 'file');
    assert.match(notice!, /The team store postgres:\/\/chainsight_admin@127\.0\.0\.1:\d+\/team is not available \(the store .* has schema version 0, older than this Chainsight needs \(2\).*\); this window uses the embedded store\./);
    assert.equal(server.psql("SELECT to_regclass('g_dep') IS NULL", 'team').trim(), 't');
  });

  it('the team store: its graph answers, and a question that runs out of time fails as a timeout, not a hang', async () => {
    const owner = await openEditorGraphStore(server.url('team'), async () => embedded, { password: server.password });
    await owner.store.close();
    // As the owner would: migrate once, outside the editor.
    await (await openGraphStore({ kind: 'postgres', url: server.url('team') }, { postgres: { password: server.password } })).close();
    const { store, notice } = await openEditorGraphStore(server.url('team'), async () => embedded, { password: server.password, queryTimeoutMs: 300 });
    assert.equal(notice, undefined);
    assert.equal(store.kind, 'postgres');
    assert.deepEqual((await store.graph.whoUses({ package: 'lodash' })).results, []);
    const holder = new pg.Client({ connectionString: server.url('team', server.user, server.password) });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE g_package IN ACCESS EXCLUSIVE MODE');
      await assert.rejects(store.graph.whoUses({ package: 'lodash' }), (err: unknown) => err instanceof StoreError && err.kind === 'timeout' && /did not answer in time/.test(err.message));
    } finally {
      await holder.end();
      await store.close();
    }
  });

  it('the server is down: the embedded store within the connect timeout, and the status says so', async () => {
    const url = `postgres://reader@127.0.0.1:${await closedPort()}/team`;
    const { store, notice } = await openEditorGraphStore(url, async () => embedded);
    assert.equal(store.kind, 'file');
    assert.match(notice!, /is not available \(cannot reach the PostgreSQL store: connect ECONNREFUSED/);
  });

  it('a password in the setting is ignored and never shown', async () => {
    const url = server.url('team', server.user, 'from-settings-json');
    const { store, notice } = await openEditorGraphStore(url, async () => embedded, { password: server.password });
    assert.equal(store.kind, 'postgres', 'the secret-store password was used, not the one in the URL');
    assert.match(notice!, /contains a password, which was ignored/);
    assert.doesNotMatch(notice!, /from-settings-json/);
    await store.close();
  });

  const REDACTED: Array<[string, string]> = [
    ['postgres://ci:hunter2@db.example.com:5432/chainsight?sslmode=verify-full', 'postgres://ci:***@db.example.com:5432/chainsight?sslmode=verify-full'],
    ['postgresql://ci@db.example.com/chainsight?password=hunter2&sslmode=require', 'postgresql://ci@db.example.com/chainsight?password=***&sslmode=require'],
    ['postgres://db.example.com/chainsight', 'postgres://db.example.com/chainsight'],
  ];
  for (const [url, shown] of REDACTED) {
    it(`redacts ${shown}`, () => {
      assert.equal(redactUrl(url), shown);
      if (url.includes('hunter2')) assert.doesNotMatch(redactIn(`failed: ${url} (hunter2)`, url), /hunter2/);
    });
  }
});
