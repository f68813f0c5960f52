import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import {
  type StoreAnswer,
  type StoreChangedParams,
  storeChangedNotification,
  type StoreImportResult,
  storeImportRequest,
  type StoreLocation,
  storeLocateRequest,
  type StoreOverview,
  storeOverviewRequest,
  storeQueryRequest,
} from '../../server/src/protocol';
import { fileUri, LspTestClient } from '../support/lsp-client';
import { runCli } from '../support/run-cli';
import { FIXTURES, tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../examples/npm-app');
const OSV = join(EXAMPLE, 'osv');
const SETTINGS = { osv: { offlineData: './osv' } };
const BILLING_COMMIT = '1a2b3c4d5e6f70819293a4b5c6d7e8f901234567';
const BILLING_VEX = join(FIXTURES, 'store/own/billing.openvex.json');
const SBOM = join(FIXTURES, 'store/sbom/bom-examples.bom.json');
const HOSTILE = 'evil](https://attacker.example) *x* <img src=y>';

/** A copy of the example app that names itself `name` (so a VEX product can name it), recorded by the CLI. */
async function recordCopy(store: string, workspaces: TempWorkspace[], name: string, args: string[]): Promise<void> {
  const ws = tempWorkspace({ app: { copyFrom: EXAMPLE } });
  workspaces.push(ws);
  const manifest = ws.path('app/package.json');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"name": "npm-app"', `"name": "${name}"`));
  const result = await runCli(['scan', ws.path('app'), '--osv-data', OSV, '--record', '--fail-on', 'none', '--store', store, ...args]);
  assert.equal(result.code, 0, result.stderr);
}

/** The `(line, character)` of the first `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line, character: lines[line]!.indexOf(needle) + 1 };
}

describe('LSP: the aggregated store in the editor', function () {
  this.timeout(60_000);
  let dir: string;
  let store: string;
  let ws: TempWorkspace;
  let client: LspTestClient;
  const workspaces: TempWorkspace[] = [];
  const changes: StoreChangedParams[] = [];
  let recorded: Promise<void>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chainsight-lsp-store-'));
    store = join(dir, 'chainsight.db');
    // Other projects the user recorded with the CLI, and the billing team's VEX.
    await recordCopy(store, workspaces, 'billing', ['--commit', BILLING_COMMIT]);
    await recordCopy(store, workspaces, 'hostile', ['--project', HOSTILE]);
    assert.equal((await runCli(['ingest', BILLING_VEX, '--store', store])).code, 0);
    ws = tempWorkspace({ '.': { copyFrom: EXAMPLE } });
    client = await LspTestClient.start(ws.root, SETTINGS, { storePath: store });
    recorded = new Promise((resolve) =>
      client.onNotification(storeChangedNotification.method, (p) => {
        changes.push(p as StoreChangedParams);
        if ((p as StoreChangedParams).reason === 'recorded') resolve();
      }),
    );
    await recorded;
  });
  after(async () => {
    await client?.stop();
    ws?.dispose();
    for (const w of workspaces) w.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records the workspace folder after its scan, as the project its manifest names', async () => {
    assert.deepEqual(changes[0], { reason: 'recorded', projects: ['npm-app'] });
    assert.ok(client.logs.some((l) => /^recorded npm-app in the store in \d+ ms \(51 packages, 12 findings\)$/.test(l)), client.logs.join('\n'));
    const overview = await client.request<StoreOverview>(storeOverviewRequest.method, undefined);
    const npmApp = overview.projects.find((p) => p.name === 'npm-app')!;
    assert.deepEqual([npmApp.inWorkspace, npmApp.packages, npmApp.open, npmApp.history.length], [true, 51, 12, 1]);
    const billing = overview.projects.find((p) => p.name === 'billing')!;
    assert.deepEqual([billing.inWorkspace, billing.latest?.commit, billing.open, billing.history.map((h) => h.open)], [false, BILLING_COMMIT, 11, [11]], 'VEX closes one finding in billing');
    assert.deepEqual(overview.documents, [{ kind: 'vex', count: 1 }]);
  });

  it('hover: "Across your store" names the other projects and the VEX that applies there, escaped', async () => {
    const text = readFileSync(ws.path('package.json'), 'utf8');
    const hover = await client.hover(fileUri(ws.path('package.json')), positionOf(text, '"lodash"'));
    const value = (hover?.contents as MarkupContent).value;
    const section = value.slice(value.indexOf('**Across your store**'));
    assert.ok(value.includes('**Across your store**'), value);
    // The hostile name stays text: no link, no emphasis, no HTML.
    assert.ok(section.includes('also in 2 other projects: billing @ 1a2b3c4, evil\\](https\\://attacker.example) \\*x\\* &lt;img src=y>'), section);
    assert.ok(!section.includes('npm-app'), 'the project being edited is not "elsewhere"');
    assert.ok(section.includes('VEX: not_affected in billing @ 1a2b3c4 (vulnerable_code_not_in_execute_path) · GHSA-p6mc-m468-83gw'), section);
  });

  it('answers the CLI\'s questions with the CLI\'s JSON', async () => {
    const asked = [
      { lsp: { question: 'who-uses', package: 'lodash' }, cli: ['query', 'who-uses', 'lodash'] },
      { lsp: { question: 'vuln', id: 'CVE-2020-8203', history: true }, cli: ['query', 'vuln', 'CVE-2020-8203', '--history'] },
      { lsp: { question: 'provenance', missing: true }, cli: ['query', 'provenance', '--missing'] },
      { lsp: { question: 'diff', project: 'billing', from: '1a2b', to: '1a2b3c' }, cli: ['query', 'diff', 'billing', '1a2b', '1a2b3c'] },
    ] as const;
    const answers: StoreAnswer[] = [];
    for (const q of asked) answers.push(await client.request<StoreAnswer>(storeQueryRequest.method, q.lsp));
    const project = await client.request<StoreAnswer>(storeQueryRequest.method, { question: 'project', project: 'billing' });
    assert.deepEqual(
      (answers[0]!.results as Array<{ subject: { name: string } }>).map((r) => r.subject.name),
      ['billing', HOSTILE, 'npm-app'],
    );
    // The store is one file, locked while in use: ask the CLI once the server is done with it.
    await client.stop();
    try {
      // A project named by a relative path is resolved against the workspace folder (the CLI: its cwd).
      const withoutPath = (answer: StoreAnswer) => ({ ...answer, query: { ...(answer.query as object), path: undefined } });
      for (const [i, q] of [...asked, { lsp: {}, cli: ['query', 'project', 'billing'] }].entries()) {
        const cli = await runCli([...q.cli, '--format', 'json', '--store', store]);
        assert.equal(cli.code, 0, cli.stderr);
        assert.deepEqual(withoutPath(answers[i] ?? project), withoutPath(JSON.parse(cli.stdout)), q.cli.join(' '));
      }
    } finally {
      client = await LspTestClient.start(ws.root, SETTINGS, { storePath: store });
      await client.waitForStatus((st) => st.state === 'ready');
    }
  });

  it('refuses questions it cannot ask, and names the project it does not know', async () => {
    await assert.rejects(client.request(storeQueryRequest.method, { question: 'who-uses' }), /who-uses needs "package"/);
    await assert.rejects(client.request(storeQueryRequest.method, { question: 'drop table' }), /question must be one of/);
    await assert.rejects(client.request(storeQueryRequest.method, { question: 'vuln', id: 'CVE-2020-8203', history: 'yes' }), /vuln: "history" must be a boolean/);
    await assert.rejects(client.request(storeQueryRequest.method, { question: 'project', project: 'nope' }), /no project "nope"/);
  });

  it('imports what the user picked: each document whole or not at all, the same one twice adds nothing', async () => {
    const bad = join(dir, 'broken.cdx.json');
    writeFileSync(bad, '{ "bomFormat": "CycloneDX", "specVersion": "1.5", "components": [ }');
    const imported = new Promise<StoreChangedParams>((resolve) =>
      client.onNotification(storeChangedNotification.method, (p) => {
        if ((p as StoreChangedParams).reason === 'imported') resolve(p as StoreChangedParams);
      }),
    );
    const first = await client.request<StoreImportResult>(storeImportRequest.method, { paths: [SBOM, bad, fileUri(BILLING_VEX)] });
    assert.deepEqual(first.results.map((r) => [r.file, r.status, r.kind ?? null]), [
      [SBOM, 'added', 'sbom'],
      [bad, 'error', null],
      [BILLING_VEX, 'unchanged', 'vex'],
    ]);
    assert.deepEqual(first.results[1]!.errors[0]!.range.start, { line: 0, character: 66 });
    assert.deepEqual(await imported, { reason: 'imported' });
    const again = await client.request<StoreImportResult>(storeImportRequest.method, { paths: [SBOM] });
    assert.equal(again.results[0]!.status, 'unchanged');
    await assert.rejects(client.request(storeImportRequest.method, { paths: [] }), /at least one file/);
  });

  it('locates a workspace project\'s package for the Supply Chain view: the manifest line first', async () => {
    const location = await client.request<StoreLocation | null>(storeLocateRequest.method, { path: ws.root, name: 'lodash', version: '4.17.4' });
    const text = readFileSync(ws.path('package.json'), 'utf8');
    assert.deepEqual(location, { uri: fileUri(ws.path('package.json')), line: positionOf(text, '"lodash"').line, character: text.split('\n')[positionOf(text, '"lodash"').line]!.indexOf('"lodash"') + 1 });
    assert.equal(await client.request(storeLocateRequest.method, { path: ws.root, name: 'not-a-dependency' }), null);
  });
});

describe('LSP: what the editor does not record', function () {
  this.timeout(60_000);
  const cases = [
    { name: 'chainsight.store.record off', trusted: true, settings: { ...SETTINGS, store: { record: false } }, reason: 'chainsight.store.record is off' },
    // An untrusted repository's settings are not read: the user's give the data source.
    { name: 'an untrusted workspace (with an SBOM lying in it)', trusted: false, settings: {}, reason: 'the workspace is not trusted' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'chainsight-lsp-store-'));
      const ws = tempWorkspace({ '.': { copyFrom: EXAMPLE }, 'sbom/bom.json': readFileSync(SBOM, 'utf8') });
      const client = await LspTestClient.start(ws.root, c.settings, {
        storePath: join(dir, 'chainsight.db'),
        initializationOptions: { workspaceTrusted: c.trusted, settings: { 'chainsight.osv.offlineData': ws.path('osv') } },
      });
      try {
        await client.waitForLog((l) => l === `not recorded in the store: ${ws.root} (${c.reason})`);
        const overview = await client.request<StoreOverview>(storeOverviewRequest.method, undefined);
        assert.deepEqual([overview.projects, overview.documents], [[], []]);
        // Picking the document is the explicit action that ingests it, trusted or not.
        const imported = await client.request<StoreImportResult>(storeImportRequest.method, { paths: [ws.path('sbom/bom.json')] });
        assert.deepEqual(imported.results.map((r) => [r.status, r.kind]), [['added', 'sbom']]);
      } finally {
        await client.stop();
        ws.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
