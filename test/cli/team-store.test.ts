import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { CLI, runCli } from '../support/run-cli';
import { startPostgres, type PostgresServer } from '../support/postgres-server';
import { docsRolesSql } from '../support/postgres-roles';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../examples/npm-app');
const DATA = join(EXAMPLE, 'osv');
const SBOMS = join(__dirname, '../fixtures/store/sbom');
const DOCUMENTS = ['juice-shop-14.1.1.flat.cdx-1.6.json', 'bom-examples.bom.json', 'examplemaven-0.0.1.spdx-2.3.json'].map((f) => join(SBOMS, f));
const COMMITS = ['c0ffee0000000000000000000000000000000000', 'c0ffee1111111111111111111111111111111111'];

type Status = { results: Array<{ projects: Array<{ name: string; snapshots: number }>; documents: unknown; nodes: unknown; facts: unknown; engine: string; storeSchema: number }> };

describe('the team store on PostgreSQL, from the CLI', function () {
  this.timeout(300_000);
  let server: PostgresServer;
  let dir: string;
  const workspaces: TempWorkspace[] = [];
  const env = (password?: string) => ({ ...server.env(password), CHAINSIGHT_STORE: join(dir, 'embedded.db') });
  const cli = (args: string[], password?: string) => runCli(args, { env: env(password) });
  const scanArgs = (i: number, store: string) => ['scan', workspaces[i % 4]!.root, '--osv-data', DATA, '--fail-on', 'none', '--record', '--project', `team-${i % 4}`, '--commit', COMMITS[Math.floor(i / 4) % 2]!, '--store', store];
  const ingestArgs = (i: number, store: string) => ['ingest', ...DOCUMENTS.slice(i % 3), ...DOCUMENTS.slice(0, i % 3), '--store', store];
  const status = async (store: string, password?: string) => {
    const result = await cli(['store', 'status', '--store', store, '--format', 'json'], password);
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as Status;
  };

  before(async () => {
    server = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'chainsight-team-'));
    for (let i = 0; i < 4; i++) workspaces.push(tempWorkspace({ app: { copyFrom: EXAMPLE } }));
    for (const ws of workspaces) ws.root = ws.path('app');
  });
  after(async () => {
    await server?.stop();
    for (const ws of workspaces) rmSync(join(ws.root, '..'), { recursive: true, force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('20 processes record and ingest at once: nothing lost, nothing duplicated (the same store as the embedded one, written one at a time)', async () => {
    server.psql('CREATE DATABASE concurrent');
    const url = server.url('concurrent');
    const runs = Array.from({ length: 20 }, (_, i) => cli(i < 12 ? scanArgs(i, url) : ingestArgs(i, url)));
    for (const [i, result] of (await Promise.all(runs)).entries()) assert.equal(result.code, 0, `process ${i}: ${result.stderr}`);
    // The embedded store, each distinct write once, in order.
    const file = join(dir, 'reference.db');
    for (let i = 0; i < 8; i++) assert.equal((await cli(scanArgs(i, file))).code, 0);
    assert.equal((await cli(ingestArgs(0, file))).code, 0);
    const [team, embedded] = [(await status(url)).results[0]!, (await status(file)).results[0]!];
    assert.equal(team.engine, 'postgresql');
    assert.deepEqual(team.projects.map((p) => [p.name, p.snapshots]), [['team-0', 2], ['team-1', 2], ['team-2', 2], ['team-3', 2]]);
    assert.deepEqual([team.documents, team.nodes, team.facts], [embedded.documents, embedded.nodes, embedded.facts]);
    const places = async (store: string) => {
      const answer = JSON.parse((await cli(['query', 'who-uses', 'lodash', '--history', '--format', 'json', '--store', store])).stdout) as { results: Array<{ subject: { name: string; commit?: string }; package: { purl: string } }> };
      return answer.results.map((r) => `${r.subject.name}@${r.subject.commit ?? ''} ${r.package.purl}`);
    };
    const teamPlaces = await places(url);
    assert.equal(teamPlaces.length, 10, 'lodash in 4 projects × 2 commits, and 2 versions in the juice-shop SBOM');
    assert.deepEqual(teamPlaces, await places(file));
  });

  it("the docs' roles: the owner migrates (several at once), the writer records and ingests, the reader reads and is refused writes", async () => {
    server.psql(docsRolesSql());
    server.psql("ALTER ROLE chainsight_owner PASSWORD 'owner-pw'; ALTER ROLE chainsight_writer PASSWORD 'writer-pw'; ALTER ROLE chainsight_reader PASSWORD 'reader-pw';");
    const as = (role: string) => server.url('chainsight', `chainsight_${role}`);
    const before = await cli(['query', 'who-uses', 'lodash', '--store', as('reader')], 'reader-pw');
    assert.equal(before.code, 2);
    assert.match(before.stderr, /has schema version 0, older than this Chainsight needs \(2\), and this role may not upgrade it .*chainsight store migrate/);
    const migrations = await Promise.all([0, 1, 2, 3].map(() => cli(['store', 'migrate', '--store', as('owner')], 'owner-pw')));
    for (const m of migrations) assert.equal(m.code, 0, m.stderr);
    assert.equal(migrations.filter((m) => /Migrated the store postgres:\/\/chainsight_owner@127\.0\.0\.1:\d+\/chainsight from schema version 0 to 2\./.test(m.stdout)).length, 1, migrations.map((m) => m.stdout).join(''));
    assert.equal(server.psql('SELECT count(*) FROM chainsight_schema', 'chainsight').trim(), '2');

    assert.equal((await cli(scanArgs(0, as('writer')), 'writer-pw')).code, 0);
    const ingested = await cli(ingestArgs(0, as('writer')), 'writer-pw');
    assert.equal(ingested.code, 0, ingested.stderr);
    const forget = await cli(['store', 'forget', 'examplemaven-0.0.1.spdx-2.3.json', '--store', as('writer')], 'writer-pw');
    assert.equal(forget.code, 0, forget.stderr);

    const read = await cli(['query', 'who-uses', 'lodash', '--format', 'json', '--store', as('reader')], 'reader-pw');
    assert.equal(read.code, 0, read.stderr);
    assert.deepEqual((JSON.parse(read.stdout) as { results: Array<{ subject: { name: string } }> }).results.map((r) => r.subject.name).sort(), ['juice-shop', 'juice-shop', 'team-0'], 'two lodash versions in the SBOM, one in the project');
    assert.equal((await status(as('reader'), 'reader-pw')).results[0]!.documents instanceof Array, true);

    for (const args of [scanArgs(1, as('reader')), ingestArgs(1, as('reader')), ['store', 'forget', 'team-0', '--store', as('reader')]]) {
      const refused = await cli(args, 'reader-pw');
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, /the database role may not do this: permission denied for table g_\w+ \(a reader role answers questions; recording and ingesting need the writer role/);
      assert.doesNotMatch(refused.stderr, /\n\s+at /, 'no stack trace');
    }
    const stranger = await cli(['store', 'migrate', '--store', as('writer')], 'writer-pw');
    assert.equal(stranger.code, 0, 'the writer may run migrate on an up-to-date schema: it changes nothing');
    assert.match(stranger.stdout, /is at schema version 2, the latest/);
  });

  it('a schema newer than this Chainsight is refused, untouched', async () => {
    server.psql('CREATE DATABASE newer');
    const url = server.url('newer');
    assert.equal((await cli(['store', 'migrate', '--store', url])).code, 0);
    server.psql("INSERT INTO chainsight_schema (version, description) VALUES (3, 'from the future')", 'newer');
    for (const args of [['store', 'migrate', '--store', url], ['query', 'who-uses', 'lodash', '--store', url]]) {
      const result = await cli(args);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /has schema version 3, newer than this Chainsight understands \(2\); update Chainsight/);
    }
    assert.equal(server.psql('SELECT max(version) FROM chainsight_schema', 'newer').trim(), '3');
  });

  it('the server killed mid-ingest: the transaction rolls back, nothing partial is visible, and a rerun completes', async () => {
    server.psql('CREATE DATABASE killed');
    const url = server.url('killed');
    assert.equal((await cli(['store', 'migrate', '--store', url])).code, 0);
    // Hold g_dep: the ingest writes its packages and origin, then waits at its first dependency row.
    const holder = new pg.Client({ connectionString: server.url('killed', server.user, server.password) });
    const watcher = new pg.Client({ connectionString: server.url('killed', server.user, server.password) });
    for (const c of [holder, watcher]) c.on('error', () => undefined);
    await holder.connect();
    await watcher.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE g_dep IN ACCESS EXCLUSIVE MODE');
    const child = spawn(process.execPath, [CLI, 'ingest', DOCUMENTS[0]!, '--store', url], { env: env() });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Wait, on the server, until the ingest is blocked on that lock (inside its transaction).
    // The activity view is a per-transaction snapshot unless cleared; a CLI that failed before
    // blocking ends the wait after two minutes, and the assertion below says so.
    await watcher.query(`DO $$ DECLARE until timestamptz := clock_timestamp() + interval '120 seconds'; BEGIN
      WHILE NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = 'chainsight' AND wait_event_type = 'Lock') AND clock_timestamp() < until LOOP
        PERFORM pg_stat_clear_snapshot();
        PERFORM pg_sleep(0.02);
      END LOOP;
    END $$`);
    const blocked = server.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'chainsight' AND wait_event_type = 'Lock'", 'killed').trim();
    assert.equal(blocked, '1', `the ingest never reached its dependency rows: ${stderr}`);
    server.kill();
    assert.equal(await exited, 2);
    assert.match(stderr, /cannot reach the PostgreSQL store|terminat/i);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    await Promise.all([holder.end().catch(() => undefined), watcher.end().catch(() => undefined)]);
    await server.restart();
    assert.equal(server.psql('SELECT (SELECT count(*) FROM g_origin) + (SELECT count(*) FROM g_package) + (SELECT count(*) FROM g_dep)', 'killed').trim(), '0');
    const rerun = await cli(['ingest', DOCUMENTS[0]!, '--store', url]);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.deepEqual((await status(url)).results[0]!.documents, [{ kind: 'sbom', count: 1 }]);
  });

  it('a server that is down, or answers nothing: a clear error, no hang, and the password never shown', async () => {
    const silent: Socket[] = [];
    const quiet: Server = createServer((socket) => silent.push(socket));
    await new Promise<void>((resolve) => quiet.listen(0, '127.0.0.1', resolve));
    const port = (quiet.address() as { port: number }).port;
    await new Promise<void>((resolve) => quiet.close(() => resolve()));
    const down = await cli(['query', 'who-uses', 'lodash', '--store', `postgres://someone:s3cret-pw@127.0.0.1:${port}/chainsight`]);
    assert.equal(down.code, 2);
    assert.match(down.stderr, /warning: the store URL contains a password/);
    assert.match(down.stderr, new RegExp(`cannot open the store postgres://someone:\\*\\*\\*@127\\.0\\.0\\.1:${port}/chainsight: cannot reach the PostgreSQL store: connect ECONNREFUSED`));
    assert.doesNotMatch(down.stderr, /s3cret-pw/);

    const hanging: Server = createServer((socket) => silent.push(socket));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      const url = `postgres://someone@127.0.0.1:${(hanging.address() as { port: number }).port}/chainsight`;
      const stuck = await cli(['query', 'who-uses', 'lodash', '--store', url]);
      assert.equal(stuck.code, 2);
      assert.match(stuck.stderr, /cannot open the store postgres:\/\/someone@127\.0\.0\.1:\d+\/chainsight: the PostgreSQL server did not answer in time/);
    } finally {
      for (const s of silent) s.destroy();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });

  it('CHAINSIGHT_STORE_URL selects the team store when --store is not given', async () => {
    const result = await runCli(['store', 'status', '--format', 'json'], { env: { ...env(), CHAINSIGHT_STORE_URL: server.url('concurrent') } });
    assert.equal(result.code, 0, result.stderr);
    const answer = JSON.parse(result.stdout) as Status & { results: Array<{ path: string }> };
    assert.equal(answer.results[0]!.engine, 'postgresql');
    assert.equal(answer.results[0]!.path, server.url('concurrent'));
  });
});
