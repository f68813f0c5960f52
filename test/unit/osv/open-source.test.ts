import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Agent, request } from 'undici';
import { importOfflineDatabase } from '../../../server/src/osv/offline-import';
import { openDataSource, type DataSourceOptions } from '../../../server/src/osv/open-source';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { openStore } from '../../../server/src/store/open-store';
import { startOsvServer, type OsvServer } from '../../support/osv-server';
import { startProxyServer, type ProxyServer } from '../../support/proxy-server';
import { tempDirs } from '../store/temp-store';

const NPM_RECORDS = path.resolve(__dirname, '../../fixtures/osv-server/records/npm');
const LODASH = [{ ecosystem: 'npm' as const, name: 'lodash' }];

/** The one opener of vulnerability data, for the engine, the CLI and the language server. */
describe('osv/open-source', () => {
  const dirs = tempDirs();
  let server: OsvServer;
  let proxy: ProxyServer;
  let store: MetadataStore;
  beforeEach(async () => {
    server = await startOsvServer({ recordsDir: NPM_RECORDS });
    proxy = await startProxyServer();
    store = await openStore(path.join(dirs.make(), 'chainsight.db'));
    await importOfflineDatabase(store, NPM_RECORDS, { ecosystem: 'npm' });
  });
  afterEach(async () => {
    await store.close();
    await proxy.close();
    await server.close();
    dirs.cleanup();
  });

  const rows: Array<{ name: string; options: () => DataSourceOptions; mode: string; kind: string; connects: boolean }> = [
    { name: 'offline data: no store, no connection', options: () => ({ osvData: NPM_RECORDS, mode: 'online', osvUrl: server.url }), mode: 'osv-data', kind: 'offline-data', connects: false },
    { name: 'offline mode: the store alone, no connection', options: () => ({ mode: 'offline', store, osvUrl: server.url }), mode: 'offline', kind: 'offline', connects: false },
    { name: 'the offline flag wins over the mode', options: () => ({ mode: 'auto', offline: true, store, osvUrl: server.url }), mode: 'offline', kind: 'offline', connects: false },
    { name: 'online: through the proxy it was given', options: () => ({ mode: 'online', store, osvUrl: server.url }), mode: 'online', kind: 'online', connects: true },
    { name: 'auto: online first', options: () => ({ mode: 'auto', store, osvUrl: server.url }), mode: 'auto', kind: 'online', connects: true },
  ];
  for (const row of rows) {
    it(row.name, async () => {
      const opened = await openDataSource({ ...row.options(), http: { proxy: proxy.url, noProxy: '' }, env: {} });
      try {
        assert.equal(opened.mode, row.mode);
        const answer = await opened.source.recordsFor(LODASH);
        assert.equal(answer.status.kind, row.kind);
        assert.equal(answer.status.incomplete, false, answer.status.error);
        assert.ok((answer.records.get('npm:lodash') ?? []).length > 0);
        assert.equal(proxy.connections() > 0, row.connects);
        assert.equal(server.requests.length > 0, row.connects);
      } finally {
        await opened.dispose();
      }
    });
  }

  it('a dispatcher it is given is shared, not closed', async () => {
    const shared = new Agent();
    try {
      const opened = await openDataSource({ mode: 'online', osvUrl: server.url, dispatcher: shared });
      await opened.source.recordsFor(LODASH);
      await opened.dispose();
      const res = await request(`${server.url}/v1/vulns/none`, { dispatcher: shared });
      await res.body.dump();
      assert.equal(res.statusCode, 404, 'the shared pool still works');
    } finally {
      await shared.close();
    }
  });
});
