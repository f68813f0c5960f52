import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBomb, startOsvServer, type OsvServer } from '../support/osv-server';
import { startProxyServer } from '../support/proxy-server';
import { runCli } from '../support/run-cli';

const EXAMPLE = join(__dirname, '../../examples/npm-app');
const RECORDS = join(EXAMPLE, 'osv');
const MALFORMED = join(__dirname, '../fixtures/osv-server/malformed');
const GOOF = join(__dirname, '../fixtures/realworld/nodejs-goof-2022-lockfile-v2');

/** What must be identical whatever the data source: every finding, not where the data came from. */
function findings(stdout: string): unknown {
  const doc = JSON.parse(stdout) as { findings: unknown[]; packages: number };
  return { packages: doc.packages, findings: doc.findings };
}

describe('chainsight scan with online, cached, offline and auto data', function () {
  let server: OsvServer;
  let storeDir: string;
  const env = () => ({ ...process.env, CHAINSIGHT_STORE: join(storeDir, 'chainsight.db'), HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '', NO_PROXY: '' });

  beforeEach(async () => {
    server = await startOsvServer({ recordsDir: RECORDS });
    storeDir = mkdtempSync(join(tmpdir(), 'chainsight-modes-'));
  });
  afterEach(() => server.close());

  it('online results equal the results from the same records on disk; a warm rescan makes no request', async () => {
    const local = await runCli(['scan', EXAMPLE, '--osv-data', RECORDS, '--format', 'json', '--fail-on', 'none']);
    const online = await runCli(['scan', EXAMPLE, '--osv-url', server.url, '--format', 'json', '--fail-on', 'none'], { env: env() });
    assert.equal(online.code, 0, online.stderr);
    assert.deepEqual(findings(online.stdout), findings(local.stdout));
    assert.equal(JSON.parse(online.stdout).source.kind, 'online');
    assert.equal(server.count('querybatch'), 1, 'one querybatch for 51 packages');
    assert.equal(server.count('vulns'), 12, 'one fetch per advisory');
    server.clearLog();
    const warm = await runCli(['scan', EXAMPLE, '--osv-url', server.url, '--format', 'json', '--fail-on', 'none'], { env: env() });
    assert.deepEqual(findings(warm.stdout), findings(local.stdout));
    assert.equal(server.requests.length, 0, 'a rescan within the TTL is answered from the store');
  });

  it('goes through an HTTP proxy from the environment', async () => {
    const proxy = await startProxyServer();
    try {
      const result = await runCli(['scan', EXAMPLE, '--osv-url', server.url, '--format', 'json', '--fail-on', 'none'], { env: { ...env(), HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url } });
      assert.equal(result.code, 0, result.stderr);
      assert.ok(proxy.tunnels.length > 0, 'requests went through the proxy');
      assert.ok(server.count('querybatch') > 0);
    } finally {
      await proxy.close();
    }
  });

  it('offline: db import, then scan --offline gives the same findings with no network', async () => {
    const imported = await runCli(['db', 'import', RECORDS, '--ecosystem', 'npm'], { env: env() });
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /^npm: 12 records imported from /m);
    const status = JSON.parse((await runCli(['db', 'status', '--format', 'json'], { env: env() })).stdout);
    assert.deepEqual(status.ecosystems.map((e: { ecosystem: string; records: number }) => [e.ecosystem, e.records]), [['npm', 12]]);
    const local = await runCli(['scan', EXAMPLE, '--osv-data', RECORDS, '--format', 'json', '--fail-on', 'none']);
    const offline = await runCli(['scan', EXAMPLE, '--offline', '--format', 'json', '--fail-on', 'none'], { env: env() });
    assert.equal(offline.code, 0, offline.stderr);
    assert.deepEqual(findings(offline.stdout), findings(local.stdout));
    assert.equal(server.requests.length, 0);
  });

  it('db update downloads {bucket}/{ecosystem}/all.zip for the ecosystems of the folder', async () => {
    const result = await runCli(['db', 'update', EXAMPLE, '--bucket', server.url], { env: env() });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^npm: 12 records imported$/m);
    assert.deepEqual(server.requests.filter((r) => r.route === 'zip').map((r) => r.path), ['/npm/all.zip']);
  });

  it('auto: when the network fails, answers from the offline database and says it is stale', async () => {
    await runCli(['db', 'import', RECORDS, '--ecosystem', 'npm'], { env: env() });
    await server.close();
    const result = await runCli(['scan', EXAMPLE, '--mode', 'auto', '--osv-url', server.url, '--format', 'json', '--fail-on', 'none'], { env: env() });
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.source.stale, true);
    assert.equal(doc.findings.length, 9);
    assert.match(result.stderr, /warning: .*(refused|ECONNREFUSED)/);
    server = await startOsvServer({ recordsDir: RECORDS });
  });

  it('online with the network down and nothing cached: exit 2, never a clean bill of health', async () => {
    server.setFaults([{ route: 'querybatch', kind: 'status', status: 503 }]);
    const result = await runCli(['scan', EXAMPLE, '--osv-url', server.url, '--fail-on', 'none'], { env: env() });
    assert.equal(result.code, 2, result.stdout);
    assert.match(result.stdout, /none known to be vulnerable, but the vulnerability data is incomplete/);
    assert.match(result.stderr, /error: .*503/);
  });

  it('rejects an unknown mode', async () => {
    const result = await runCli(['scan', EXAMPLE, '--mode', 'sometimes'], { env: env() });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--mode must be one of online, offline, auto/);
  });
});

describe('chainsight scan: the data source says what is true', function () {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainsight-data-'));
    dirs.push(dir);
    return dir;
  };
  const privateEnv = () => ({ ...process.env, CHAINSIGHT_STORE: join(tempDir(), 'chainsight.db'), HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '', NO_PROXY: '' });
  after(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  const folders: Array<{ name: string; fill: (dir: string) => void; code: number; stderr: (dir: string) => RegExp; json?: (source: Record<string, unknown>, dir: string) => void }> = [
    { name: 'an empty --osv-data folder is an error naming it (exit 2), not "no known vulnerabilities"', fill: () => undefined, code: 2, stderr: (dir) => new RegExp(`^chainsight: error: no OSV records in ${escape(dir)}: expected <ID>\\.json files or an OSV all\\.zip$`, 'm') },
    {
      name: 'a folder of malformed files only is an error naming them (exit 2)',
      fill: (dir) => cpSync(MALFORMED, dir, { recursive: true }),
      code: 2,
      stderr: (dir) => new RegExp(`^chainsight: error: no usable OSV record in ${escape(dir)}: 4 unreadable files \\(${escape(join(dir, 'array.json'))}: not an OSV record`, 'm'),
    },
    {
      name: 'unreadable files beside good records are named, on stderr and in the JSON',
      fill: (dir) => {
        cpSync(RECORDS, dir, { recursive: true });
        cpSync(MALFORMED, dir, { recursive: true });
      },
      code: 1,
      stderr: (dir) => new RegExp(`^chainsight: warning: skipped 4 unreadable files \\(${escape(join(dir, 'array.json'))}`, 'm'),
      json: (source, dir) => assert.deepEqual(source.unreadable, { files: ['array.json', 'no-id.json', 'not-json.json', 'range-without-events.json'].map((f) => join(dir, f)), count: 4 }),
    },
  ];
  for (const row of folders) {
    it(row.name, async () => {
      const dir = tempDir();
      row.fill(dir);
      const result = await runCli(['scan', EXAMPLE, '--osv-data', dir, '--format', 'json'], { env: privateEnv() });
      assert.equal(result.code, row.code, result.stderr);
      assert.match(result.stderr, row.stderr(dir));
      row.json?.(JSON.parse(result.stdout).source, dir);
    });
  }

  it('with no network, the error says what to do: --osv-data, db update, the proxy variables', async () => {
    const dead = await startOsvServer({});
    await dead.close();
    const result = await runCli(['scan', EXAMPLE, '--osv-url', dead.url, '--fail-on', 'none'], { env: privateEnv() });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /connection refused.*--osv-data PATH.*chainsight db update.*--offline.*HTTPS_PROXY \/ HTTP_PROXY/);
  });

  it('--mode auto with nothing offline for the ecosystem does not claim offline data', async () => {
    const dead = await startOsvServer({});
    await dead.close();
    const result = await runCli(['scan', EXAMPLE, '--mode', 'auto', '--osv-url', dead.url, '--format', 'json', '--fail-on', 'none'], { env: privateEnv() });
    assert.equal(result.code, 2);
    const source = JSON.parse(result.stdout).source;
    assert.match(source.description, /; no offline data for the 44 packages the network could not answer$/);
    assert.equal(source.stale, false);
    assert.match(source.error, /no offline data for npm/);
  });

  it('--offline makes no connection at all, even with a proxy configured', async () => {
    const proxy = await startProxyServer();
    try {
      const env = { ...privateEnv(), HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url };
      await runCli(['db', 'import', RECORDS, '--ecosystem', 'npm'], { env });
      const result = await runCli(['scan', EXAMPLE, '--offline', '--format', 'json', '--fail-on', 'none'], { env });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(JSON.parse(result.stdout).findings.length, 9);
      assert.equal(proxy.connections(), 0);
    } finally {
      await proxy.close();
    }
  });

  it('through a proxy that drops every connection, a real lockfile costs at most 3 connection attempts', async () => {
    const proxy = await startProxyServer({ drop: true });
    try {
      const result = await runCli(['scan', GOOF, '--osv-url', 'http://osv.example.invalid', '--fail-on', 'none'], { env: { ...privateEnv(), HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url } });
      assert.equal(result.code, 2);
      assert.ok(proxy.connections() <= 3, `${proxy.connections()} connections`);
      assert.equal(result.stderr.match(/cannot reach osv\.example\.invalid/g)?.length, 1, result.stderr);
    } finally {
      await proxy.close();
    }
  });

  it('a zip bomb is refused by db import and --osv-data, and the previous data stays', async () => {
    const dir = tempDir();
    const bomb = join(dir, 'npm-all.zip');
    writeFileSync(bomb, await buildBomb(2 * 1024 * 1024));
    // The limit is lowered here to keep the bomb small; the default is 16 MiB per record file.
    const env = { ...privateEnv(), CHAINSIGHT_ARCHIVE_MAX_ENTRY_MB: '1' };
    assert.equal((await runCli(['db', 'import', RECORDS, '--ecosystem', 'npm'], { env })).code, 0);
    const refused = await runCli(['db', 'import', bomb, '--ecosystem', 'npm'], { env });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /npm-all\.zip!BOMB-0\.json expands to 2 MiB, over the 1 MiB limit for one record file: .*npm-all\.zip is refused \(previous data kept\)/);
    const status = JSON.parse((await runCli(['db', 'status', '--format', 'json'], { env })).stdout);
    assert.deepEqual(status.ecosystems.map((e: { ecosystem: string; records: number }) => [e.ecosystem, e.records]), [['npm', 12]]);
    const scan = await runCli(['scan', EXAMPLE, '--osv-data', bomb], { env });
    assert.equal(scan.code, 2);
    assert.match(scan.stderr, /could not read OSV data at .*npm-all\.zip: .* expands to 2 MiB, over the 1 MiB limit/);
  });
});

function escape(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
