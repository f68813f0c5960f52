import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Agent } from 'undici';
import { downloadOfflineDatabase, type OfflineProgress } from '../../../server/src/osv/offline-download';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { openStore } from '../../../server/src/store/open-store';
import { startOsvServer, type OsvServer } from '../../support/osv-server';
import { recordingSleep, tempDirs } from '../store/temp-store';

const FIXTURES = path.resolve(__dirname, '../../fixtures/osv-server/records');

describe('osv/offline-download', () => {
  const dirs = tempDirs();
  const dispatcher = new Agent();
  let server: OsvServer;
  let store: MetadataStore;
  let cacheDir: string;
  const sleeper = recordingSleep();
  const download = (ecosystems: string[], progress: OfflineProgress[] = []) =>
    downloadOfflineDatabase({ bucket: server.url, ecosystems, store, dispatcher, cacheDir, onProgress: (p) => void progress.push(p), retry: { baseDelayMs: 1, sleep: sleeper.sleep } });

  /** The server's zip for an ecosystem holds every record naming it, as osv.dev's exports do. */
  const inZip = (ecosystem: string) => server.records.filter((r) => r.affected?.some((a) => a.package?.ecosystem === ecosystem)).length;

  beforeEach(async () => {
    server = await startOsvServer({ recordsDir: FIXTURES });
    const dir = dirs.make();
    cacheDir = path.join(dir, 'downloads');
    store = await openStore(path.join(dir, 'chainsight.db'));
  });
  afterEach(async () => {
    await store.close();
    await server.close();
    dirs.cleanup();
  });
  after(() => dispatcher.close());

  it('downloads {bucket}/{ecosystem}/all.zip, imports it with progress, and cleans up', async () => {
    const progress: OfflineProgress[] = [];
    const results = await download(['npm', 'crates.io'], progress);
    assert.deepEqual(results.map((r) => [r.ecosystem, r.error]), [['npm', undefined], ['crates.io', undefined]]);
    assert.deepEqual(server.requests.map((r) => r.path), ['/npm/all.zip', '/crates.io/all.zip']);
    const generations = await store.offlineGenerations();
    assert.deepEqual(generations.map((g) => g.ecosystem).sort(), ['crates.io', 'npm']);
    assert.equal(generations.find((g) => g.ecosystem === 'npm')?.records, inZip('npm'));
    const downloads = progress.filter((p): p is Extract<OfflineProgress, { phase: 'download' }> => p.phase === 'download');
    assert.ok(downloads.length > 0);
    assert.equal(downloads.at(-1)?.bytes, downloads.at(-1)?.totalBytes);
    assert.ok(progress.some((p) => p.phase === 'import'));
    assert.deepEqual(readdirSync(cacheDir), [], 'no zip or .part left behind');
  });

  it('resumes a cut download with a Range request instead of starting over', async () => {
    server.setFaults([{ route: 'zip', kind: 'truncate', times: 1 }]);
    const [result] = await download(['PyPI']);
    assert.equal(result?.error, undefined);
    const zips = server.requests.filter((r) => r.route === 'zip');
    assert.equal(zips.length, 2);
    assert.equal(zips[0]?.range, undefined);
    assert.match(zips[1]?.range ?? '', /^bytes=\d+-$/);
    assert.ok(Number(/\d+/.exec(zips[1]!.range!)![0]) > 0);
    assert.ok((await store.offlineGenerations()).some((g) => g.ecosystem === 'PyPI'));
  });

  it('resumes a .part left by an earlier run, and restarts when the file changed', async () => {
    // First run is cut and gives up: the .part stays.
    server.setFaults([{ route: 'zip', kind: 'truncate' }]);
    const [failed] = await downloadOfflineDatabase({ bucket: server.url, ecosystems: ['Go'], store, dispatcher, cacheDir, retry: { maxTries: 1, sleep: sleeper.sleep } });
    assert.match(failed?.error ?? '', /Go\/all\.zip/);
    const part = path.join(cacheDir, 'Go-all.zip.part');
    assert.ok(existsSync(part) && statSync(part).size > 0);
    assert.equal((await store.offlineGenerations()).length, 0);

    server.setFaults([]);
    server.clearLog();
    const [resumed] = await download(['Go']);
    assert.equal(resumed?.error, undefined);
    assert.match(server.requests[0]?.range ?? '', /^bytes=[1-9]\d*-$/);

    // A .part whose validator no longer matches gets the whole file (200), not a corrupt splice.
    server.setFaults([{ route: 'zip', kind: 'truncate', times: 1 }]);
    await downloadOfflineDatabase({ bucket: server.url, ecosystems: ['Maven'], store, dispatcher, cacheDir, retry: { maxTries: 1, sleep: sleeper.sleep } });
    writeFileSync(path.join(cacheDir, 'Maven-all.zip.part.json'), JSON.stringify({ url: `${server.url}/Maven/all.zip`, validator: '"stale-etag"' }));
    server.clearLog();
    const [restarted] = await download(['Maven']);
    assert.equal(restarted?.error, undefined);
    assert.equal(restarted?.import?.records, inZip('Maven'));
  });

  it('one ecosystem failing does not stop the others, and keeps its previous data', async () => {
    await download(['npm']);
    const before = await store.offlineGenerations();
    server.setFaults([{ route: 'zip', kind: 'status', status: 500, times: 5 }]);
    const results = await download(['npm', 'crates.io']);
    assert.match(results[0]?.error ?? '', /HTTP 500/);
    assert.equal(results[1]?.error, undefined);
    const after = await store.offlineGenerations();
    assert.deepEqual(after.find((g) => g.ecosystem === 'npm'), before[0]);
  });

  it('an ecosystem the bucket does not have is reported', async () => {
    const [result] = await download(['NoSuchEcosystem']);
    assert.match(result?.error ?? '', /no usable OSV record|HTTP/);
    assert.equal((await store.offlineGenerations()).length, 0);
  });
});
