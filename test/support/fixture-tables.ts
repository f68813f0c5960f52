import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ParseResult } from '../../server/src/core/package';
import type { ParseFn } from '../../server/src/ecosystems/types';
import { assertKnownDifference, expectedCasesFor, loadKnownDifferences, packageMultiset, type ExpectedCase } from './expected-fixtures';
import { fixtureFiles } from './fixture-files';
import { diskContext } from './parse-contexts';

/**
 * The corpus fixture tables of the Maven, RubyGems, Packagist and NuGet suites: every file of each
 * format folder is parsed (with a disk context, for parent POMs and props files) and compared with
 * its `.expected.json`, and a tally per format is printed. (The Go, crates.io, Pub and Hex suites
 * run one folder at a time with their own rules: see fixture-table.ts.) Rules:
 * - each expectation file here has one case, from the extractor for that file kind;
 * - `expected_error` cases must yield an error-severity ParseError, others none;
 * - packages compare as (ecosystem, name, version) multisets; a case with `unparsed_items > 0`
 *   (entries the transcription lost) must be contained in ours, with at most that many extra;
 * - a fixture listed in `known-differences.json` must give exactly its `chainsight` multiset and
 *   must still differ from the expectation (so a fixed difference is noticed and removed);
 * - files without an expectation are checked against `own` (error or not), when listed there.
 */
export interface FormatTable {
  /** Folder under the ecosystem's fixture folder, e.g. `maven-pom`. */
  format: string;
  parse: ParseFn;
  /** Expectations for fixtures the corpus gives none for: path relative to the format folder → wants an error. */
  own?: Record<string, { error: boolean }>;
  /** Relative paths to skip (helper files other fixtures read). */
  helpers?: readonly string[];
}

export interface FormatTally {
  format: string;
  total: number;
  matched: number;
  knownDifferences: number;
}

export function describeFixtureTables(ecosystemFolder: string, tables: readonly FormatTable[]): void {
  const known = loadKnownDifferences(join(ecosystemFolder, 'known-differences.json'));
  const tallies: FormatTally[] = [];
  for (const table of tables) {
    const folder = join(ecosystemFolder, table.format);
    const tally: FormatTally = { format: table.format, total: 0, matched: 0, knownDifferences: 0 };
    tallies.push(tally);
    describe(`${table.format} corpus fixtures`, () => {
      for (const file of fixtureFiles(folder)) {
        const rel = relative(folder, file);
        if (table.helpers?.includes(rel)) continue;
        const key = `${table.format}/${rel}`;
        const cases = expectedCasesFor(file);
        const own = table.own?.[rel];
        if (!cases && !own) continue;
        tally.total++;
        it(rel, () => {
          const result = table.parse(file, readFileSync(file, 'utf8'), diskContext());
          const errors = result.errors.filter((e) => (e.severity ?? 'error') === 'error');
          if (!cases) {
            assert.equal(errors.length > 0, own!.error, JSON.stringify(result.errors));
            if (own!.error) assert.equal(errors.length, 1);
            tally.matched++;
            return;
          }
          const expected = cases[0]!;
          const difference = known.get(key);
          if (difference) {
            assertKnownDifference(packageMultiset(result.packages), packageMultiset(expected.packages), difference, key);
            tally.knownDifferences++;
            return;
          }
          assertMatches(result, expected, errors.length);
          tally.matched++;
        });
      }
    });
  }
  after(() => {
    const lines = tallies
      .filter((t) => t.total > 0)
      .map((t) => `  ${t.format}: ${t.matched} of ${t.total} fixtures match (${((100 * t.matched) / t.total).toFixed(0)}%), ${t.knownDifferences} documented known difference(s)`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  });
}

function assertMatches(result: ParseResult, expected: ExpectedCase, errorCount: number): void {
  if (expected.expectError) {
    assert.equal(errorCount, 1, `want exactly one error, got ${JSON.stringify(result.errors)}`);
    return;
  }
  assert.equal(errorCount, 0, `unexpected errors: ${JSON.stringify(result.errors)}`);
  const ours = packageMultiset(result.packages);
  const want = packageMultiset(expected.packages);
  if (expected.unparsedItems === 0) {
    assert.deepEqual(ours, want);
    return;
  }
  const remaining = [...ours];
  for (const item of want) {
    const at = remaining.indexOf(item);
    assert.ok(at !== -1, `missing ${item}`);
    remaining.splice(at, 1);
  }
  assert.ok(remaining.length <= expected.unparsedItems, `extra packages beyond the ${expected.unparsedItems} untranscribed: ${remaining.join(', ')}`);
}
