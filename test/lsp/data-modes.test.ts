import assert from 'node:assert/strict';
import { join } from 'node:path';
import { downloadDatabaseRequest, progressNotification, type DownloadDatabaseResult, type ProgressParams } from '../../server/src/protocol';
import { fileUri, LspTestClient } from '../support/lsp-client';
import { startOsvServer, type OsvServer } from '../support/osv-server';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../examples/npm-app');

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
});
