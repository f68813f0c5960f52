import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanFolder } from '../../../server/src/analysis/scan';
import { createLocalSource } from '../../../server/src/osv/local-source';
import { EXPORT_FORMATS } from '../../../server/src/protocol';
import { formatsFor, REPORT_FORMATS, reportFormat } from '../../../server/src/reports/formats';
import type { ReportInput } from '../../../server/src/reports/report-input';
import { tempWorkspace } from '../../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../../examples/npm-app');

describe('the report format registry', () => {
  let input: ReportInput;
  before(async () => {
    const { target, analysis } = await scanFolder(EXAMPLE, createLocalSource(join(EXAMPLE, 'osv')));
    input = { analysis, root: target.root, toolVersion: 'test', now: new Date('2026-01-01T00:00:00Z'), provenance: [] };
  });

  it('holds each format once, with a file name and media type', () => {
    assert.equal(new Set(REPORT_FORMATS.map((f) => f.id)).size, REPORT_FORMATS.length);
    assert.equal(new Set(REPORT_FORMATS.map((f) => f.fileName)).size, REPORT_FORMATS.length);
    for (const f of REPORT_FORMATS) assert.match(f.mediaType, /^(text|application)\/[a-z.+-]+$/, f.id);
  });

  it('offers the CLI the formats scan --format documents', () => {
    assert.deepEqual(formatsFor('cli').map((f) => f.id), ['table', 'sarif', 'cyclonedx', 'openvex', 'spdx', 'markdown', 'json']);
  });

  it("offers the editor's export exactly the protocol's formats, labels and order (the registry is the one list)", () => {
    assert.deepEqual(
      formatsFor('export').map(({ id, label, description }) => ({ id, label, description })),
      EXPORT_FORMATS.map(({ id, label, description }) => ({ id, label, description })),
    );
  });

  for (const format of REPORT_FORMATS) {
    it(`renders ${format.id}`, () => {
      const text = format.render(input);
      assert.ok(text.endsWith('\n'), format.id);
      if (format.mediaType.endsWith('json')) JSON.parse(text);
    });
  }

  it('finds a format by id', () => {
    assert.equal(reportFormat('sarif')?.fileName, 'chainsight.sarif');
    assert.equal(reportFormat('xml'), undefined);
  });
});

describe('advisories per package in human-readable reports', () => {
  it('the table and the Markdown report list at most the limit, and say how many more', async () => {
    const records = Object.fromEntries(
      Array.from({ length: 7 }, (_, i) => [
        `osv/GHSA-${i}.json`,
        JSON.stringify({ id: `GHSA-000${i}`, modified: '2024-01-01T00:00:00Z', summary: `issue ${i}`, affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }] }),
      ]),
    );
    const ws = tempWorkspace({ 'package.json': '{"dependencies":{"left-pad":"1.0.0"}}', ...records });
    try {
      const { target, analysis } = await scanFolder(ws.root, createLocalSource(ws.path('osv')));
      const input: ReportInput = { analysis, root: target.root, toolVersion: 'test', limits: { maxAdvisoriesPerPackage: 3 } };
      const table = reportFormat('table')!.render(input);
      assert.equal(table.split('\n').filter((l) => /GHSA-000\d/.test(l)).length, 3);
      assert.match(table, /left-pad@1\.0\.0\s+… and 4 more \(limit 3; --format json lists all\)/);
      const markdown = reportFormat('markdown')!.render(input);
      assert.equal(markdown.split('\n').filter((l) => /GHSA-000\d/.test(l)).length, 3);
      assert.match(markdown, /\| left-pad@1\.0\.0 \| … and 4 more \(limit 3; the JSON and SARIF reports list all\) \|/);
      assert.equal(JSON.parse(reportFormat('json')!.render(input)).findings[0].vulnerabilities.length, 7);
    } finally {
      ws.dispose();
    }
  });
});
