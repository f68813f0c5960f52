import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';
import { upgradedAppFiles } from '../unit/graph/store-fixture';

const EXAMPLE = join(__dirname, '../../examples/npm-app');
const DATA = join(EXAMPLE, 'osv');
const BEFORE = 'aaaa0000aaaa0000aaaa0000aaaa0000aaaa0000';
const AFTER = 'bbbb1111bbbb1111bbbb1111bbbb1111bbbb1111';

describe('chainsight query, store, ingest and export', function () {
  let dir: string;
  let store: string;
  const workspaces: TempWorkspace[] = [];
  const cli = (...args: string[]) => runCli([...args, '--store', store]);
  const json = async (...args: string[]) => {
    const result = await cli(...args, '--format', 'json');
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as { schemaVersion: number; query: Record<string, unknown>; results: Array<Record<string, any>> };
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chainsight-query-'));
    store = join(dir, 'chainsight.db');
    const before = tempWorkspace({ app: { copyFrom: EXAMPLE } });
    const after = tempWorkspace(Object.fromEntries(Object.entries(upgradedAppFiles()).map(([k, v]) => [`app/${k}`, v])));
    workspaces.push(before, after);
    for (const [ws, commit] of [[before, BEFORE], [after, AFTER]] as const) {
      const result = await cli('scan', ws.path('app'), '--osv-data', DATA, '--record', '--commit', commit, '--fail-on', 'none');
      assert.equal(result.code, 0, result.stderr);
    }
  });
  after(() => {
    for (const ws of workspaces) ws.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('who-uses --format json: the documented contract', async () => {
    const answer = await json('query', 'who-uses', 'lodash', '--history');
    assert.equal(answer.schemaVersion, 1);
    assert.deepEqual(answer.query, { package: 'lodash', history: true });
    assert.deepEqual(answer.results.map((r) => [r.subject, r.package, r.direct, r.declared]), [
      [{ kind: 'project', name: 'npm-app', commit: BEFORE }, { purl: 'pkg:npm/lodash@4.17.4', name: 'lodash', version: '4.17.4' }, true, '4.17.4'],
      [{ kind: 'project', name: 'npm-app', commit: AFTER }, { purl: 'pkg:npm/lodash@4.17.21', name: 'lodash', version: '4.17.21' }, true, '4.17.21'],
    ]);
    const [evidence] = answer.results[0]!.evidence as Array<{ kind: string; ref: string; at: string }>;
    assert.deepEqual([evidence!.kind, evidence!.ref], ['scan', `npm-app@${BEFORE}`]);
    assert.ok(!Number.isNaN(Date.parse(evidence!.at)));
  });

  it('who-uses as a table', async () => {
    const result = await cli('query', 'who-uses', 'lodash');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^SUBJECT\s+PACKAGE\s+HOW\s+EVIDENCE$/m);
    assert.match(result.stdout, /project npm-app @ bbbb1111bbbb\s+lodash@4\.17\.21\s+direct 4\.17\.21\s+scan npm-app@bbbb1111bbbb, \d{4}-\d\d-\d\d \d\d:\d\d/);
    assert.match(result.stdout, /1 subject contains lodash\./);
  });

  it('vuln by alias: every affected instance with its evidence and VEX status', async () => {
    const answer = await json('query', 'vuln', 'CVE-2020-8203', '--history');
    assert.deepEqual(answer.results.map((r) => [r.subject.commit, r.package.version, r.open, r.vex ?? null, r.vulnerability.id]), [[BEFORE, '4.17.4', true, null, 'CVE-2020-8203']]);
    assert.deepEqual(answer.results[0]!.vulnerability.aliases, ['GHSA-p6mc-m468-83gw']);
    const table = await cli('query', 'vuln', 'GHSA-p6mc-m468-83gw');
    assert.match(table.stdout, /No package in the store is known to be affected by GHSA-p6mc-m468-83gw\./, 'the latest snapshot no longer has it');
  });

  it('project and diff', async () => {
    const project = await json('query', 'project', 'npm-app', '--commit', 'aaaa');
    assert.equal(project.results[0]!.subject.commit, BEFORE);
    assert.equal(project.results[0]!.packages.length, 51);
    assert.deepEqual(project.results[0]!.history.map((h: { commit: string }) => h.commit), [AFTER, BEFORE]);
    const diff = await json('query', 'diff', 'npm-app', 'aaaa', 'bbbb');
    assert.deepEqual(diff.results[0]!.changed, [{ name: 'lodash', purl: 'pkg:npm/lodash', from: '4.17.4', to: '4.17.21' }]);
    assert.deepEqual(diff.results[0]!.closed.map((f: { vulnerability: { id: string } }) => f.vulnerability.id), ['GHSA-35jh-r3h4-6jhm', 'GHSA-jf85-cpcp-j695', 'GHSA-p6mc-m468-83gw']);
    const table = await cli('query', 'diff', 'npm-app', 'aaaa', 'bbbb');
    assert.match(table.stdout, /Changed \(1\):\nPACKAGE\s+FROM\s+TO\nlodash\s+4\.17\.4\s+4\.17\.21/);
    assert.match(table.stdout, /Findings closed \(3\):/);
  });

  it('provenance --missing lists what nothing verified', async () => {
    const answer = await json('query', 'provenance', '--missing');
    assert.equal(answer.results.length, 51);
    assert.ok(answer.results.every((r) => r.status === 'missing'));
  });

  const ERRORS: Array<{ name: string; args: string[]; message: RegExp }> = [
    { name: 'an unknown project', args: ['query', 'project', 'nope'], message: /chainsight query: error: no project "nope" in the store/ },
    { name: 'an unknown question', args: ['query', 'who'], message: /unknown question "who"/ },
    { name: 'a flag of another question', args: ['query', 'vuln', 'X', '--commit', 'abc'], message: /--commit does not apply to vuln/ },
    { name: 'forgetting what is not there', args: ['store', 'forget', 'nope'], message: /no project or document "nope" in the store/ },
    { name: 'export without a format', args: ['export'], message: /--format guac is required/ },
  ];
  for (const row of ERRORS) {
    it(`exit 2 without a stack trace: ${row.name}`, async () => {
      const result = await cli(...row.args);
      assert.equal(result.code, 2);
      assert.match(result.stderr, row.message);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    });
  }

  it('ingest says file:line:column and exits 2 for a file it cannot read, storing nothing', async () => {
    const ws = tempWorkspace({ 'bom.json': '{"bomFormat": "CycloneDX"' });
    workspaces.push(ws);
    const result = await runCli(['ingest', 'bom.json', '--store', store], { cwd: ws.root });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^bom\.json:\d+:\d+: error: /m);
    assert.match(result.stdout, /0 added, 0 already in the store, 1 failed\./);
    assert.deepEqual((await json('store', 'status')).results[0]!.documents, []);
  });

  it('export --format guac writes IngestPredicates, to stdout or one file per origin', async () => {
    const result = await cli('export', '--format', 'guac');
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout) as Record<string, unknown[]>;
    assert.ok((doc.isDependency?.length ?? 0) > 100);
    assert.ok((doc.certifyVuln?.length ?? 0) > 0);
    const out = mkdtempSync(join(tmpdir(), 'chainsight-export-'));
    try {
      assert.equal((await cli('export', '--format', 'guac', '--output', out)).code, 0);
      const first = JSON.parse(readFileSync(join(out, '00001-scan-npm-app.json'), 'utf8')) as Record<string, unknown[]>;
      assert.ok(first.isDependency!.length > 0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('store forget removes a project', async () => {
    const result = await runCli(['store', 'forget', 'npm-app', '--project', '--store', store]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Forgot project npm-app: 2 snapshots, \d+ nodes no longer referenced\./);
    assert.deepEqual((await json('store', 'status')).results[0]!.projects, []);
  });
});
