import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { type StoreAnswer, storeQueryRequest } from '../../server/src/protocol';
import { fileUri, LspTestClient } from '../support/lsp-client';
import { startPostgres, type PostgresServer } from '../support/postgres-server';
import { runCli } from '../support/run-cli';
import { redactUrl } from '../../server/src/store/store-url';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../examples/npm-app');
const OSV = join(EXAMPLE, 'osv');
const BILLING_COMMIT = '1a2b3c4d5e6f70819293a4b5c6d7e8f901234567';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Editors read the team store: with `chainsight.store.url`, the hover's "Across your store" answers
 * from PostgreSQL (what CI recorded there), with the password from PGPASSWORD; a team store that
 * cannot be reached leaves the embedded store answering and says so once, and nothing hangs.
 */
describe('LSP: the editor reads the team store on PostgreSQL', function () {
  this.timeout(180_000);
  let server: PostgresServer;
  let dir: string;
  const workspaces: TempWorkspace[] = [];

  before(async () => {
    server = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'chainsight-lsp-team-'));
    server.psql('CREATE DATABASE team');
    const env = { ...server.env(), CHAINSIGHT_STORE: join(dir, 'ci-embedded.db') };
    assert.equal((await runCli(['store', 'migrate', '--store', server.url('team')], { env })).code, 0);
    // What CI recorded: the billing service, at a commit.
    const billing = tempWorkspace({ app: { copyFrom: EXAMPLE } });
    workspaces.push(billing);
    const manifest = billing.path('app/package.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"name": "npm-app"', '"name": "billing"'));
    const recorded = await runCli(['scan', billing.path('app'), '--osv-data', OSV, '--record', '--commit', BILLING_COMMIT, '--fail-on', 'none', '--store', server.url('team')], { env });
    assert.equal(recorded.code, 0, recorded.stderr);
  });
  after(async () => {
    await server?.stop();
    for (const w of workspaces) w.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function hoverLodash(url: string, before?: (client: LspTestClient) => Promise<void>): Promise<{ value: string; client: LspTestClient }> {
    const ws = tempWorkspace({ '.': { copyFrom: EXAMPLE } });
    workspaces.push(ws);
    const client = await LspTestClient.start(ws.root, { osv: { offlineData: './osv' }, store: { url, record: false } }, { env: server.env(), storePath: join(mkdtempSync(join(dir, 'editor-')), 'chainsight.db') });
    await client.waitForStatus((s) => s.state === 'ready');
    await before?.(client);
    const text = readFileSync(ws.path('package.json'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('"lodash"'));
    const hover = await client.hover(fileUri(ws.path('package.json')), { line, character: text.split('\n')[line]!.indexOf('"lodash"') + 1 });
    return { value: (hover?.contents as MarkupContent).value, client };
  }

  it('the query request and the hover answer from what CI recorded in the team store', async () => {
    // The query (which waits for the store as long as it takes) first: the hover then finds the pool open.
    const { value, client } = await hoverLodash(server.url('team'), async (c) => {
      const answer = await c.request<StoreAnswer>(storeQueryRequest.method, { question: 'who-uses', package: 'lodash' });
      assert.deepEqual((answer.results as Array<{ subject: { name: string } }>).map((r) => r.subject.name), ['billing']);
    });
    try {
      assert.ok(value.includes('**Across your store**'), value);
      assert.ok(value.includes('also in 1 other project: billing @ 1a2b3c4'), value);
    } finally {
      await client.stop();
    }
  });

  it('a team store that cannot be reached: the embedded store answers, the user is told once with the URL redacted', async () => {
    const down = `postgres://chainsight:secret@127.0.0.1:${await closedPort()}/team`;
    const { value, client } = await hoverLodash(down);
    try {
      assert.ok(value.includes('**lodash**'), value);
      assert.ok(!value.includes('billing'), 'the embedded store knows nothing of billing');
      const notice = await client.waitForMessage((m) => m.message.includes('team store'));
      assert.match(notice.message, /not available .*this window uses the embedded store/);
      assert.ok(!notice.message.includes('secret'), notice.message);
    } finally {
      await client.stop();
    }
  });

  describe('vulnerability data from the team store (an air-gapped team: one import serves every editor)', () => {
    const READER_PASSWORD = 'reader-secret-4711';
    before(async () => {
      server.psql('CREATE DATABASE airgap');
      const env = { ...server.env(), CHAINSIGHT_STORE: join(dir, 'admin-embedded.db') };
      // The administrator, once: the offline database into the team store.
      const imported = await runCli(['db', 'import', OSV, '--ecosystem', 'npm', '--store', server.url('airgap')], { env });
      assert.equal(imported.code, 0, imported.stderr);
      server.psql(`CREATE ROLE dev_reader LOGIN PASSWORD '${READER_PASSWORD}'; GRANT CONNECT ON DATABASE airgap TO dev_reader;\n\\c airgap\nGRANT USAGE ON SCHEMA public TO dev_reader; GRANT SELECT ON ALL TABLES IN SCHEMA public TO dev_reader;`);
    });

    /** An editor in offline mode with an empty embedded store, no PGPASSWORD, and the team store's URL. */
    async function offlineEditor(url: string): Promise<{ client: LspTestClient; ws: TempWorkspace }> {
      const ws = tempWorkspace({ '.': { copyFrom: EXAMPLE } });
      workspaces.push(ws);
      const { PGPASSWORD: _none, ...env } = process.env;
      const client = await LspTestClient.start(ws.root, { osv: { mode: 'offline' }, store: { url, record: false } }, {
        env: { ...env, PGPASSFILE: join(dir, 'no-pgpass') },
        storePath: join(mkdtempSync(join(dir, 'airgap-editor-')), 'chainsight.db'),
        // What VS Code's SecretStorage holds, keyed by the store's redacted URL.
        storePassword: (location) => (location === redactUrl(server.url('airgap', 'dev_reader')) ? READER_PASSWORD : undefined),
      });
      return { client, ws };
    }

    it("a reader role, its password from the client's secret storage: findings from the team's offline database, and the status names the team store", async () => {
      const url = server.url('airgap', 'dev_reader');
      const { client, ws } = await offlineEditor(url);
      try {
        const status = await client.waitForStatus((s) => s.state === 'ready');
        assert.deepEqual(status.teamStore, { location: url });
        assert.equal(status.data.incomplete, false, JSON.stringify(status.data));
        assert.match(status.data.description, /offline database \(npm \d{4}-\d\d-\d\d\)/);
        assert.ok(status.counts.critical + status.counts.high > 0, JSON.stringify(status.counts));
        const diagnostics = await client.waitForDiagnostics(fileUri(ws.path('package.json')), (d) => d.some((x) => String(x.message).includes('lodash')));
        assert.ok(diagnostics.length > 0);
        assert.deepEqual([...new Set(client.passwordRequests)], [url]);
      } finally {
        await client.stop();
      }
    });

    it('the team store down at start: the embedded store answers, the status says so, nothing hangs', async () => {
      const down = `postgres://dev_reader@127.0.0.1:${await closedPort()}/airgap`;
      const { client } = await offlineEditor(down);
      try {
        const status = await client.waitForStatus((s) => s.state === 'ready');
        assert.equal(status.teamStore?.location, down);
        assert.match(status.teamStore?.error ?? '', /ECONNREFUSED|connect/i);
        // This machine has no offline data of its own: the answer says it is incomplete, never "clean".
        assert.equal(status.data.incomplete, true);
        assert.match(status.data.error ?? '', /no offline data for npm/);
      } finally {
        await client.stop();
      }
    });
  });
});
