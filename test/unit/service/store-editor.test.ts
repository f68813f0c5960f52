import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageNodes, projectNodes, searchNodes, isAdvisoryId, type ViewNode } from '../../../client/src/supply-chain/nodes';
import { storeChartSvg } from '../../../client/src/report/store-chart';
import { scanFolder } from '../../../server/src/analysis/scan';
import { DocumentReader } from '../../../server/src/documents';
import type { ProjectResult, VulnResult } from '../../../server/src/graph/answers';
import { SupplyChainGraph } from '../../../server/src/graph/graph-store';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { DataResources } from '../../../server/src/service/data-resources';
import type { FolderState } from '../../../server/src/service/folder-state';
import { storeHoverSection } from '../../../server/src/service/store-hover';
import { StoreService } from '../../../server/src/service/store-service';
import { openStore } from '../../../server/src/store/open-store';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { FIXTURES, tempWorkspace, type TempWorkspace } from '../../support/temp-workspace';
import { APP_AFTER, APP_BEFORE, document, recordFolder, source, steppingClock, upgradedAppFiles } from '../graph/store-fixture';

const EXAMPLE = join(__dirname, '../../../examples/npm-app');
const BILLING = '1a2b3c4d5e6f70819293a4b5c6d7e8f901234567';
const HOSTILE = 'evil</text><script>alert(1)</script>\u202e&amp;';

/** The example app under another name (so a VEX product can name it). */
function renamedApp(name: string, workspaces: TempWorkspace[]): string {
  const text = readFileSync(join(EXAMPLE, 'package.json'), 'utf8').replace('"name": "npm-app"', `"name": ${JSON.stringify(name)}`);
  const ws = tempWorkspace({ 'package.json': text, 'package-lock.json': readFileSync(join(EXAMPLE, 'package-lock.json'), 'utf8') });
  workspaces.push(ws);
  return ws.root;
}

const labels = (nodes: ViewNode[]) => nodes.map((n) => [n.label, n.description ?? '']);

/**
 * The editor's view of the store, on a real store: the example app at two commits (lodash upgraded
 * in the second), the same app as "billing" with the billing team's OpenVEX, and a project whose
 * name is hostile. The Supply Chain view's nodes, the report's chart and the hover's section are
 * built from the engine's real answers.
 */
describe('the store in the editor: view, chart and hover from real answers', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  let store: MetadataStore;
  let graph: SupplyChainGraph;
  const workspaces: TempWorkspace[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chainsight-store-editor-'));
    file = join(dir, 'chainsight.db');
    store = await openStore(file, { idleReleaseMs: 0 });
    graph = new SupplyChainGraph(store.sqlExecutor(), { now: steppingClock() });
    await recordFolder(graph, EXAMPLE, { commit: APP_BEFORE, workspaces });
    const upgraded = tempWorkspace(upgradedAppFiles());
    workspaces.push(upgraded);
    await recordFolder(graph, upgraded.root, { commit: APP_AFTER, workspaces });
    await recordFolder(graph, renamedApp('billing', workspaces), { commit: BILLING, workspaces });
    await recordFolder(graph, EXAMPLE, { name: HOSTILE, workspaces });
    await graph.ingest(document(new DocumentReader().read('billing.openvex.json', readFileSync(join(FIXTURES, 'store/own/billing.openvex.json')))));
  });
  after(async () => {
    await store.close();
    for (const ws of workspaces) ws.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  async function overview() {
    const resources = new DataResources(() => file);
    try {
      return await new StoreService(resources).overview([]);
    } finally {
      await resources.dispose();
    }
  }

  it('overview: every project with its open findings per snapshot, oldest first', async () => {
    const o = await overview();
    assert.deepEqual(
      o.projects.map((p) => [p.name, p.latest?.commit ?? null, p.open, p.history.map((h) => [h.commit ?? null, h.open])]),
      [
        ['billing', BILLING, 11, [[BILLING, 11]]],
        [HOSTILE, null, 12, [[null, 12]]],
        ['npm-app', APP_AFTER, 9, [[APP_BEFORE, 12], [APP_AFTER, 9]]],
      ],
    );
    assert.deepEqual(o.documents, [{ kind: 'vex', count: 1 }]);
    assert.deepEqual(o.projects.map((p) => p.snapshots), [1, 1, 2]);
    // Every snapshot only for the projects the chart draws (most open findings now); the rest their latest.
    const capped = await graph.overview({ limit: 2, historyFor: 1 });
    assert.deepEqual([capped.projects.map((p) => [p.name, p.history.length]), capped.omitted], [[['billing', 1], [HOSTILE, 1]], 1]);
    const npmApp = (await graph.overview({ limit: 3, historyFor: 1 })).projects.find((p) => p.name === 'npm-app')!;
    assert.deepEqual([npmApp.snapshots, npmApp.history.map((h) => h.open)], [2, [9]]);
    assert.deepEqual(labels(projectNodes(o)).slice(0, 1), [['billing', '@ 1a2b3c4 · 11 open · 51 packages']]);
  });

  it('chart: one series per project, a point per snapshot, every name escaped', async () => {
    const svg = storeChartSvg((await overview()).projects)!;
    assert.equal((svg.match(/<g class="series/g) ?? []).length, 3);
    assert.equal((svg.match(/<polyline /g) ?? []).length, 1, 'only npm-app has two snapshots');
    assert.match(svg, /<title>npm-app @ aaaa000: 12 open \(2026-01-01 00:00\)<\/title>/);
    assert.match(svg, /<title>npm-app @ bbbb111: 9 open/);
    assert.ok(svg.includes('evil&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;'), 'markup in a name stays text');
    assert.ok(!svg.includes('<script') && !svg.includes('\u202e'));
    assert.equal(storeChartSvg([]), undefined);
  });

  it('view: packages with open findings first, VEX shown on the finding it closes, provenance per package', async () => {
    const o = await overview();
    const billing = o.projects.find((p) => p.name === 'billing')!;
    const [result] = (await graph.project({ project: 'billing' })).results as ProjectResult[];
    const nodes = packageNodes(billing, result!);
    assert.deepEqual(labels(nodes).slice(0, 3), [
      ['Provenance', '0 verified, 0 invalid, 51 without (of 51)'],
      ['body-parser@1.9.0', '1 open · direct'],
      ['cookie@0.1.2', '1 open'],
    ]);
    const lodash = nodes.find((n) => n.label === 'lodash@4.17.4')!;
    assert.equal(lodash.description, '2 open · direct');
    assert.deepEqual(
      labels(lodash.children!),
      [
        ['GHSA-35jh-r3h4-6jhm', 'high · open · fixed in 4.17.21'],
        ['GHSA-jf85-cpcp-j695', 'critical · open · fixed in 4.17.12'],
        ['GHSA-p6mc-m468-83gw', 'high · VEX: not_affected (vulnerable_code_not_in_execute_path) · fixed in 4.17.20'],
        ['provenance: missing', 'no signature or provenance recorded'],
      ],
    );
    assert.equal(lodash.open, undefined, 'billing is not a folder of this workspace: nothing to open');
    const hostile = projectNodes(o).find((n) => n.label.startsWith('evil'))!;
    assert.ok(!hostile.label.includes('\u202e'), 'no bidirectional controls in labels');
  });

  it('search: an advisory by alias lists every subject with the VEX that applies', async () => {
    assert.deepEqual([isAdvisoryId('CVE-2020-8203'), isAdvisoryId('ghsa-p6mc-m468-83gw'), isAdvisoryId('lodash'), isAdvisoryId('@babel/core'), isAdvisoryId('left-pad')], [true, true, false, false, false]);
    const answer = await graph.vuln({ id: 'CVE-2020-8203' });
    const nodes = searchNodes('CVE-2020-8203', answer as { results: VulnResult[] }, (await overview()).projects);
    assert.deepEqual(labels(nodes), [
      ['billing @ 1a2b3c4', 'lodash@4.17.4 · CVE-2020-8203 · VEX: not_affected (vulnerable_code_not_in_execute_path)'],
      [nodes[1]!.label, 'lodash@4.17.4 · CVE-2020-8203 · open'],
    ]);
    assert.deepEqual(labels(searchNodes('nothing', { results: [] }, [])), [['Nothing in the store matches "nothing"', '']]);
  });

  it('hover: the other projects and the VEX there, the project edited left out; capped', async () => {
    const context = await graph.context({ purl: 'pkg:npm/lodash@4.17.4', vulnerabilities: ['GHSA-p6mc-m468-83gw'], excludeProject: 'npm-app' });
    const section = storeHoverSection(context, '4.17.4')!;
    assert.ok(section.startsWith('---\n\n**Across your store**\n\nalso in 2 other projects: billing @ 1a2b3c4, evil&lt;/text>&lt;script>alert(1)&lt;/script>&amp;amp;  \n'), section);
    assert.ok(section.endsWith('VEX: not_affected in billing @ 1a2b3c4 (vulnerable_code_not_in_execute_path) · GHSA-p6mc-m468-83gw'), section);
    assert.ok(!section.includes('npm-app'));
    const many = { usedBy: Array.from({ length: 7 }, (_, i) => ({ subject: { kind: 'project' as const, name: `p${i}` }, version: i % 2 ? '4.17.21' : '4.17.4', direct: true })), vex: [] };
    assert.equal(storeHoverSection(many, '4.17.4'), '---\n\n**Across your store**\n\nalso in 7 other projects: p0, p1 (4.17.21), p2, p3 (4.17.21), p4, and 2 more');
    assert.equal(storeHoverSection({ usedBy: [], vex: [] }, '1.0.0'), undefined, 'nothing elsewhere: no section');
  });

  it('hover: a store that cannot answer in time gives a note, and the hover does not wait for it', async () => {
    const ws = tempWorkspace({ app: { copyFrom: EXAMPLE } });
    workspaces.push(ws);
    const root = ws.path('app');
    const folder: FolderState = { root, settings: DEFAULT_SETTINGS, paths: [], analysis: (await scanFolder(root, source())).analysis };
    const lines = readFileSync(join(root, 'package.json'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('"lodash"'));
    const position = { line, character: lines[line]!.indexOf('lodash') };
    // Another process holds the store's lock for as long as it likes (an import, another window).
    const holder = await openStore(file, { idleReleaseMs: Infinity });
    await holder.status();
    const resources = new DataResources(() => file);
    try {
      const section = await new StoreService(resources).hoverSection([folder], join(root, 'package.json'), position, async () => 'npm-app', 200);
      assert.equal(section, '---\n\n*Across your store: not available (the store did not answer within 200 ms).*');
    } finally {
      await holder.close();
      await resources.dispose();
    }
    // A store that cannot be opened at all (its folder is a file).
    const broken = new DataResources(() => join(root, 'package.json', 'chainsight.db'));
    const answer = await new StoreService(broken).hoverSection([folder], join(root, 'package.json'), position, async () => 'npm-app');
    assert.match(answer!, /^---\n\n\*Across your store: not available \(.+\)\.\*$/);
    await broken.dispose();
  });
});
