import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assessPackage } from '../../../server/src/analysis/assess-package';
import { ecosystemByName } from '../../../server/src/ecosystems';
import { recordAffects } from '../../../server/src/osv/match';
import { parseRecord, readRecordFiles } from '../../../server/src/osv/record-files';
import { RecordIndex } from '../../../server/src/osv/record-index';

const CORPUS = join(__dirname, '../../fixtures/osv-corpus');

/**
 * "Fixed in" on each vulnerability is the lowest fixed version above the installed one, across all
 * ranges and entries of its records; `fix` on the package is the smallest of those versions that no
 * known record affects. Every record the corpus has for the package is handed in, as a scan would.
 */
const TABLE: Array<{ name: string; ecosystem: string; package: string; version: string; fixedIn: Record<string, string | undefined>; fix: string | undefined }> = [
  {
    name: 'the 2.x line of a record with 1.x, 2.x and 3.x fixes gets the 2.x fix',
    ecosystem: 'PyPI',
    package: 'django-debug-toolbar',
    version: '2.0',
    fixedIn: { 'GHSA-pghf-347x-c2gj': '2.2.1' },
    fix: '2.2.1',
  },
  { name: 'the 1.x line of the same record', ecosystem: 'PyPI', package: 'django-debug-toolbar', version: '1.9', fixedIn: { 'GHSA-pghf-347x-c2gj': '1.11.1' }, fix: '1.11.1' },
  { name: 'the 3.x line, a pre-release', ecosystem: 'PyPI', package: 'django-debug-toolbar', version: '3.2a1', fixedIn: { 'GHSA-pghf-347x-c2gj': '3.2.1' }, fix: '3.2.1' },
  {
    name: 'several affected entries (GHSA) and one multi-interval entry (RUSTSEC), grouped: the 0.6 line',
    ecosystem: 'crates.io',
    package: 'smallvec',
    version: '0.6.10',
    fixedIn: { 'RUSTSEC-2021-0003': '0.6.14' },
    fix: '0.6.14',
  },
  { name: 'the same, 1.x line', ecosystem: 'crates.io', package: 'smallvec', version: '1.4.0', fixedIn: { 'RUSTSEC-2021-0003': '1.6.1' }, fix: '1.6.1' },
  { name: 'four affected entries for one gem: the 6.0 line', ecosystem: 'RubyGems', package: 'actionpack', version: '6.0.0', fixedIn: { 'GHSA-8xww-x3g3-6jcv': '6.0.6.1' }, fix: '6.0.6.1' },
  { name: 'four affected entries for one gem: the 7.0 line', ecosystem: 'RubyGems', package: 'actionpack', version: '7.0.4', fixedIn: { 'GHSA-8xww-x3g3-6jcv': '7.0.4.1' }, fix: '7.0.4.1' },
  { name: 'four affected entries for one gem: the introduced "0" entry', ecosystem: 'RubyGems', package: 'actionpack', version: '5.2.0', fixedIn: { 'GHSA-8xww-x3g3-6jcv': '5.2.8.15' }, fix: '5.2.8.15' },
  { name: 'Go stdlib: a release candidate gets the fix of its own line', ecosystem: 'Go', package: 'stdlib', version: 'go1.20rc3', fixedIn: { 'GO-2023-1571': '1.20.1' }, fix: '1.20.1' },
  { name: 'Go stdlib: the older line', ecosystem: 'Go', package: 'stdlib', version: 'go1.19.5', fixedIn: { 'GO-2023-1571': '1.19.6' }, fix: '1.19.6' },
  {
    name: 'fix skips a candidate another record affects: jinja2 2.10.1 fixes one issue and is hit by another',
    ecosystem: 'PyPI',
    package: 'Jinja2',
    version: '2.10',
    fixedIn: { 'GHSA-462w-v97r-4m45': '2.10.1', 'GHSA-g3rq-g295-4j3m': '2.11.3' },
    fix: '2.11.3',
  },
  {
    name: 'fix skips two candidates: urllib3 1.26.5 and 1.26.17',
    ecosystem: 'PyPI',
    package: 'urllib3',
    version: '1.26.4',
    fixedIn: { 'GHSA-q2q7-5pp4-w6pg': '1.26.5', 'GHSA-v845-jxx5-vc9f': '1.26.17', 'GHSA-g4mx-q9vg-27p4': '1.26.18' },
    fix: '1.26.18',
  },
  {
    name: 'fix on the installed major line, not the lowest fix of another line (urllib3 2.0.6 is above 1.26.18)',
    ecosystem: 'PyPI',
    package: 'urllib3',
    version: '2.0.5',
    fixedIn: { 'GHSA-v845-jxx5-vc9f': '2.0.6', 'GHSA-g4mx-q9vg-27p4': '2.0.7' },
    fix: '2.0.7',
  },
  {
    name: 'the upgrade keeps the installed release variant: the records fix 32.0.0-android, a -jre user gets 32.0.0-jre',
    ecosystem: 'Maven',
    package: 'com.google.guava:guava',
    version: '31.1-jre',
    fixedIn: { 'GHSA-5mg8-w23w-74h3': '32.0.0-android', 'GHSA-7g45-4rm6-3mm3': '32.0.0-android' },
    fix: '32.0.0-jre',
  },
  {
    name: 'an -android user skips 24.1.1-android (still affected by two records) for 32.0.0-android',
    ecosystem: 'Maven',
    package: 'com.google.guava:guava',
    version: '24.0-android',
    fixedIn: { 'GHSA-5mg8-w23w-74h3': '32.0.0-android', 'GHSA-7g45-4rm6-3mm3': '32.0.0-android', 'GHSA-mvr2-9pj6-7w5j': '24.1.1-android' },
    fix: '32.0.0-android',
  },
  {
    name: 'a version without a variant gets the fix as the records name it',
    ecosystem: 'Maven',
    package: 'com.google.guava:guava',
    version: '20.0',
    fixedIn: { 'GHSA-5mg8-w23w-74h3': '32.0.0-android', 'GHSA-7g45-4rm6-3mm3': '32.0.0-android', 'GHSA-mvr2-9pj6-7w5j': '24.1.1-android' },
    fix: '32.0.0-android',
  },
  { name: 'no fix when the only bound is last_affected', ecosystem: 'PyPI', package: 'py', version: '1.11.0', fixedIn: { 'GHSA-w596-4wvx-j9j6': undefined }, fix: undefined },
  {
    name: 'no fix when every record ends in last_affected (log4j 1.x, five records)',
    ecosystem: 'Maven',
    package: 'log4j:log4j',
    version: '1.2.17',
    fixedIn: { 'GHSA-2qrg-x229-3v8q': undefined, 'GHSA-65fg-84f6-3jq3': undefined, 'GHSA-f7vh-qwp3-x37m': undefined, 'GHSA-fp5r-v3w9-4333': undefined, 'GHSA-w9p3-5cr8-m3jj': undefined },
    fix: undefined,
  },
];

describe('fixed in: the lowest fix above the installed version', () => {
  const index = new RecordIndex();
  before(async () => {
    for (const location of ['records', 'PyPI.zip', 'Maven.zip']) {
      for await (const file of readRecordFiles(join(CORPUS, location))) {
        const parsed = parseRecord(file);
        if ('error' in parsed) throw new Error(parsed.error);
        index.add(parsed.record);
      }
    }
  });

  for (const row of TABLE) {
    it(`${row.ecosystem} ${row.package}@${row.version}: ${row.name}`, () => {
      const eco = ecosystemByName(row.ecosystem)!;
      const records = index.lookup(row.ecosystem, row.package);
      const assessment = assessPackage(records, eco, row.package, row.version);
      assert.ok(assessment);
      assert.deepEqual(Object.fromEntries(assessment.vulnerabilities.map((v) => [v.id, v.fixed])), row.fixedIn);
      assert.equal(assessment.fix?.version, row.fix);
      if (row.fix !== undefined) {
        // The suggested version is clean against every record, and it fixes every issue.
        const fixed = eco.scheme.parse(row.fix);
        assert.deepEqual(records.filter((r) => recordAffects(r, eco, row.package, fixed) === 'affected').map((r) => r.id), []);
        assert.equal(assessment.fix?.fixes, assessment.vulnerabilities.length);
      }
    });
  }

  it('the fix is the first clean candidate: every lower fixed version above the installed one is still affected', () => {
    const pypi = ecosystemByName('PyPI')!;
    const records = index.lookup('PyPI', 'django');
    const assessment = assessPackage(records, pypi, 'django', '3.2.18')!;
    assert.equal(assessment.fix?.version, '3.2.25');
    assert.equal(assessment.fix?.major, false);
    for (const lower of ['3.2.19', '3.2.20', '3.2.21', '3.2.22', '3.2.23', '3.2.24']) {
      const v = pypi.scheme.parse(lower);
      assert.ok(records.some((r) => recordAffects(r, pypi, 'django', v) === 'affected'), `${lower} is still affected`);
    }
  });

  it('a fix across a major version says so', () => {
    const pypi = ecosystemByName('PyPI')!;
    const assessment = assessPackage(index.lookup('PyPI', 'pillow'), pypi, 'Pillow', '9.0.0')!;
    assert.equal(assessment.fix?.version, '10.0.1');
    assert.equal(assessment.fix?.major, true);
  });
});
