import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { GraphError } from '../../../server/src/graph/graph-error';
import { SupplyChainGraph } from '../../../server/src/graph/graph-store';
import { openStore } from '../../../server/src/store/open-store';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { FIXTURES, tempWorkspace, type TempWorkspace } from '../../support/temp-workspace';
import { tempDirs } from '../store/temp-store';
import { document, readFixture, recordFolder, steppingClock, upgradedAppFiles } from './store-fixture';
import { DocumentReader } from '../../../server/src/documents';

const EXAMPLE_APP = path.join(FIXTURES, '../../examples/npm-app');
const JUICE = 'juice-shop-14.1.1.flat.cdx-1.6.json';

describe('graph/ingestion, retention and forgetting', () => {
  const dirs = tempDirs();
  const workspaces: TempWorkspace[] = [];
  let store: MetadataStore;
  let graph: SupplyChainGraph;
  const open = async (historyLimit?: number) => {
    store = await openStore(path.join(dirs.make(), 'chainsight.db'), { idleReleaseMs: Infinity });
    graph = new SupplyChainGraph(store.sqlExecutor(), { now: steppingClock(), ...(historyLimit ? { historyLimit } : {}) });
  };
  afterEach(async () => {
    await store.close();
    for (const ws of workspaces.splice(0)) ws.dispose();
    dirs.cleanup();
  });
  const juice = () => readFixture(`sbom/${JUICE}`);

  it('ingesting the same document twice adds nothing', async () => {
    await open();
    const first = await graph.ingest(juice());
    const before = await graph.status();
    const second = await graph.ingest(juice());
    assert.equal(first.status, 'added');
    assert.equal(second.status, 'unchanged');
    assert.equal(second.origin, first.origin);
    assert.deepEqual(await graph.status(), before);
    assert.equal(before.facts.dependencies, 1_672, 'every component included, with the edges the SBOM records');
  });

  it('recording the same commit again replaces its snapshot', async () => {
    await open();
    const first = await recordFolder(graph, EXAMPLE_APP, { commit: 'a'.repeat(40), workspaces });
    const before = await graph.status();
    const again = await recordFolder(graph, EXAMPLE_APP, { commit: 'a'.repeat(40), workspaces });
    assert.equal(first.replaced, false);
    assert.equal(again.replaced, true);
    const [evidence] = (await graph.whoUses({ package: 'pkg:npm/lodash@4.17.4' })).results.map((r) => r.evidence[0]);
    assert.equal(evidence?.at, '2026-01-01T00:01:00.000Z', 'the snapshot is the second recording');
    const after = await graph.status();
    assert.deepEqual(after.facts, before.facts);
    assert.deepEqual(after.nodes, before.nodes);
    assert.equal(after.projects[0]?.snapshots, 1);
  });

  it('keeps at most historyLimit snapshots per project, dropping the oldest and what only it referenced', async () => {
    await open(2);
    const upgraded = tempWorkspace(upgradedAppFiles());
    workspaces.push(upgraded);
    await recordFolder(graph, EXAMPLE_APP, { name: 'app', commit: '1'.repeat(40), workspaces });
    await recordFolder(graph, upgraded.root, { name: 'app', commit: '2'.repeat(40), workspaces });
    assert.equal((await graph.whoUses({ package: 'pkg:npm/lodash@4.17.4', history: true })).results.length, 1);
    const third = await recordFolder(graph, upgraded.root, { name: 'app', commit: '3'.repeat(40), workspaces });
    assert.equal(third.evicted, 1);
    const status = await graph.status();
    assert.equal(status.projects[0]?.snapshots, 2);
    assert.deepEqual((await graph.whoUses({ package: 'pkg:npm/lodash@4.17.4', history: true })).results, [], 'lodash 4.17.4 was only in the dropped snapshot');
    await graph.read(async (s) => {
      assert.deepEqual(await s.all("SELECT id FROM g_package WHERE purl = 'pkg:npm/lodash@4.17.4'"), [], 'and its node went with it');
    });
    await assert.rejects(graph.project({ project: 'app', commit: '1111' }), GraphError);
  });

  it('forgets a document: its facts and the nodes nothing else references', async () => {
    await open();
    await recordFolder(graph, EXAMPLE_APP, { commit: 'c'.repeat(40), workspaces });
    const empty = await graph.status();
    const added = await graph.ingest(juice());
    assert.equal((await graph.whoUses({ package: 'pkg:npm/marsdb@0.6.11' })).results.length, 1);
    const digest = (juice().origin.digest).slice(0, 'sha256:'.length + 12);
    const result = await graph.forget(digest);
    assert.deepEqual([result.kind, result.origins], ['document', 1]);
    assert.ok(result.nodesRemoved > 1000);
    assert.deepEqual((await graph.whoUses({ package: 'pkg:npm/marsdb@0.6.11' })).results, []);
    // Shared packages stay for the project that still uses them; the store is as before the ingest.
    assert.equal((await graph.whoUses({ package: 'pkg:npm/ms@0.6.2' })).results.length, 1);
    const after = await graph.status();
    assert.deepEqual([after.nodes, after.facts], [empty.nodes, empty.facts]);
    assert.equal((await graph.ingest(juice())).status, 'added', 'and can be ingested again');
    assert.ok(added.origin > 0);
  });

  it('forgets a project by name, every snapshot of it', async () => {
    await open();
    await recordFolder(graph, EXAMPLE_APP, { commit: 'd'.repeat(40), workspaces });
    await recordFolder(graph, EXAMPLE_APP, { commit: 'e'.repeat(40), workspaces });
    const result = await graph.forget('npm-app');
    assert.deepEqual([result.kind, result.name, result.origins], ['project', 'npm-app', 2]);
    const status = await graph.status();
    assert.deepEqual(status.projects, []);
    assert.deepEqual(Object.values(status.nodes), [0, 0, 0, 0, 0]);
    assert.deepEqual(Object.values(status.facts), [0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('refuses ambiguous and unknown targets, naming the candidates', async () => {
    await open();
    await graph.ingest(juice());
    const copy = JSON.parse(readFileSync(path.join(FIXTURES, 'store/sbom', JUICE), 'utf8')) as { serialNumber?: string };
    copy.serialNumber = 'urn:uuid:00000000-0000-4000-8000-000000000001';
    await graph.ingest(document(new DocumentReader().read(JUICE, JSON.stringify(copy))));
    await assert.rejects(graph.forget(JUICE), (err: unknown) => err instanceof GraphError && /matches 2 documents: sha256:/.test(err.message));
    await assert.rejects(graph.forget('nothing-here'), (err: unknown) => err instanceof GraphError && /no project or document "nothing-here"/.test(err.message));
    await assert.rejects(graph.forget('juice-shop', 'project'), (err: unknown) => err instanceof GraphError && /no project "juice-shop"/.test(err.message));
  });
});
