import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileDiagnostics } from '../../../server/src/analysis/diagnostics';
import { scanFolder } from '../../../server/src/analysis/scan';
import { createLocalSource } from '../../../server/src/osv/local-source';
import { FIXTURES, NPM_RECORDS, tempWorkspace } from '../../support/temp-workspace';

const source = createLocalSource(NPM_RECORDS);

const lock = (packages: Record<string, unknown>) => JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages }, null, 2);

async function diagnosticsOf(files: Record<string, string>, file: string) {
  const ws = tempWorkspace(files);
  try {
    const { analysis } = await scanFolder(ws.root, source);
    const report = analysis.reports.get(ws.path(file));
    assert.ok(report, `no report for ${file}`);
    return { diagnostics: fileDiagnostics(report), analysis, report, ws };
  } finally {
    ws.dispose();
  }
}

describe('workspace analysis', () => {
  it('finds exactly the records whose ranges contain a locked version of the real goof lockfile (v2)', async () => {
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'realworld/nodejs-goof-2022-expected-findings.json'), 'utf8')) as { findings: Array<{ name: string; version: string; advisory: string }> };
    const { analysis } = await scanFolder(join(FIXTURES, 'realworld/nodejs-goof-2022-lockfile-v2'), source);
    const got = new Set(analysis.findings.flatMap((f) => f.vulnerabilities.map((v) => `${f.name}@${f.version} ${v.id}`)));
    assert.deepEqual([...got].sort(), expected.findings.map((f) => `${f.name}@${f.version} ${f.advisory}`).sort());
  });

  it('reads the goof lockfile v1 to the same findings as v2 (same 980 name@version pairs)', async () => {
    const v1 = await scanFolder(join(FIXTURES, 'realworld/nodejs-goof-2021-lockfile-v1'), source);
    const v2 = await scanFolder(join(FIXTURES, 'realworld/nodejs-goof-2022-lockfile-v2'), source);
    const pairs = (a: typeof v1) => [...new Set(a.analysis.findings.flatMap((f) => f.vulnerabilities.map((v) => `${f.name}@${f.version} ${v.id}`)))].sort();
    // v1 predates two lodash/minimist updates in v2's tree; compare the direct dependencies, which match.
    const direct = (a: typeof v1) => pairs({ ...a, analysis: { ...a.analysis, findings: a.analysis.findings.filter((f) => f.direct) } });
    assert.deepEqual(direct(v1), direct(v2));
    assert.ok(pairs(v1).length > 40);
  });

  it('attributes a transitive finding to the direct dependency that pulls it in', async () => {
    const { analysis } = await scanFolder(join(FIXTURES, 'realworld/nodejs-goof-2022-lockfile-v2'), source);
    const manifest = analysis.reports.get(join(FIXTURES, 'realworld/nodejs-goof-2022-lockfile-v2/package.json'))!;
    const humanize = manifest.dependencies.find((d) => d.pkg.name === 'humanize-ms')!;
    assert.equal(humanize.own, undefined);
    assert.deepEqual(humanize.transitive.map((t) => [t.finding.name, t.finding.version, t.path]), [['ms', '0.6.2', ['humanize-ms', 'ms']]]);
    const messages = fileDiagnostics(manifest).map((d) => d.message);
    assert.ok(messages.includes('humanize-ms@1.0.1 pulls in ms@0.6.2: GHSA-3fx5-fwvr-xrjg (high); fixed in ms 0.7.1'), messages.join('\n'));
    assert.ok(messages.includes('lodash@4.17.4: 3 vulnerabilities (1 critical, 2 high); fixed in 4.17.21'), messages.join('\n'));
  });

  it('puts one diagnostic on every vulnerable lockfile entry, related to the manifest line', async () => {
    const { analysis } = await scanFolder(join(FIXTURES, 'realworld/nodejs-goof-2022-lockfile-v2'), source);
    const lockPath = join(FIXTURES, 'realworld/nodejs-goof-2022-lockfile-v2/package-lock.json');
    const diagnostics = fileDiagnostics(analysis.reports.get(lockPath)!).filter((d) => d.kind === 'vulnerability');
    assert.equal(diagnostics.length, analysis.findings.length);
    const ms = diagnostics.find((d) => d.message.startsWith('ms@0.6.2'))!;
    assert.equal(ms.related[0]?.location.file, join(FIXTURES, 'realworld/nodejs-goof-2022-lockfile-v2/package.json'));
    const text = readFileSync(lockPath, 'utf8').split('\n');
    assert.equal(text[ms.range.start.line]!.slice(ms.range.start.character, ms.range.end.character), '0.6.2');
  });

  it('without a lockfile: matches exact pins and only notes ranges', async () => {
    const { diagnostics } = await diagnosticsOf({ 'package.json': JSON.stringify({ dependencies: { lodash: '4.17.15', moment: '^2.0.0', express: '>=5.0.0' } }, null, 2) }, 'package.json');
    const byKind = (kind: string) => diagnostics.filter((d) => d.kind === kind).map((d) => d.message.split(':')[0]);
    assert.deepEqual(byKind('vulnerability'), ['lodash@4.17.15']);
    assert.deepEqual(byKind('range-note'), ['moment ^2.0.0 admits versions with known vulnerabilities']);
  });

  it('never matches non-registry dependencies', async () => {
    const { diagnostics, report } = await diagnosticsOf(
      {
        'package.json': JSON.stringify({ dependencies: { lodash: 'file:../lodash', moment: 'github:moment/moment#2.15.1', express: 'git+https://github.com/expressjs/express.git#4.12.4', jquery: 'link:../jquery' } }, null, 2),
      },
      'package.json',
    );
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(report.dependencies.map((d) => d.pkg.source), ['path', 'git', 'git', 'link']);
  });

  it('pairs a workspace member manifest with the root lockfile', async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'root', workspaces: ['packages/*'] }),
      'packages/app/package.json': JSON.stringify({ name: 'app', dependencies: { lodash: '^4.17.0' } }, null, 2),
      'package-lock.json': lock({
        '': { name: 'root', workspaces: ['packages/*'] },
        'node_modules/app': { resolved: 'packages/app', link: true },
        'node_modules/lodash': { version: '4.17.15', resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.15.tgz' },
        'packages/app': { name: 'app', dependencies: { lodash: '^4.17.0' } },
      }),
    };
    const { diagnostics } = await diagnosticsOf(files, 'packages/app/package.json');
    assert.deepEqual(diagnostics.map((d) => [d.kind, d.message]), [['vulnerability', 'lodash@4.17.15: 2 vulnerabilities (2 high); fixed in 4.17.21']]);
  });

  it('says when the lockfile no longer matches the manifest', async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'app', dependencies: { lodash: '^4.17.21' } }, null, 2),
      'package-lock.json': lock({ '': { name: 'app', dependencies: { lodash: '^4.17.15' } }, 'node_modules/lodash': { version: '4.17.15' } }),
    };
    const { diagnostics } = await diagnosticsOf(files, 'package.json');
    const stale = diagnostics.filter((d) => d.kind === 'stale-lockfile');
    assert.deepEqual(stale.map((d) => d.message), ['package-lock.json is out of date: it records lodash@^4.17.15, not ^4.17.21; run "Chainsight: Update Lockfile"']);
  });

  it('keeps blaming the parent when a new direct requirement cannot move a nested copy (npm nests)', async () => {
    // npm would install ms@2 at the top and keep humanize-ms's ms@0.6.2 nested, so the finding stays
    // with humanize-ms. (Where one version serves everyone, Bundler or NuGet, it moves: see the LSP tests.)
    const files = {
      'package.json': JSON.stringify({ name: 'app', dependencies: { 'humanize-ms': '1.0.1', ms: '^2.1.0' } }, null, 2),
      'package-lock.json': lock({
        '': { name: 'app', dependencies: { 'humanize-ms': '1.0.1' } },
        'node_modules/humanize-ms': { version: '1.0.1', dependencies: { ms: '^0.6.2' } },
        'node_modules/ms': { version: '0.6.2' },
      }),
    };
    const { diagnostics } = await diagnosticsOf(files, 'package.json');
    assert.ok(diagnostics.some((d) => d.message === 'humanize-ms@1.0.1 pulls in ms@0.6.2: GHSA-3fx5-fwvr-xrjg (high); fixed in ms 0.7.1'), diagnostics.map((d) => d.message).join('\n'));
  });

  it('ignores package-lock.json when npm-shrinkwrap.json sits next to it, as npm does', async () => {
    const both = join(FIXTURES, 'ecosystems/npm/package-lock/osv-scalibr/both');
    const { analysis } = await scanFolder(both, source);
    assert.equal(analysis.units.length, 1);
    assert.equal(analysis.units[0]!.unit.lockfile?.path, join(both, 'npm-shrinkwrap.json'));
  });

  it('a malformed lockfile gives one error where it breaks, and its manifest is still read', async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'app', dependencies: { lodash: '4.17.15' } }, null, 2),
      'package-lock.json': '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": { "name": "app" },,\n  }\n}\n',
    };
    const ws = tempWorkspace(files);
    try {
      const { analysis } = await scanFolder(ws.root, source);
      const lockDiagnostics = fileDiagnostics(analysis.reports.get(ws.path('package-lock.json'))!);
      assert.equal(lockDiagnostics.length, 1);
      assert.equal(lockDiagnostics[0]!.kind, 'parse-error');
      assert.deepEqual(lockDiagnostics[0]!.range.start, { line: 3, character: 26 });
      const manifest = fileDiagnostics(analysis.reports.get(ws.path('package.json'))!);
      assert.deepEqual(manifest.map((d) => d.message.split(':')[0]), ['lodash@4.17.15']);
    } finally {
      ws.dispose();
    }
  });
});
