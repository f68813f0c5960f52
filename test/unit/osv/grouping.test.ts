import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assessPackage } from '../../../server/src/analysis/assess-package';
import { ecosystemByName } from '../../../server/src/ecosystems';
import { groupRecords } from '../../../server/src/osv/group';
import { parseRecord, readRecordFiles } from '../../../server/src/osv/record-files';
import type { OsvRecord } from '../../../server/src/osv/types';

const FIXTURES = join(__dirname, '../../fixtures');
const CORPUS = join(FIXTURES, 'osv-corpus');

async function loadRecords(): Promise<Map<string, OsvRecord>> {
  const byId = new Map<string, OsvRecord>();
  for (const location of ['records', 'PyPI.zip']) {
    for await (const file of readRecordFiles(join(CORPUS, location))) {
      const parsed = parseRecord(file);
      if ('error' in parsed) throw new Error(parsed.error);
      byId.set(parsed.record.id, parsed.record);
    }
  }
  for (const id of ['MAL-2025-46974']) byId.set(id, JSON.parse(readFileSync(join(FIXTURES, 'osv-npm', `${id}.json`), 'utf8')) as OsvRecord);
  return byId;
}

/**
 * Real alias chains: the records of one issue, from different databases, must show as one
 * vulnerability under the preferred id (GO / RUSTSEC, then GHSA, then PYSEC, CVE last), with every
 * other id in `aliases` and the most severe rating any of them gives.
 */
const TABLE: Array<{
  name: string;
  records: string[];
  ecosystem: string;
  package: string;
  version: string;
  want: { id: string; aliases: string[]; records: string[]; severity: string; score?: number };
}> = [
  {
    name: 'PyPI: PYSEC ↔ GHSA ↔ CVE; GitHub id shown, its CVSS rates the issue',
    records: ['PYSEC-2022-48', 'GHSA-77rm-9x9h-xj3g'],
    ecosystem: 'PyPI',
    package: 'protobuf',
    version: '3.14.0',
    want: { id: 'GHSA-77rm-9x9h-xj3g', aliases: ['PYSEC-2022-48', 'CVE-2021-22570'], records: ['GHSA-77rm-9x9h-xj3g', 'PYSEC-2022-48'], severity: 'high', score: 7.5 },
  },
  {
    name: 'PyPI: PYSEC ↔ GHSA for a name the file spells differently',
    records: ['PYSEC-2021-45', 'GHSA-p44j-xrqg-4xrr'],
    ecosystem: 'PyPI',
    package: 'Products.PluggableAuthService',
    version: '2.6.0',
    want: { id: 'GHSA-p44j-xrqg-4xrr', aliases: ['PYSEC-2021-45', 'CVE-2021-21337'], records: ['GHSA-p44j-xrqg-4xrr', 'PYSEC-2021-45'], severity: 'unknown' },
  },
  {
    name: 'Go: GO ↔ GHSA; GO id shown, severity from the GitHub record (the GO record has none)',
    records: ['GO-2021-0053', 'GHSA-c3h9-896r-86jm'],
    ecosystem: 'Go',
    package: 'github.com/gogo/protobuf',
    version: 'v1.3.1',
    want: { id: 'GO-2021-0053', aliases: ['GHSA-c3h9-896r-86jm', 'CVE-2021-3121'], records: ['GO-2021-0053', 'GHSA-c3h9-896r-86jm'], severity: 'high', score: 8.6 },
  },
  {
    name: 'Go: GO ↔ GHSA with database_specific severity only',
    records: ['GHSA-vvpx-j8f3-3w6h', 'GO-2023-1571'],
    ecosystem: 'Go',
    package: 'golang.org/x/net',
    version: 'v0.6.0',
    want: { id: 'GO-2023-1571', aliases: ['GHSA-vvpx-j8f3-3w6h', 'CVE-2022-41723'], records: ['GO-2023-1571', 'GHSA-vvpx-j8f3-3w6h'], severity: 'high' },
  },
  {
    name: 'crates.io: RUSTSEC ↔ GHSA; RUSTSEC id shown',
    records: ['GHSA-m5pq-gvj9-9vr8', 'RUSTSEC-2022-0013'],
    ecosystem: 'crates.io',
    package: 'regex',
    version: '1.5.4',
    want: { id: 'RUSTSEC-2022-0013', aliases: ['GHSA-m5pq-gvj9-9vr8', 'CVE-2022-24713'], records: ['RUSTSEC-2022-0013', 'GHSA-m5pq-gvj9-9vr8'], severity: 'high', score: 7.5 },
  },
  {
    name: 'crates.io: joined through the shared CVE (the GHSA record does not name the RUSTSEC id)',
    records: ['GHSA-wcg3-cvx6-7396', 'RUSTSEC-2020-0071'],
    ecosystem: 'crates.io',
    package: 'time',
    version: '0.2.7',
    want: { id: 'RUSTSEC-2020-0071', aliases: ['GHSA-wcg3-cvx6-7396', 'CVE-2020-26235'], records: ['RUSTSEC-2020-0071', 'GHSA-wcg3-cvx6-7396'], severity: 'moderate', score: 6.2 },
  },
  {
    name: 'crates.io: GHSA with two affected entries for the package, one issue',
    records: ['RUSTSEC-2021-0003', 'GHSA-43w2-9j62-hq99'],
    ecosystem: 'crates.io',
    package: 'smallvec',
    version: '1.4.0',
    want: { id: 'RUSTSEC-2021-0003', aliases: ['GHSA-43w2-9j62-hq99', 'CVE-2021-25900'], records: ['RUSTSEC-2021-0003', 'GHSA-43w2-9j62-hq99'], severity: 'critical', score: 9.8 },
  },
];

describe('osv/group: one issue, one vulnerability (real alias chains)', () => {
  let records: Map<string, OsvRecord>;
  before(async () => {
    records = await loadRecords();
  });
  const get = (id: string): OsvRecord => {
    const found = records.get(id);
    if (!found) throw new Error(`fixture record ${id} is missing`);
    return found;
  };

  for (const row of TABLE) {
    it(row.name, () => {
      const eco = ecosystemByName(row.ecosystem)!;
      const assessment = assessPackage(row.records.map(get), eco, row.package, row.version);
      assert.equal(assessment?.vulnerabilities.length, 1, 'one vulnerability');
      const [v] = assessment!.vulnerabilities;
      assert.equal(v!.id, row.want.id);
      assert.deepEqual(v!.aliases, row.want.aliases);
      assert.deepEqual(v!.records, row.want.records);
      assert.equal(v!.severity, row.want.severity);
      if (row.want.score !== undefined) assert.equal(v!.score, row.want.score);
      // The order records arrive in does not change the answer.
      const reversed = assessPackage([...row.records].reverse().map(get), eco, row.package, row.version);
      assert.deepEqual(reversed?.vulnerabilities, assessment!.vulnerabilities);
    });
  }

  it('"related" is not an alias: RUSTSEC-2020-0159 stays apart from RUSTSEC-2020-0071', () => {
    const groups = groupRecords([get('RUSTSEC-2020-0071'), get('RUSTSEC-2020-0159'), get('GHSA-wcg3-cvx6-7396')]);
    assert.deepEqual(groups.map((g) => g.map((r) => r.id)).sort(), [['RUSTSEC-2020-0071', 'GHSA-wcg3-cvx6-7396'], ['RUSTSEC-2020-0159']].sort());
  });

  it('different issues for one package stay separate (django 3.2.18, seven PYSEC records)', () => {
    const pypi = ecosystemByName('PyPI')!;
    const django = [...records.values()].filter((r) => r.affected?.some((a) => a.package?.ecosystem === 'PyPI' && a.package.name === 'django'));
    const assessment = assessPackage(django, pypi, 'Django', '3.2.18')!;
    const ids = assessment.vulnerabilities.map((v) => v.id);
    assert.equal(ids.length, 7);
    assert.equal(new Set(ids).size, 7);
    assert.ok(assessment.vulnerabilities.every((v) => v.records.length === 1));
  });

  it('a stdlib advisory is shown under its GO id even though its GitHub alias names only x/net', () => {
    const go = ecosystemByName('Go')!;
    const assessment = assessPackage([get('GO-2023-1571'), get('GHSA-vvpx-j8f3-3w6h')], go, 'stdlib', 'go1.19.5')!;
    assert.deepEqual(
      assessment.vulnerabilities.map((v) => [v.id, v.records]),
      [['GO-2023-1571', ['GO-2023-1571']]],
    );
    assert.deepEqual(assessment.vulnerabilities[0]!.aliases, ['GHSA-vvpx-j8f3-3w6h', 'CVE-2022-41723']);
  });

  describe('malicious-package records are always critical', () => {
    it('MAL record for PyPI', () => {
      const pypi = ecosystemByName('PyPI')!;
      const [v] = assessPackage([get('MAL-2024-10238')], pypi, '123bla', '0.0.1')!.vulnerabilities;
      assert.equal(v!.id, 'MAL-2024-10238');
      assert.equal(v!.severity, 'critical');
      assert.equal(v!.malicious, true);
    });

    it('MAL record for npm that GitHub also published: the GHSA id is shown, still critical', () => {
      const npm = ecosystemByName('npm')!;
      const [v] = assessPackage([get('MAL-2025-46974')], npm, 'debug', '4.4.2')!.vulnerabilities;
      assert.equal(v!.id, 'GHSA-4x49-vf9v-38px');
      assert.deepEqual(v!.aliases, ['GHSA-8mgj-vmr8-frr6', 'MAL-2025-46974']);
      assert.equal(v!.severity, 'critical');
      assert.equal(v!.malicious, true);
    });

    it('grouped with a record that rates it lower, the issue stays critical', () => {
      const npm = ecosystemByName('npm')!;
      // A GitHub record for the same malware rated LOW (constructed here: the shape of GHSA's
      // malware records, with a deliberately low rating).
      const ghsa: OsvRecord = {
        id: 'GHSA-8mgj-vmr8-frr6',
        modified: '2025-09-09T00:00:00Z',
        database_specific: { severity: 'LOW' },
        affected: [{ package: { ecosystem: 'npm', name: 'debug' }, versions: ['4.4.2'] }],
      };
      const assessment = assessPackage([ghsa, get('MAL-2025-46974')], npm, 'debug', '4.4.2')!;
      assert.equal(assessment.vulnerabilities.length, 1);
      assert.deepEqual(assessment.vulnerabilities[0]!.records, ['GHSA-8mgj-vmr8-frr6', 'MAL-2025-46974']);
      assert.equal(assessment.vulnerabilities[0]!.severity, 'critical');
      assert.equal(assessment.vulnerabilities[0]!.malicious, true);
    });

    it('grouped with a record whose CVSS 9.8 wins the rating, the issue is still marked malicious', () => {
      // Regression: `malicious` came from the record that gave the rating; a critical CVSS score
      // outranked the MAL record's score-less "critical", and the hover lost "malicious package".
      const npm = ecosystemByName('npm')!;
      const ghsa: OsvRecord = {
        id: 'GHSA-8mgj-vmr8-frr6',
        modified: '2025-09-09T00:00:00Z',
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
        affected: [{ package: { ecosystem: 'npm', name: 'debug' }, versions: ['4.4.2'] }],
      };
      const [v] = assessPackage([ghsa, get('MAL-2025-46974')], npm, 'debug', '4.4.2')!.vulnerabilities;
      assert.equal(v!.severity, 'critical');
      assert.equal(v!.score, 9.8);
      assert.equal(v!.malicious, true);
    });
  });
});
