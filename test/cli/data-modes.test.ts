import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOsvServer, type OsvServer } from '../support/osv-server';
import { startProxyServer } from '../support/proxy-server';
import { runCli } from '../support/run-cli';

const EXAMPLE = join(__dirname, '../../examples/npm-app');
const RECORDS = join(EXAMPLE, 'osv');

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
