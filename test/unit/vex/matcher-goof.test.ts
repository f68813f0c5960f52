import * as assert from 'node:assert/strict';
import type { VexStatement } from '../../../server/src/documents/types';
import { VexMatcher } from '../../../server/src/vex/matcher';
import type { VexMatch } from '../../../server/src/vex/types';
import { scanGoof, type GoofScan } from '../../support/goof-scan';
import { fromFile, handStatement, vexProduct as product } from '../../support/vex-statements';

const NOW = () => Date.parse('2025-09-01T12:00:00Z');
const FILE = '/goof/.chainsight/vex.openvex.json';
const GOOF = 'pkg:npm/goof';

interface Row {
  name: string;
  statements: VexStatement[];
  /** The finding: name@version, optionally the direct dependency it is reached through. */
  finding: [string, string, string?];
  vulnerability: string;
  /** Expected decision (status/scope), or undefined for none; `paths` per path in the finding's order. */
  want?: { status: string; scope: string; suppressed: boolean; statement?: number };
  paths?: Array<string | undefined>;
}

/**
 * Statements a team would write for the real nodejs-goof scan, and what each decides. `statement`
 * is the index of the statement expected to win.
 */
const ROWS: Row[] = [
  {
    name: 'the project and its lodash@4.17.4, named by the CVE alias',
    statements: [handStatement({ id: 'CVE-2019-10744', products: [product(GOOF, ['pkg:npm/lodash@4.17.4'])], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' })],
    finding: ['lodash', '4.17.4'],
    vulnerability: 'GHSA-jf85-cpcp-j695',
    want: { status: 'not_affected', scope: 'project-dependency', suppressed: true, statement: 0 },
  },
  {
    name: 'a versioned subcomponent leaves the other lodash versions alone',
    statements: [handStatement({ id: 'CVE-2019-10744', products: [product(GOOF, ['pkg:npm/lodash@4.17.4'])], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' })],
    finding: ['lodash', '4.17.10'],
    vulnerability: 'GHSA-jf85-cpcp-j695',
  },
  {
    name: 'a version-less subcomponent covers every lodash version',
    statements: [handStatement({ id: 'GHSA-jf85-cpcp-j695', products: [product(GOOF, ['pkg:npm/lodash'])], status: 'not_affected', justification: 'vulnerable_code_not_present' })],
    finding: ['lodash', '4.17.10'],
    vulnerability: 'GHSA-jf85-cpcp-j695',
    want: { status: 'not_affected', scope: 'project-dependency', suppressed: true, statement: 0 },
  },
  {
    name: 'the project at its own version',
    statements: [handStatement({ id: 'GHSA-jf85-cpcp-j695', products: [product('pkg:npm/goof@1.0.1', ['pkg:npm/lodash'])], status: 'fixed' })],
    finding: ['lodash', '4.17.4'],
    vulnerability: 'GHSA-jf85-cpcp-j695',
    want: { status: 'fixed', scope: 'project-dependency', suppressed: true, statement: 0 },
  },
  {
    name: 'the project at another version is another product',
    statements: [handStatement({ id: 'GHSA-jf85-cpcp-j695', products: [product('pkg:npm/goof@2.0.0', ['pkg:npm/lodash'])], status: 'fixed' })],
    finding: ['lodash', '4.17.4'],
    vulnerability: 'GHSA-jf85-cpcp-j695',
  },
  {
    name: 'the dependency itself as the product applies wherever it is used',
    statements: [handStatement({ id: 'GHSA-35jh-r3h4-6jhm', products: [product('pkg:npm/lodash@4.17.15')], status: 'not_affected', justification: 'vulnerable_code_not_present' })],
    finding: ['lodash', '4.17.15', 'snyk'],
    vulnerability: 'GHSA-35jh-r3h4-6jhm',
    want: { status: 'not_affected', scope: 'dependency', suppressed: true, statement: 0 },
  },
  {
    name: 'the project alone as the product: every package with the vulnerability',
    statements: [handStatement({ id: 'CVE-2022-25883', products: [product(GOOF)], status: 'under_investigation' })],
    finding: ['semver', '1.1.4'],
    vulnerability: 'GHSA-c2qf-rxjj-qqgw',
    want: { status: 'under_investigation', scope: 'project', suppressed: false, statement: 0 },
  },
  {
    name: 'narrowed to the path through snyk: xml2js stays affected through typeorm',
    statements: [handStatement({ id: 'GHSA-776f-qx25-q3cc', products: [product('pkg:npm/snyk@1.278.1', ['pkg:npm/xml2js@0.4.23'])], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' })],
    finding: ['xml2js', '0.4.23'],
    vulnerability: 'GHSA-776f-qx25-q3cc',
    paths: [undefined, 'not_affected'],
  },
  {
    name: 'narrowed to both paths: xml2js is not affected',
    statements: [
      handStatement({ id: 'GHSA-776f-qx25-q3cc', products: [product('pkg:npm/snyk@1.278.1', ['pkg:npm/xml2js@0.4.23'])], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' }),
      handStatement({ id: 'GHSA-776f-qx25-q3cc', products: [product('pkg:npm/typeorm', ['pkg:npm/xml2js'])], status: 'not_affected', justification: 'vulnerable_code_cannot_be_controlled_by_adversary' }),
    ],
    finding: ['xml2js', '0.4.23'],
    vulnerability: 'GHSA-776f-qx25-q3cc',
    want: { status: 'not_affected', scope: 'path', suppressed: true, statement: 1 },
    paths: ['not_affected', 'not_affected'],
  },
  {
    name: 'an intermediate package on the path as the product (snyk > @snyk/dep-graph > lodash)',
    statements: [handStatement({ id: 'GHSA-jf85-cpcp-j695', products: [product('pkg:npm/%40snyk/dep-graph@1.13.1', ['pkg:npm/lodash@4.17.4'])], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' })],
    finding: ['lodash', '4.17.4'],
    vulnerability: 'GHSA-jf85-cpcp-j695',
    paths: [undefined, 'not_affected'],
  },
  {
    name: 'paths that disagree: the finding is as loud as its loudest path',
    statements: [
      handStatement({ id: 'GHSA-776f-qx25-q3cc', products: [product('pkg:npm/snyk@1.278.1', ['pkg:npm/xml2js@0.4.23'])], status: 'under_investigation' }),
      handStatement({ id: 'GHSA-776f-qx25-q3cc', products: [product(GOOF, ['pkg:npm/xml2js@0.4.23'])], status: 'not_affected', justification: 'vulnerable_code_not_present' }),
    ],
    finding: ['xml2js', '0.4.23'],
    vulnerability: 'GHSA-776f-qx25-q3cc',
    want: { status: 'under_investigation', scope: 'path', suppressed: false, statement: 0 },
    paths: ['not_affected', 'under_investigation'],
  },
  {
    name: 'the project and its dependency beat the dependency anywhere',
    statements: [
      handStatement({ id: 'GHSA-jf85-cpcp-j695', products: [product('pkg:npm/lodash@4.17.4')], status: 'not_affected', justification: 'vulnerable_code_not_present', timestamp: '2025-08-01T00:00:00Z' }),
      handStatement({ id: 'GHSA-jf85-cpcp-j695', products: [product(GOOF, ['pkg:npm/lodash'])], status: 'under_investigation', timestamp: '2025-01-01T00:00:00Z' }),
    ],
    finding: ['lodash', '4.17.4'],
    vulnerability: 'GHSA-jf85-cpcp-j695',
    want: { status: 'under_investigation', scope: 'project-dependency', suppressed: false, statement: 1 },
  },
  {
    name: 'within a scope the versioned purl beats the version-less one, even when older',
    statements: [
      handStatement({ id: 'GHSA-jf85-cpcp-j695', products: [product(GOOF, ['pkg:npm/lodash'])], status: 'not_affected', justification: 'vulnerable_code_not_present', timestamp: '2025-08-01T00:00:00Z' }),
      handStatement({ id: 'GHSA-jf85-cpcp-j695', products: [product(GOOF, ['pkg:npm/lodash@4.17.4'])], status: 'under_investigation', timestamp: '2024-01-01T00:00:00Z' }),
    ],
    finding: ['lodash', '4.17.4'],
    vulnerability: 'GHSA-jf85-cpcp-j695',
    want: { status: 'under_investigation', scope: 'project-dependency', suppressed: false, statement: 1 },
  },
  {
    name: 'then the latest statement wins',
    statements: [
      handStatement({ id: 'GHSA-jf85-cpcp-j695', products: [product(GOOF, ['pkg:npm/lodash@4.17.4'])], status: 'not_affected', justification: 'vulnerable_code_not_present', timestamp: '2025-08-01T00:00:00Z' }),
      handStatement({ id: 'CVE-2019-10744', products: [product(GOOF, ['pkg:npm/lodash@4.17.4'])], status: 'under_investigation', timestamp: '2025-03-01T00:00:00Z' }),
    ],
    finding: ['lodash', '4.17.4'],
    vulnerability: 'GHSA-jf85-cpcp-j695',
    want: { status: 'not_affected', scope: 'project-dependency', suppressed: true, statement: 0 },
  },
  {
    name: 'a version range on a version-less product (CycloneDX affects.versions): inside',
    statements: [handStatement({ id: 'GHSA-jf85-cpcp-j695', products: [{ purl: 'pkg:npm/lodash', versions: ['vers:npm/>=4.17.0|<4.17.12'], subcomponents: [] }], status: 'fixed' })],
    finding: ['lodash', '4.17.10'],
    vulnerability: 'GHSA-jf85-cpcp-j695',
    want: { status: 'fixed', scope: 'dependency', suppressed: true, statement: 0 },
  },
  {
    name: 'a version range on a version-less product: outside',
    statements: [handStatement({ id: 'GHSA-35jh-r3h4-6jhm', products: [{ purl: 'pkg:npm/lodash', versions: ['vers:npm/>=4.17.0|<4.17.12'], subcomponents: [] }], status: 'fixed' })],
    finding: ['lodash', '4.17.15', 'snyk'],
    vulnerability: 'GHSA-35jh-r3h4-6jhm',
  },
  {
    name: 'an accepted risk suppresses until its date',
    statements: [handStatement({ id: 'GHSA-9wcg-jrwf-8gg7', products: [product(GOOF, ['pkg:npm/express-fileupload@0.0.5'])], status: 'affected', actionStatement: 'Risk accepted until 2025-09-01: upload route disabled', expires: '2025-09-01' })],
    finding: ['express-fileupload', '0.0.5'],
    vulnerability: 'GHSA-9wcg-jrwf-8gg7',
    want: { status: 'affected', scope: 'project-dependency', suppressed: true, statement: 0 },
  },
  {
    name: 'an accepted risk past its date is affected again',
    statements: [handStatement({ id: 'GHSA-9wcg-jrwf-8gg7', products: [product(GOOF, ['pkg:npm/express-fileupload@0.0.5'])], status: 'affected', actionStatement: 'Risk accepted until 2025-08-31: upload route disabled', expires: '2025-08-31' })],
    finding: ['express-fileupload', '0.0.5'],
    vulnerability: 'GHSA-9wcg-jrwf-8gg7',
    want: { status: 'affected', scope: 'project-dependency', suppressed: false, statement: 0 },
  },
];

describe('VEX matching on the nodejs-goof scan', () => {
  let goof: GoofScan;
  before(async () => {
    goof = await scanGoof();
  });

  for (const row of ROWS) {
    it(row.name, () => {
      const sourced = row.statements.map((s) => fromFile(s, FILE));
      const { finding, subject } = goof.finding(...row.finding);
      const match: VexMatch = new VexMatcher(sourced, { now: NOW }).match(subject, goof.vulnerability(finding, row.vulnerability));
      if (row.want) {
        const d = match.decision;
        assert.ok(d, 'expected a decision');
        assert.deepEqual({ status: d.status, scope: d.scope, suppressed: d.suppressed }, { status: row.want.status, scope: row.want.scope, suppressed: row.want.suppressed });
        assert.equal(d.matched, sourced[row.want.statement ?? 0]);
      } else {
        assert.equal(match.decision, undefined);
      }
      if (row.paths) {
        assert.deepEqual(
          match.byPath?.map((p) => p.decision?.status),
          row.paths,
          `paths: ${subject.paths.map((p) => p.purls[0]).join(', ')}`,
        );
      } else {
        assert.equal(match.byPath, undefined);
      }
    });
  }

  it('expiry and review carry the statement, its range and dates', () => {
    const range = { start: { line: 12, character: 4 }, end: { line: 30, character: 5 } };
    const statement = { ...handStatement({ id: 'GHSA-9wcg-jrwf-8gg7', products: [product(GOOF, ['pkg:npm/express-fileupload@0.0.5'])], status: 'affected', actionStatement: 'Risk accepted until 2022-01-31: upload route disabled', expires: '2022-01-31', timestamp: '2022-01-10T09:00:00Z' }), range };
    const { finding, subject } = goof.finding('express-fileupload', '0.0.5');
    const vulnerability = goof.vulnerability(finding, 'GHSA-9wcg-jrwf-8gg7');
    const d = new VexMatcher([fromFile(statement, FILE)], { now: NOW }).match(subject, vulnerability).decision!;
    assert.deepEqual(
      { status: d.status, expired: d.expired, acceptedUntil: d.acceptedUntil, suppressed: d.suppressed, review: d.review, source: d.source, statement: d.statement },
      { status: 'affected', expired: true, acceptedUntil: '2022-01-31', suppressed: false, review: { modified: '2022-05-04T02:19:36Z' }, source: { file: FILE, range }, statement: 'Risk accepted until 2022-01-31: upload route disabled' },
    );
  });

  it('a statement made after the advisory last changed needs no review', () => {
    const statement = handStatement({ id: 'GHSA-9wcg-jrwf-8gg7', products: [product(GOOF, ['pkg:npm/express-fileupload'])], status: 'not_affected', justification: 'vulnerable_code_not_present', timestamp: '2022-05-04T02:19:37Z' });
    const { finding, subject } = goof.finding('express-fileupload', '0.0.5');
    const d = new VexMatcher([fromFile(statement, FILE)], { now: NOW }).match(subject, goof.vulnerability(finding, 'GHSA-9wcg-jrwf-8gg7')).decision!;
    assert.equal(d.review, undefined);
  });
});
