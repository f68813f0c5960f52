import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readDocument } from '../../server/src/documents';
import { EXPORT_FORMATS, exportReportRequest, type ExportFormat } from '../../server/src/protocol';
import { LspTestClient } from '../support/lsp-client';
import { cycloneDxErrors, sarifErrors } from '../support/schemas';
import { spdxErrors } from '../support/spdx-rules';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../examples/npm-app');

/**
 * What `Chainsight: Export Report…` saves, for every format it offers: the file name the save dialog
 * proposes, and content that a consumer of that format accepts, holding the workspace's findings.
 */
const FORMATS: Record<ExportFormat, { fileName: string; check(content: string): void }> = {
  markdown: { fileName: 'chainsight-report.md', check: (c) => assert.match(c, /^# Chainsight report[\s\S]*lodash@4\.17\.4 \|/) },
  sarif: {
    fileName: 'chainsight.sarif',
    check: (c) => {
      const log = JSON.parse(c);
      assert.deepEqual(sarifErrors(log), []);
      assert.ok(log.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'GHSA-jf85-cpcp-j695'));
    },
  },
  cyclonedx: {
    fileName: 'bom.cdx.json',
    check: (c) => {
      const bom = JSON.parse(c);
      assert.deepEqual(cycloneDxErrors(bom), []);
      assert.equal(bom.components.length, 51);
    },
  },
  openvex: {
    fileName: 'chainsight-vex.json',
    check: (c) => {
      // Read back by the OpenVEX reader, which validates against the OpenVEX 0.2.0 schema.
      const read = readDocument('chainsight-vex.json', c);
      assert.ok(read.ok, JSON.stringify(!read.ok && read.errors));
      assert.deepEqual(read.warnings, []);
      assert.equal(read.document.kind, 'vex');
      assert.ok(read.document.kind === 'vex' && read.document.statements.some((s) => s.vulnerability.id === 'GHSA-jf85-cpcp-j695' && s.status === 'affected'));
    },
  },
  spdx: {
    fileName: 'bom.spdx.json',
    check: (c) => {
      const doc = JSON.parse(c);
      assert.deepEqual(spdxErrors(doc), []);
      assert.equal(doc.packages.length, 52);
    },
  },
  json: {
    fileName: 'chainsight.json',
    check: (c) => {
      const report = JSON.parse(c);
      assert.equal(report.schemaVersion, 1);
      assert.equal(report.packages, 60);
      assert.equal(report.findings.length, 9);
    },
  },
  // Provenance checks are off in these tests (no registry), so the audit lists nothing, and says so.
  'verify-json': { fileName: 'chainsight-verify.json', check: (c) => assert.deepEqual(JSON.parse(c).packages, []) },
  'verify-table': { fileName: 'chainsight-verify.txt', check: (c) => assert.equal(typeof c, 'string') },
};

describe('language server over stdio: Export Report', function () {
  let ws: TempWorkspace;
  let client: LspTestClient;

  before(async () => {
    ws = tempWorkspace({ '.': { copyFrom: EXAMPLE } });
    client = await LspTestClient.start(ws.root, { osv: { offlineData: './osv' } });
    await client.waitForStatus((s) => s.state === 'ready');
  });

  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('offers exactly the formats tested here', () => {
    assert.deepEqual(EXPORT_FORMATS.map((f) => f.id).sort(), Object.keys(FORMATS).sort());
  });

  for (const { id: format } of EXPORT_FORMATS) {
    it(`exports ${format} as ${FORMATS[format].fileName}`, async () => {
      const result = await client.connection.sendRequest(exportReportRequest, { format });
      assert.equal(result.fileName, FORMATS[format].fileName);
      FORMATS[format].check(result.content);
    });
  }
});
