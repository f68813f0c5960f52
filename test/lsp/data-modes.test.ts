import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadDatabaseRequest, progressNotification, type DownloadDatabaseResult, type ProgressParams } from '../../server/src/protocol';
import { fileUri, LspTestClient } from '../support/lsp-client';
import { startOsvServer, type OsvServer } from '../support/osv-server';
import { provenanceWorkspace } from '../support/provenance-workspace';
import { startProxyServer } from '../support/proxy-server';
import { FIXTURE_LOCK_ENTRIES, startRegistryServer } from '../support/registry-server';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../examples/npm-app');
const SIGNED = FIXTURE_LOCK_ENTRIES.filter((e) => e.name === 'has-package-exports' && e.version === '1.3.0');

describe('language server: online, offline and auto data', function () {
  let server: OsvServer;
  let ws: TempWorkspace;
  let client: LspTestClient;

  beforeEach(async () => {
    server = await startOsvServer({ recordsDir: join(EXAMPLE, 'osv') });
    ws = tempWorkspace({ 'package.json': { copyFrom: join(EXAMPLE, 'package.json') }, 'package-lock.json': { copyFrom: join(EXAMPLE, 'package-lock.json') } });
  });
  afterEach(async () => {
    await client?.stop();
    await server.close();
    ws.dispose();
  });

  const env = { ...process.env, HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' };

  it('online mode asks the configured OSV URL and reports where the data came from', async () => {
    client = await LspTestClient.start(ws.root, { osv: { mode: 'online', url: server.url } }, { env });
    const status = await client.waitForStatus((s) => s.state === 'ready' && s.packages > 0);
    assert.equal(status.data.kind, 'online');
    assert.equal(status.data.description, server.url);
    assert.deepEqual(status.counts, { critical: 1, high: 5, moderate: 3, low: 3, unknown: 0 });
    assert.equal(server.count('querybatch'), 1);
    const lock = await client.waitForDiagnostics(fileUri(ws.path('package-lock.json')), (d) => d.length === 9);
    assert.equal(lock.length, 9);
  });

  it('offline mode without a database says so; Download Offline Database fixes it, with progress', async () => {
    client = await LspTestClient.start(ws.root, { osv: { mode: 'offline', bucket: server.url } }, { env });
    const empty = await client.waitForStatus((s) => s.state === 'ready');
    assert.equal(empty.data.incomplete, true);
    assert.match(empty.data.error ?? '', /no offline data for npm/);
    assert.equal(server.requests.length, 0, 'offline mode makes no request');

    const progress: ProgressParams[] = [];
    client.onNotification(progressNotification.method, (p) => progress.push(p as ProgressParams));
    const before = client.statuses.length;
    const result = await client.request<DownloadDatabaseResult>(downloadDatabaseRequest.method, {});
    assert.deepEqual(result, { ecosystems: [{ ecosystem: 'npm', records: 12 }] });
    assert.ok(progress.some((p) => /npm: downloading/.test(p.message)));
    const after = await client.waitForStatus((s) => s.state === 'ready' && s.packages > 0 && !s.data.incomplete, before);
    assert.deepEqual(after.counts, { critical: 1, high: 5, moderate: 3, low: 3, unknown: 0 });
    assert.match(after.data.description, /^offline database \(npm \d{4}-\d\d-\d\d\)$/);
  });

  it('auto mode falls back to the offline database when the network fails, and the status says stale', async () => {
    client = await LspTestClient.start(ws.root, { osv: { mode: 'offline', bucket: server.url } }, { env });
    await client.waitForStatus((s) => s.state === 'ready');
    await client.request(downloadDatabaseRequest.method, {});
    server.setFaults([{ route: 'querybatch', kind: 'status', status: 503 }]);
    const before = client.statuses.length;
    await client.setSettings({ osv: { mode: 'auto', url: server.url, bucket: server.url } });
    const status = await client.waitForStatus((s) => s.state === 'ready' && s.data.stale, before);
    assert.deepEqual(status.counts, { critical: 1, high: 5, moderate: 3, low: 3, unknown: 0 });
    assert.match(status.data.error ?? '', /503/);
  });

  it('an empty offline data folder is an error status that names it, not "no known vulnerabilities"', async () => {
    ws.write('empty-osv/README.md', 'nothing here\n');
    client = await LspTestClient.start(ws.root, { osv: { offlineData: './empty-osv' } }, { env });
    const status = await client.waitForStatus((s) => s.state === 'ready');
    assert.equal(status.data.incomplete, true);
    assert.equal(status.data.error, `no OSV records in ${ws.path('empty-osv')}: expected <ID>.json files or an OSV all.zip`);
    assert.equal(status.data.dataTime, undefined);
    assert.equal(server.requests.length, 0);
  });

  it('offline mode makes no connection at all, provenance included: "offline: not checked"', async () => {
    const registry = await startRegistryServer();
    const proxy = await startProxyServer();
    const project = provenanceWorkspace(registry.url, SIGNED);
    try {
      // No trusted root file: online, the signature check would ask the registry and Sigstore's TUF
      // repository; every connection would go through the proxy.
      const proxied = { ...project.env, HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '' };
      client = await LspTestClient.start(project.root, { osv: { mode: 'offline' }, provenance: { enable: true } }, { env: proxied });
      const status = await client.waitForStatus((s) => s.provenance?.state === 'done');
      assert.equal(proxy.connections(), 0);
      assert.deepEqual(registry.requests, []);
      assert.equal(status.provenance?.signaturesVerified, 0);
      const path = project.path('package.json');
      const source = readFileSync(path, 'utf8').split('\n');
      const line = source.findIndex((l) => l.includes('"has-package-exports"'));
      const hover = await client.hover(fileUri(path), { line, character: source[line]!.lastIndexOf('"') - 1 });
      assert.match((hover?.contents as { value: string }).value, /Signature — offline: not checked/);
    } finally {
      project.dispose();
      await proxy.close();
      await registry.close();
    }
  });
});
