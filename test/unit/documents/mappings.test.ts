import { strict as assert } from 'node:assert';
import { DEPENDENCY_RELATIONSHIPS } from '../../../server/src/documents/spdx/relationships';
import { VEX_JUSTIFICATIONS } from '../../../server/src/documents/types';
import { CSAF_FLAG_LABELS, CSAF_STATUSES, CYCLONEDX_JUSTIFICATIONS, CYCLONEDX_STATES } from '../../../server/src/documents/vex-mappings';
import { readText, sbomOf, vexOf } from './read-fixture';

/**
 * Every row of the mapping tables in docs/documents.md, each through a small hand-written document
 * read end to end (schema validation included), so a table edit without its doc or test fails here.
 */

const CYCLONEDX_STATE_ROWS: Array<[string, string]> = [
  ['resolved', 'fixed'],
  ['resolved_with_pedigree', 'fixed'],
  ['exploitable', 'affected'],
  ['in_triage', 'under_investigation'],
  ['false_positive', 'not_affected'],
  ['not_affected', 'not_affected'],
];

const CYCLONEDX_JUSTIFICATION_ROWS: Array<[string, string]> = [
  ['code_not_present', 'vulnerable_code_not_present'],
  ['code_not_reachable', 'vulnerable_code_not_in_execute_path'],
  ['requires_configuration', 'vulnerable_code_cannot_be_controlled_by_adversary'],
  ['requires_dependency', 'component_not_present'],
  ['requires_environment', 'vulnerable_code_cannot_be_controlled_by_adversary'],
  ['protected_by_compiler', 'inline_mitigations_already_exist'],
  ['protected_at_runtime', 'inline_mitigations_already_exist'],
  ['protected_at_perimeter', 'inline_mitigations_already_exist'],
  ['protected_by_mitigating_control', 'inline_mitigations_already_exist'],
];

const CSAF_STATUS_ROWS: Array<[string, string | undefined]> = [
  ['first_affected', 'affected'],
  ['known_affected', 'affected'],
  ['last_affected', 'affected'],
  ['known_not_affected', 'not_affected'],
  ['first_fixed', 'fixed'],
  ['fixed', 'fixed'],
  ['under_investigation', 'under_investigation'],
  ['recommended', undefined],
];

function cyclonedxVex(analysis: Record<string, unknown>): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    metadata: { component: { type: 'application', name: 'app', 'bom-ref': 'app', purl: 'pkg:npm/app@1.0.0' } },
    vulnerabilities: [{ id: 'CVE-2024-0001', references: [{ id: 'GHSA-aaaa-bbbb-cccc', source: { name: 'GitHub' } }], analysis, affects: [{ ref: 'app' }] }],
  });
}

function csafVex(status: string, flag?: string): string {
  return JSON.stringify({
    document: {
      category: 'csaf_vex',
      csaf_version: '2.0',
      publisher: { category: 'vendor', name: 'Example', namespace: 'https://example.com' },
      title: 'mapping row',
      tracking: {
        current_release_date: '2024-01-01T00:00:00Z',
        id: 'EX-1',
        initial_release_date: '2024-01-01T00:00:00Z',
        revision_history: [{ date: '2024-01-01T00:00:00Z', number: '1', summary: 'first' }],
        status: 'final',
        version: '1',
      },
    },
    product_tree: {
      full_product_names: [{ name: 'lib 1.0', product_id: 'P1', product_identification_helper: { purl: 'pkg:npm/lib@1.0.0' } }],
    },
    vulnerabilities: [
      {
        cve: 'CVE-2024-0001',
        product_status: { [status]: ['P1'] },
        ...(flag ? { flags: [{ label: flag, product_ids: ['P1'] }] } : {}),
        ...(status === 'known_not_affected' ? { threats: [{ category: 'impact', details: 'not reachable', product_ids: ['P1'] }] } : {}),
        ...(status.endsWith('affected') && status !== 'known_not_affected' ? { remediations: [{ category: 'vendor_fix', details: 'upgrade', product_ids: ['P1'] }] } : {}),
      },
    ],
  });
}

describe('documents: VEX mappings, row by row', () => {
  it('the tables hold exactly the rows documented', () => {
    assert.deepEqual(Object.entries(CYCLONEDX_STATES), CYCLONEDX_STATE_ROWS);
    assert.deepEqual(Object.entries(CYCLONEDX_JUSTIFICATIONS), CYCLONEDX_JUSTIFICATION_ROWS);
    assert.deepEqual(Object.entries(CSAF_STATUSES), CSAF_STATUS_ROWS.filter(([, v]) => v !== undefined));
    assert.deepEqual(Object.keys(CSAF_FLAG_LABELS), [...VEX_JUSTIFICATIONS]);
  });

  for (const [state, status] of CYCLONEDX_STATE_ROWS) {
    it(`CycloneDX analysis.state ${state} → ${status}`, () => {
      const vex = vexOf(readText('state.cdx.json', cyclonedxVex({ state, detail: 'why', response: ['update'] })));
      const [statement] = vex.statements;
      assert.deepEqual([statement?.status, statement?.sourceStatus], [status, state]);
      assert.deepEqual(statement?.vulnerability, { id: 'CVE-2024-0001', aliases: ['GHSA-aaaa-bbbb-cccc'] });
      assert.deepEqual(statement?.products, [{ purl: 'pkg:npm/app@1.0.0', subcomponents: [] }], 'affects ref resolved to its purl');
      assert.deepEqual([statement?.impactStatement, statement?.actionStatement], ['why', 'response: update']);
    });
  }

  for (const [justification, openvex] of CYCLONEDX_JUSTIFICATION_ROWS) {
    it(`CycloneDX analysis.justification ${justification} → ${openvex}`, () => {
      const [statement] = vexOf(readText('j.cdx.json', cyclonedxVex({ state: 'not_affected', justification }))).statements;
      assert.deepEqual([statement?.justification, statement?.sourceJustification], [openvex, justification]);
    });
  }

  it('a justification on a statement that is not not_affected is kept as written only', () => {
    const [statement] = vexOf(readText('j.cdx.json', cyclonedxVex({ state: 'exploitable', justification: 'code_not_present' }))).statements;
    assert.deepEqual([statement?.justification, statement?.sourceJustification], [undefined, 'code_not_present']);
  });

  it('CycloneDX affects[].versions: exact versions become versioned purls, ranges stay ranges, contradicting versions are left out', () => {
    const text = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: [{ type: 'library', name: 'lib', 'bom-ref': 'lib', purl: 'pkg:npm/lib' }],
      vulnerabilities: [
        {
          id: 'CVE-2024-0002',
          analysis: { state: 'exploitable' },
          affects: [{ ref: 'lib', versions: [{ version: '1.0.0', status: 'affected' }, { range: 'vers:npm/>=2.0.0|<2.3.0' }, { version: '3.0.0', status: 'unaffected' }] }],
        },
      ],
    });
    const result = readText('versions.cdx.json', text);
    const [statement] = sbomOf(result).vex;
    assert.deepEqual(statement?.products, [
      { purl: 'pkg:npm/lib@1.0.0', subcomponents: [] },
      { purl: 'pkg:npm/lib', versions: ['vers:npm/>=2.0.0|<2.3.0'], subcomponents: [] },
    ]);
    assert.ok(result.ok && result.warnings.some((w) => /whose status contradicts the analysis \(affected\) are left out/.test(w.message)));
  });

  for (const [csafStatus, status] of CSAF_STATUS_ROWS) {
    it(`CSAF product_status ${csafStatus} → ${status ?? 'no statement'}`, () => {
      const vex = vexOf(readText('row.csaf.json', csafVex(csafStatus)));
      if (status === undefined) return assert.deepEqual(vex.statements, []);
      const [statement] = vex.statements;
      assert.deepEqual([statement?.status, statement?.sourceStatus], [status, csafStatus]);
      assert.deepEqual(statement?.products, [{ purl: 'pkg:npm/lib@1.0.0', subcomponents: [] }]);
      if (status === 'not_affected') assert.equal(statement?.impactStatement, 'not reachable');
      if (status === 'affected') assert.equal(statement?.actionStatement, 'vendor_fix: upgrade');
    });
  }

  for (const label of VEX_JUSTIFICATIONS) {
    it(`CSAF flag ${label} → justification ${label}`, () => {
      const [statement] = vexOf(readText('flag.csaf.json', csafVex('known_not_affected', label))).statements;
      assert.deepEqual([statement?.justification, statement?.sourceJustification], [label, label]);
    });
  }

  for (const [type, direction] of Object.entries(DEPENDENCY_RELATIONSHIPS)) {
    it(`SPDX ${type}: ${direction === 'forward' ? 'A → B' : 'B → A'}`, () => {
      const document = {
        spdxVersion: 'SPDX-2.3',
        dataLicense: 'CC0-1.0',
        SPDXID: 'SPDXRef-DOCUMENT',
        name: 'row',
        documentNamespace: 'https://example.com/row',
        creationInfo: { created: '2024-01-01T00:00:00Z', creators: ['Tool: test'] },
        packages: ['A', 'B'].map((n) => ({ SPDXID: `SPDXRef-${n}`, name: n, downloadLocation: 'NOASSERTION' })),
        relationships: [{ spdxElementId: 'SPDXRef-A', relationshipType: type, relatedSpdxElement: 'SPDXRef-B' }],
      };
      const sbom = sbomOf(readText('row.spdx.json', JSON.stringify(document)));
      assert.deepEqual(sbom.dependencies, [direction === 'forward' ? { from: 'SPDXRef-A', to: 'SPDXRef-B' } : { from: 'SPDXRef-B', to: 'SPDXRef-A' }]);
    });
  }
});
