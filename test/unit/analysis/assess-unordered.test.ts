import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assessPackage } from '../../../server/src/analysis/assess-package';
import { parseDependencyFile } from '../../../server/src/analysis/dependency-file';
import { analyzeUnit } from '../../../server/src/analysis/unit';
import { dependencyHover } from '../../../server/src/service/hover-content';
import { ecosystemByName } from '../../../server/src/ecosystems';
import type { Ecosystem } from '../../../server/src/ecosystems/types';
import { parseRecord, readRecordFiles } from '../../../server/src/osv/record-files';
import type { OsvRecord } from '../../../server/src/osv/types';

const CORPUS = join(__dirname, '../../fixtures/osv-corpus');
const ecosystem = (name: string): Ecosystem => ecosystemByName(name)!;

async function pypiRecord(id: string): Promise<OsvRecord> {
  for await (const file of readRecordFiles(join(CORPUS, 'PyPI.zip'))) {
    const parsed = parseRecord(file);
    if (!('error' in parsed) && parsed.record.id === id) return parsed.record;
  }
  throw new Error(`no ${id}`);
}

/** A record with an ordinary range, so an unorderable installed version has something to miss. */
const RANGE: OsvRecord = {
  id: 'SYNTHETIC-UNORDERED-1',
  modified: '2024-01-01T00:00:00Z',
  affected: [{ package: { ecosystem: 'PyPI', name: 'legacy-pkg' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }] }],
} as OsvRecord;

/**
 * Matching never guesses an order: what it cannot compare it says, with the version or the bound
 * that could not be compared, and it is never reported as clean.
 */
describe('assessPackage: what cannot be ordered is reported', () => {
  it('an installed PyPI legacy version (0.9-eevee): no match, every record naming the package undetermined, and why', () => {
    const assessment = assessPackage([RANGE], ecosystem('PyPI'), 'legacy-pkg', '0.9-eevee');
    assert.deepEqual(assessment.vulnerabilities, []);
    assert.deepEqual(assessment.undetermined, ['SYNTHETIC-UNORDERED-1']);
    assert.deepEqual(assessment.unordered, ['"0.9-eevee" is not a PyPI version that can be compared with advisory ranges: 1 advisory for legacy-pkg not checked']);
  });

  it('an installed Packagist string Composer rejects (3.0.0b1.post1)', () => {
    const record = { ...RANGE, affected: [{ package: { ecosystem: 'Packagist', name: 'v/p' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.1.0' }] }] }] } as OsvRecord;
    const assessment = assessPackage([record], ecosystem('Packagist'), 'v/p', '3.0.0b1.post1');
    assert.deepEqual([assessment.vulnerabilities, assessment.undetermined], [[], ['SYNTHETIC-UNORDERED-1']]);
    assert.match(assessment.unordered[0]!, /not a Packagist version/);
  });

  it('a record bound that does not parse names the bound (PYSEC-2019-125: fixed 2019-09-12)', async () => {
    const assessment = assessPackage([await pypiRecord('PYSEC-2019-125')], ecosystem('PyPI'), 'steam', '1.0');
    assert.deepEqual(assessment.vulnerabilities, []);
    assert.deepEqual(assessment.undetermined, ['PYSEC-2019-125']);
    assert.deepEqual(assessment.unordered, ['PYSEC-2019-125: fixed 2019-09-12 cannot be compared with PyPI versions']);
  });

  it('an orderable version reports nothing unordered', () => {
    const assessment = assessPackage([RANGE], ecosystem('PyPI'), 'legacy-pkg', '1.0');
    assert.deepEqual(assessment.unordered, []);
    assert.equal(assessment.vulnerabilities.length, 1);
  });
});

/**
 * What matching declined to order reaches the user: the dependency's report carries it and the hover
 * says "Not checked" instead of "No known vulnerabilities" — pinned in a manifest and locked alike.
 */
describe('unordered versions reach the report and the hover', () => {
  const cases = [
    { name: 'requirements.txt arbitrary-equality pin (===)', path: '/w/requirements.txt', text: 'legacy-pkg===0.9-eevee\n' },
    { name: 'poetry.lock entry', path: '/w/poetry.lock', text: '[[package]]\nname = "legacy-pkg"\nversion = "0.9-eevee"\ndescription = ""\noptional = false\npython-versions = "*"\nfiles = []\n\n[metadata]\nlock-version = "2.0"\npython-versions = "*"\ncontent-hash = "x"\n' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const file = parseDependencyFile(c.path, c.text)!;
      const unit = file.result.kind === 'lockfile' ? { lockfile: file, manifests: [] } : { manifests: [{ file, importerPath: '' }] };
      const analysis = analyzeUnit(unit, (_eco, name) => (name === 'legacy-pkg' ? [RANGE] : []));
      const report = analysis.reports.find((r) => r.path === c.path)!;
      const dep = report.dependencies.find((d) => d.pkg.name === 'legacy-pkg')!;
      assert.deepEqual(dep.unordered, ['"0.9-eevee" is not a PyPI version that can be compared with advisory ranges: 1 advisory for legacy-pkg not checked']);
      const hover = dependencyHover(report, dep, []);
      assert.match(hover, /\*\*Not checked\*\*\n\n- "0\.9-eevee" is not a PyPI version/);
      assert.doesNotMatch(hover, /No known vulnerabilities/);
    });
  }
});
