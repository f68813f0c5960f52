import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import type { DocumentReadResult } from '../../../server/src/documents/types';
import { SupplyChainGraph } from '../../../server/src/graph/graph-store';
import { ingestPaths } from '../../../server/src/graph/ingest-files';
import { openStore } from '../../../server/src/store/open-store';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { tempWorkspace, type TempWorkspace } from '../../support/temp-workspace';
import { tempDirs } from '../store/temp-store';
import { DocumentReader } from '../../../server/src/documents';
import { STORE_FIXTURES } from './store-fixture';

/** The document readers, every document of each file. */
const read = (name: string, bytes: Uint8Array): DocumentReadResult[] => new DocumentReader().readAll(name, bytes);
const sbom = (file: string) => readFileSync(path.join(STORE_FIXTURES, 'sbom', file), 'utf8');

describe('graph/ingest of files and folders', () => {
  const dirs = tempDirs();
  const workspaces: TempWorkspace[] = [];
  let store: MetadataStore;
  let graph: SupplyChainGraph;
  beforeEach(async () => {
    store = await openStore(path.join(dirs.make(), 'chainsight.db'), { idleReleaseMs: Infinity });
    graph = new SupplyChainGraph(store.sqlExecutor());
  });
  afterEach(async () => {
    await store.close();
    for (const ws of workspaces.splice(0)) ws.dispose();
    dirs.cleanup();
  });

  it('ingests a folder recursively; a malformed file gets its position, stores nothing, and stops nothing', async () => {
    const good = sbom('bom-examples.bom.json');
    const ws = tempWorkspace({
      'sboms/a-bom.json': good,
      'sboms/b-broken.cdx.json': good.slice(0, 400),
      'sboms/nested/examplemaven.spdx.json': sbom('examplemaven-0.0.1.spdx-2.3.json'),
      'sboms/README.md': 'not a document',
      'sboms/node_modules/pkg/bom.json': good,
    });
    workspaces.push(ws);
    const results = await ingestPaths(graph, [ws.path('sboms'), ws.path('missing.json')], read);
    assert.deepEqual(
      results.map((r) => [path.relative(ws.root, r.file), r.status, r.kind ?? '']),
      [
        ['sboms/a-bom.json', 'added', 'sbom'],
        ['sboms/b-broken.cdx.json', 'error', ''],
        ['sboms/nested/examplemaven.spdx.json', 'added', 'sbom'],
        ['missing.json', 'error', ''],
      ],
    );
    const broken = results[1]!.errors[0]!;
    assert.match(broken.message, /b-broken\.cdx\.json/);
    assert.ok(broken.range.start.line > 0, 'the position of the error in the file');
    assert.match(results[3]!.errors[0]!.message, /no such file or folder/);
    assert.deepEqual((await graph.status()).documents, [{ kind: 'sbom', count: 2 }]);
    const again = await ingestPaths(graph, [ws.path('sboms')], read);
    assert.deepEqual(again.map((r) => r.status), ['unchanged', 'error', 'unchanged']);
  });

  it('refuses a file over the size limit unread', async () => {
    const ws = tempWorkspace({ 'big.json': sbom('bom-examples.bom.json') });
    workspaces.push(ws);
    const [result] = await ingestPaths(graph, [ws.path('big.json')], read, { maxBytes: 100 });
    assert.equal(result?.status, 'error');
    assert.match(result!.errors[0]!.message, /more than the 100 bytes a document may have/);
  });

  it('a reader that throws is an error for that file only', async () => {
    const ws = tempWorkspace({ 'a.json': '{}', 'b.json': sbom('bom-examples.bom.json') });
    workspaces.push(ws);
    const results = await ingestPaths(graph, [ws.root], (name, bytes) => {
      if (name === 'a.json') throw new Error('boom');
      return read(name, bytes);
    });
    assert.deepEqual(results.map((r) => r.status), ['error', 'added']);
    assert.match(results[0]!.errors[0]!.message, /internal error \(boom\)/);
  });
});
