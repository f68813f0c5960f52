import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { VexStatement } from '../../../server/src/documents/types';
import { GUAC_IMAGE_GIT, TRIVY_HELM, TRIVY_TSA, VEXCTL_BASH_INVESTIGATING, VEXCTL_GIT_FIXED } from '../../support/vex-statements';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'vex', 'openvex');

/** The hand-built statements the matching tests use say what the real documents say. */
describe('VEX statements built from the real OpenVEX documents', () => {
  const rows: Array<{ file: string; statement: VexStatement }> = [
    { file: 'trivy.openvex.json', statement: TRIVY_HELM },
    { file: 'trivy.openvex.json', statement: TRIVY_TSA },
    { file: 'vexctl-demo.openvex.json', statement: VEXCTL_GIT_FIXED },
    { file: 'guac-open-vex-not-affected.json', statement: GUAC_IMAGE_GIT },
    { file: 'vexctl-v001-1.openvex.json', statement: VEXCTL_BASH_INVESTIGATING },
  ];
  for (const { file, statement } of rows) {
    it(`${file}: ${statement.vulnerability.id}`, () => {
      const document = JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8'));
      const raw = document.statements.find((s: any) => (typeof s.vulnerability === 'string' ? s.vulnerability : s.vulnerability.name) === statement.vulnerability.id);
      assert.ok(raw, `no statement for ${statement.vulnerability.id} in ${file}`);
      assert.deepEqual(typeof raw.vulnerability === 'string' ? [] : raw.vulnerability.aliases ?? [], statement.vulnerability.aliases);
      assert.equal(raw.status, statement.status);
      assert.equal(raw.justification, statement.justification);
      assert.equal(raw.impact_statement, statement.impactStatement);
      assert.equal(raw.timestamp ?? document.timestamp, statement.timestamp);
      assert.equal(document.author, statement.author);
      const products = raw.products.map((p: any) => (typeof p === 'string' ? { id: p, subs: [] } : { id: p['@id'], subs: (p.subcomponents ?? []).map((c: any) => c['@id']) }));
      assert.deepEqual(
        products,
        statement.products.map((p) => ({ id: p.purl, subs: p.subcomponents.map((c) => c.purl) })),
      );
    });
  }
});
