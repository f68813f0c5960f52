import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { PYPI_PARSERS } from '../../../../server/src/ecosystems/pypi';
import { normalizePypiName } from '../../../../server/src/ecosystems/pypi/names';
import { assertKnownDifference, type ExpectedCase, expectedCasesFor, loadKnownDifferences, packageMultiset } from '../../../support/expected-fixtures';
import { diskContext } from '../../../support/parse-contexts';
import { errorsOnly } from '../../../support/parse-results';
import { PYPI_FIXTURES } from './fixtures-folder';

/**
 * Every corpus fixture of every PyPI format, against the expectation transcribed from osv-scanner
 * / osv-scalibr. Comparison rules:
 * - the (ecosystem, name, version) multisets must be equal, with expected names PEP 503
 *   normalised (Chainsight's contract: names are normalised; osv-scalibr reports them as written);
 * - an `expected_error` case needs at least one ParseError; its packages are not compared (the
 *   original tools return nothing on error, while a missing `-r` include is a warning by our
 *   contract and the rest of the file is still read);
 * - a case whose label names a sibling fixture (`no dependencies` → `no-dependencies.lock`) is
 *   checked against that file: osv-scalibr kept several test cases next to one fixture;
 * - a fixture in known-differences.json must produce exactly its `chainsight` multiset and must
 *   still differ from the expectation (so a difference that goes away is noticed).
 */
const FORMATS: Record<string, string> = {
  'requirements-txt': 'pypi/requirements-txt',
  'pyproject-toml': 'pypi/pyproject-toml',
  'pipfile-lock': 'pypi/pipfile-lock',
  'poetry-lock': 'pypi/poetry-lock',
  'uv-lock': 'pypi/uv-lock',
  'pdm-lock': 'pypi/pdm-lock',
  'pylock-toml': 'pypi/pylock-toml',
};

const known = loadKnownDifferences(join(PYPI_FIXTURES, 'known-differences.json'));
const usedKnown = new Set<string>();
const tally = new Map<string, { exact: number; known: number; total: number }>();

interface Row {
  fixture: string;
  file: string;
  expected: ExpectedCase;
}

function rowsFor(format: string): Row[] {
  const rows: Row[] = [];
  for (const file of listFiles(join(PYPI_FIXTURES, format))) {
    const cases = expectedCasesFor(file);
    if (!cases) continue;
    for (const c of cases) {
      const sibling = join(dirname(file), `${c.label.trim().replace(/\s+/g, '-')}${extensionOf(file)}`);
      const target = cases.length > 1 && sibling !== file && existsSync(sibling) ? sibling : file;
      rows.push({ fixture: relative(PYPI_FIXTURES, target).replace(/\\/g, '/'), file: target, expected: c });
    }
  }
  return rows;
}

function extensionOf(file: string): string {
  const name = basename(file);
  const dot = name.indexOf('.');
  return dot === -1 ? '' : name.slice(dot);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : name.endsWith('.expected.json') ? [] : [path];
  });
}

describe('pypi: corpus fixtures against osv-scanner / osv-scalibr expectations', () => {
  for (const [format, parserId] of Object.entries(FORMATS)) {
    describe(format, () => {
      const rows = rowsFor(format);
      it('has fixtures with expectations', () => assert.ok(rows.length > 0));
      for (const row of rows) {
        it(`${row.fixture} (${row.expected.label})`, () => {
          const counts = tally.get(format) ?? { exact: 0, known: 0, total: 0 };
          tally.set(format, counts);
          counts.total++;
          const result = PYPI_PARSERS[parserId]!(row.file, readFileSync(row.file, 'utf8'), diskContext());
          if (row.expected.expectError) {
            assert.ok(result.errors.length > 0, 'expected a parse error');
            counts.exact++;
            return;
          }
          assert.deepEqual(errorsOnly(result), [], 'no error-severity problems');
          const ours = packageMultiset(result.packages);
          const theirs = packageMultiset(row.expected.packages.map((p) => ({ ...p, name: normalizePypiName(p.name) })));
          const difference = known.get(row.fixture);
          if (!difference) {
            assert.deepEqual(ours, theirs);
            counts.exact++;
            return;
          }
          usedKnown.add(row.fixture);
          assertKnownDifference(ours, theirs, difference, row.fixture);
          counts.known++;
        });
      }
    });
  }

  describe('known-differences.json', () => {
    it('names only fixtures that are still tested', () => {
      assert.deepEqual([...known.keys()].filter((k) => !usedKnown.has(k)), []);
    });
    it('gives a reason for each difference', () => {
      for (const [fixture, difference] of known) assert.ok(difference.reason.length > 20, fixture);
    });
  });

  after(() => {
    const lines = [...tally].map(([format, c]) => `  ${format.padEnd(17)} ${c.exact}/${c.total} match, ${c.known} known differences`);
    process.stdout.write(`\npypi fixture pass rate (match or documented difference = pass):\n${lines.join('\n')}\n`);
  });
});
