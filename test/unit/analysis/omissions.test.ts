import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { fileDiagnostics, limitDiagnostics, type EngineDiagnostic } from '../../../server/src/analysis/diagnostics';
import { scanFolder } from '../../../server/src/analysis/scan';
import { createLocalSource } from '../../../server/src/osv/local-source';
import { NPM_RECORDS, tempWorkspace } from '../../support/temp-workspace';

const source = createLocalSource(NPM_RECORDS);

/**
 * What was not read is carried in the analysis (`WorkspaceAnalysis.omissions`, for the CLI, the
 * JSON report and the editor's status), and a refused include is a warning where it is named.
 */
describe('omissions in the workspace analysis', () => {
  it('carries refused files and includes, and warns at each include', async () => {
    const ws = tempWorkspace({
      'outside/secret.txt': 'hunter2\n',
      'Cargo.toml': '[workspace]\nmembers = ["root/crate"]\n\n[workspace.dependencies]\nserde = "1.0.0"\n',
      'root/package.json': '{"dependencies":{"lodash":"4.17.4"}}',
      'root/requirements.txt': 'flask==0.12\n-r ../outside/secret.txt\n',
      'root/crate/Cargo.toml': '[package]\nname = "crate"\nversion = "0.1.0"\n\n[dependencies]\nserde = { workspace = true }\n',
    });
    try {
      symlinkSync('/dev/zero', ws.path('root/package-lock.json'));
      const { analysis } = await scanFolder(ws.path('root'), source);
      assert.deepEqual(
        analysis.omissions.map((o) => `${o.reason} ${o.path.replace(ws.root, '')}${o.includedFrom ? ` from ${o.includedFrom.replace(ws.root, '')}` : ''}`),
        [
          'outside-workspace /Cargo.toml from /root/crate/Cargo.toml',
          'outside-workspace /outside/secret.txt from /root/requirements.txt',
          'outside-workspace /root/package-lock.json',
        ],
      );
      const requirements = fileDiagnostics(analysis.reports.get(ws.path('root/requirements.txt'))!);
      const include = requirements.find((d) => d.kind === 'parse-warning')!;
      assert.match(include.message, /could not read the requirements file \.\.\/outside\/secret\.txt .*; not read: outside the workspace folder/);
      assert.deepEqual(include.range.start, { line: 1, character: 3 });
      assert.ok(!analysis.units.some((u) => u.unit.manifests.some((m) => m.file.result.packages.some((p) => p.name === 'hunter2'))));
      // Cargo looks for the workspace root quietly; the refusal still becomes a warning in the member.
      const crate = fileDiagnostics(analysis.reports.get(ws.path('root/crate/Cargo.toml'))!);
      assert.ok(crate.some((d) => /^did not read \/\S+\/Cargo\.toml: outside the workspace folder/.test(d.message)), JSON.stringify(crate));
      // The manifest is still analysed on its own, without the lockfile it could not read.
      assert.ok(analysis.findings.some((f) => f.name === 'lodash'));
    } finally {
      ws.dispose();
    }
  });

  it('discovery says where it stopped', async () => {
    const ws = tempWorkspace({ 'a/package.json': '{}', 'b/package.json': '{}', 'c/package.json': '{}' });
    try {
      const { analysis } = await scanFolder(ws.root, source, { limits: { maxFiles: 2 } });
      assert.deepEqual(analysis.omissions.map((o) => `${o.reason} ${o.detail}`), ['file-limit stopped after 2 dependency files: the rest of the folder was not searched']);
      assert.equal(analysis.reports.size, 2);
    } finally {
      ws.dispose();
    }
  });
});

describe('diagnostics per file are capped', () => {
  const diagnostic = (kind: EngineDiagnostic['kind'], severity: EngineDiagnostic['severity'], line: number): EngineDiagnostic => ({
    range: { start: { line, character: 0 }, end: { line, character: 1 } },
    message: `${kind} ${severity} ${line}`,
    kind,
    severity,
    related: [],
  });

  it('keeps the most important, in file order, and says how many more', () => {
    const list = [diagnostic('range-note', 'low', 0), diagnostic('vulnerability', 'low', 1), diagnostic('vulnerability', 'critical', 2), diagnostic('parse-error', 'unknown', 3), diagnostic('stale-lockfile', 'unknown', 4)];
    const capped = limitDiagnostics(list, 3);
    assert.deepEqual(
      capped.map((d) => d.message),
      ['vulnerability critical 2', 'parse-error unknown 3', '… and 3 more problems in this file, not shown (limit: 3 diagnostics per file)'],
    );
    assert.equal(limitDiagnostics(list, 5), list);
  });

  it('a requirements file with 5,000 broken lines gives 1,000 diagnostics, the last one saying so', async () => {
    const ws = tempWorkspace({ 'requirements.txt': Array.from({ length: 5000 }, (_, i) => `bad line ${i} ===`).join('\n') });
    try {
      const { analysis } = await scanFolder(ws.root, source);
      const diagnostics = fileDiagnostics(analysis.reports.get(ws.path('requirements.txt'))!);
      assert.equal(diagnostics.length, 1000);
      assert.match(diagnostics[999]!.message, /^… and 4001 more problems in this file, not shown \(limit: 1000 diagnostics per file\)$/);
    } finally {
      ws.dispose();
    }
  });
});
