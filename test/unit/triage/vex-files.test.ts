import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DocumentReader } from '../../../server/src/documents';
import { discoverVexFiles, folderPath, relativeInside, vexFileMatcher } from '../../../server/src/triage/files';
import { EXPORT_TOOLING, readVexFile } from '../../../server/src/triage/vex-files';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { tempWorkspace } from '../../support/temp-workspace';

const DOCS = join(__dirname, '../../fixtures/documents');
const reader = new DocumentReader();
const read = (rel: string, text = readFileSync(join(DOCS, rel), 'utf8')) => readVexFile(join(DOCS, rel), text, reader);

/** VEX files as triage reads them: real documents of each format, and what it refuses or skips. */
describe('triage: reading VEX files', () => {
  const ROWS: Array<{ name: string; file: string; text?: string; statements?: (n: number) => boolean; errors?: RegExp; skipped?: RegExp }> = [
    { name: 'OpenVEX (trivy’s own file)', file: 'openvex/trivy.openvex.json', statements: (n) => n > 0 },
    { name: 'OpenVEX (vexctl)', file: 'openvex/vexctl-demo.openvex.json', statements: (n) => n === 1 },
    { name: 'CycloneDX VEX', file: 'cyclonedx-vex/bom-examples.vex.json', statements: (n) => n > 0 },
    { name: 'CSAF 2.0 VEX', file: 'csaf/oasis-2022-evd-uc-02-na-001.json', statements: (n) => n > 0 },
    { name: 'not JSON: refused whole, at its place', file: 'broken.openvex.json', text: '{\n  "@context": "https://openvex.dev/ns/v0.2.0",\n  "statements": [\n', errors: /./ },
    { name: "Chainsight's own export: skipped (a record of decisions, not a source)", file: 'export.json', text: JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', '@id': 'https://openvex.dev/docs/public/vex-x', author: 'Chainsight', timestamp: '2025-01-01T00:00:00Z', version: 1, tooling: `${EXPORT_TOOLING} (Chainsight 1.0.0)`, statements: [{ vulnerability: { name: 'CVE-2020-1' }, products: [{ '@id': 'pkg:npm/a' }], status: 'fixed' }] }), statements: (n) => n === 0, skipped: /chainsight scan --format openvex/ },
  ];
  for (const row of ROWS) {
    it(row.name, () => {
      const result = row.text === undefined ? read(row.file) : read(row.file, row.text);
      if (row.errors) {
        assert.ok(result.errors.length > 0);
        assert.equal(result.statements.length, 0);
        assert.match(result.errors[0]!.message, row.errors);
        return;
      }
      assert.deepEqual(result.errors, []);
      assert.ok(row.statements!(result.statements.length), String(result.statements.length));
      for (const s of result.statements) assert.deepEqual(s.source, { kind: 'file', path: join(DOCS, row.file) });
      if (row.skipped) assert.match(result.skipped ?? '', row.skipped);
    });
  }
});

describe('triage: finding VEX files', () => {
  const MATCH: Array<[string, boolean]> = [
    ['.chainsight/vex.openvex.json', true],
    ['sub/dir/team.vex.json', true],
    ['release/app.vex.cdx.json', true],
    ['security/csaf/2024/rhsa.json', true],
    ['bom.cdx.json', false],
    ['package.json', false],
  ];
  for (const [path, want] of MATCH) it(`the default globs ${want ? 'take' : 'leave'} ${path}`, () => assert.equal(vexFileMatcher(DEFAULT_SETTINGS.vex.files)(path), want));

  it('no globs: nothing', () => assert.equal(vexFileMatcher(['', ' '])('.chainsight/vex.openvex.json'), false));

  it('walks the folder as dependency discovery does: .chainsight reached, node_modules and .git skipped, folder links not followed', async () => {
    const ws = tempWorkspace({ '.chainsight/vex.openvex.json': '{}', 'app/csaf/a.json': '{}', 'node_modules/x/y.openvex.json': '{}', '.git/z.vex.json': '{}', 'other.json': '{}' });
    try {
      mkdirSync(ws.path('outside'));
      writeFileSync(ws.path('outside/linked.openvex.json'), '{}');
      symlinkSync(ws.path('outside'), ws.path('app/link'));
      const found = await discoverVexFiles(ws.root, DEFAULT_SETTINGS.vex.files, { exclude: ['outside'] });
      assert.deepEqual(found.paths.map((p) => relative(ws.root, p)), ['.chainsight/vex.openvex.json', 'app/csaf/a.json']);
      assert.equal(found.truncated, false);
    } finally {
      ws.dispose();
    }
  });

  it('paths: relative ones are the folder’s; outside the folder is not inside', () => {
    assert.equal(folderPath('/w', '.chainsight/policy.yaml'), '/w/.chainsight/policy.yaml');
    assert.equal(folderPath('/w', '/etc/policy.yaml'), '/etc/policy.yaml');
    assert.equal(relativeInside('/w', '/w/a/b.json'), 'a/b.json');
    assert.equal(relativeInside('/w', '/wx/b.json'), undefined);
    assert.equal(relativeInside('/w', '/w'), undefined);
  });
});
