import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parsePackageLock } from '../../../../server/src/ecosystems/npm/package-lock';
import { assertKnownDifference, distinctPackages, expectedCasesFor, loadKnownDifferences, packageMultiset, type ExpectedCase } from '../../../support/expected-fixtures';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/npm');

/**
 * Every corpus fixture with an expectation. The original projects tested package-lock fixtures with
 * two extractors (osv-scanner's ParseNpmLock and its node_modules extractor); the lockfile one is the
 * view that matches what we read, so it is preferred; scalibr's tables have a single case.
 */
const TABLE = [
  { folder: 'package-lock', parse: parsePackageLock, pick: (cases: ExpectedCase[]) => cases.find((c) => c.parser === 'ParseNpmLock') ?? cases.find((c) => !c.parser?.startsWith('NodeModules')) ?? cases[0] },
];

function fixtures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...fixtures(full));
    else if (!name.endsWith('.expected.json') && !name.endsWith('.md')) out.push(full);
  }
  return out.sort();
}

describe('npm fixtures from the corpus', () => {
  for (const { folder, parse, pick } of TABLE) {
    const known = loadKnownDifferences(join(ROOT, folder, 'known-differences.json'));
    for (const fixture of fixtures(join(ROOT, folder))) {
      const cases = expectedCasesFor(fixture);
      if (!cases?.length) continue;
      const rel = fixture.slice(ROOT.length + 1);
      it(rel, () => {
        const want = pick(cases)!;
        const result = parse(fixture, readFileSync(fixture, 'utf8'));
        if (want.expectError) {
          assert.ok(result.errors.length > 0, 'expected a parse error');
          return;
        }
        // Warnings (files.v2.json fetches abbrev@2.3.4 from abbrev-1.0.9.tgz) do not change what is read.
        assert.deepEqual(result.errors.filter((e) => e.severity !== 'warning'), [], 'unexpected parse errors');
        const got = packageMultiset(distinctPackages(result.packages));
        const difference = known.get(rel);
        if (difference) {
          assertKnownDifference(got, packageMultiset(want.packages), difference, rel);
          return;
        }
        assert.deepEqual(got, packageMultiset(want.packages));
      });
    }
  }
});
