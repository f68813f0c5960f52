import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseResult } from '../../../../server/src/core/package';
import { parseBunLock } from '../../../../server/src/ecosystems/npm/bun-lock';
import { parsePnpmLock } from '../../../../server/src/ecosystems/npm/pnpm-lock';
import { parseYarnLock } from '../../../../server/src/ecosystems/npm/yarn-lock';
import { assertKnownDifference, distinctPackages, expectedCasesFor, loadKnownDifferences, packageMultiset } from '../../../support/expected-fixtures';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/npm');

/**
 * Every corpus fixture of the npm family's other lockfiles that has an expectation (osv-scanner's
 * and osv-scalibr's test tables). Each fixture has one case, or two that expect the same (scalibr's
 * invalid-paths tests the first and the second bad key); where one expects an error it must be one.
 */
const TABLE: ReadonlyArray<{ folder: string; parse: (path: string, text: string) => ParseResult }> = [
  { folder: 'yarn-lock', parse: parseYarnLock },
  { folder: 'pnpm-lock', parse: parsePnpmLock },
  { folder: 'bun-lock', parse: parseBunLock },
];

function fixtures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...fixtures(full));
    else if (!name.endsWith('.expected.json') && !name.endsWith('.md') && name !== 'known-differences.json') out.push(full);
  }
  return out.sort();
}

describe('npm family lockfiles written on Windows', () => {
  const FILES = [
    { file: 'yarn-lock/scenarios/workspace-v1/yarn.lock', parse: parseYarnLock },
    { file: 'yarn-lock/scenarios/workspace-berry/yarn.lock', parse: parseYarnLock },
    { file: 'pnpm-lock/scenarios/workspace-v9/pnpm-lock.yaml', parse: parsePnpmLock },
    { file: 'bun-lock/scenarios/workspace/bun.lock', parse: parseBunLock },
  ];
  for (const { file, parse } of FILES) {
    it(`${file}: a byte-order mark or CRLF line endings change nothing but offsets`, () => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const plain = parse(file, text);
      for (const variant of [`\uFEFF${text}`, text.replace(/\n/g, '\r\n')]) {
        const result = parse(file, variant);
        assert.deepEqual(result.errors, []);
        assert.deepEqual(result.packages.map((p) => [p.id, p.version, p.versionRange?.start.line]), plain.packages.map((p) => [p.id, p.version, p.versionRange?.start.line]));
        assert.deepEqual(result.importers, plain.importers);
      }
    });
  }
});

describe('npm family lockfile fixtures from the corpus', () => {
  for (const { folder, parse } of TABLE) {
    describe(folder, () => {
      const known = loadKnownDifferences(join(ROOT, folder, 'known-differences.json'));
      const seen = new Set<string>();
      for (const fixture of fixtures(join(ROOT, folder))) {
        const cases = expectedCasesFor(fixture);
        if (!cases?.length) continue;
        const rel = fixture.slice(ROOT.length + 1);
        seen.add(rel);
        it(rel, () => {
          const result = parse(fixture, readFileSync(fixture, 'utf8'));
          for (const want of cases) {
            if (want.expectError) {
              assert.ok(result.errors.length > 0, 'expected a parse error');
              continue;
            }
            assert.deepEqual(result.errors, [], 'unexpected parse errors');
            const got = packageMultiset(distinctPackages(result.packages));
            const difference = known.get(rel);
            if (difference) {
              assertKnownDifference(got, packageMultiset(want.packages), difference, rel);
              continue;
            }
            assert.deepEqual(got, packageMultiset(distinctPackages(want.packages)));
          }
        });
      }
      it('lists known differences only for fixtures that exist', () => {
        for (const fixture of known.keys()) assert.ok(seen.has(fixture), fixture);
      });
    });
  }
});
