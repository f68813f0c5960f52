import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ParseResult } from '../../server/src/core/package';
import type { ParseFn } from '../../server/src/ecosystems/types';
import { assertKnownDifference, expectedCasesFor, loadKnownDifferences, packageMultiset, type ExpectedCase } from './expected-fixtures';
import { fixtureFiles } from './fixture-files';
import { diskContext } from './parse-contexts';

/**
 * The corpus fixture tables of the Go, crates.io, Maven, RubyGems, Packagist, NuGet, Pub and Hex
 * suites. Every file of each format folder (`<ecosystem>/<format>/<source>/<fixture>`) is parsed
 * with a disk context (for parent POMs and props files) and compared with its `.expected.json`, and
 * a tally per format is printed. Rules:
 * - an expectation may hold several cases (the original project ran more than one extractor over
 *   the file): the case whose `parser` is one of the table's `preferredParsers` wins, else the first;
 * - `expected_error` cases must yield exactly one error-severity ParseError and no packages; other
 *   cases no error;
 * - packages compare as (ecosystem, name, version) multisets; a case with `unparsed_items > 0`
 *   (entries the transcription lost) must be contained in ours, with at most that many extra;
 * - with `compareGroups`, each expected package's `depGroups` must equal our groups;
 * - a fixture listed in `known-differences.json` must give exactly its `chainsight` multiset and
 *   must still differ from the expectation (so a fixed difference is noticed and removed);
 * - files the corpus gives no expectation for are checked against `own` when listed there, and
 *   otherwise only required not to throw; `helpers` (files other fixtures read) are skipped.
 */
export interface FormatTable {
  /** Folder under the ecosystem's fixture folder, e.g. `maven-pom`. */
  format: string;
  parse: ParseFn;
  /** Original parser names (`ParseGoLock`) whose case wins when a fixture has several. */
  preferredParsers?: readonly string[];
  /** Also compare `depGroups` where the expectation gives them. */
  compareGroups?: boolean;
  /** Expectations for fixtures the corpus gives none for, by path relative to the format folder. */
  own?: Record<string, { error: boolean; packages?: readonly string[] }>;
  /** Relative paths to skip (helper files other fixtures read). */
  helpers?: readonly string[];
}

interface FormatTally {
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
    const files = fixtureFiles(folder).filter((file) => !table.helpers?.includes(relative(folder, file)));
    describe(`${table.format} corpus fixtures`, () => {
      it('has fixtures', () => assert.ok(files.length > 0));
      for (const file of files) {
        const rel = relative(folder, file).split('\\').join('/');
        const key = `${table.format}/${rel}`;
        const cases = expectedCasesFor(file);
        const expected = cases ? (cases.find((c) => c.parser !== undefined && table.preferredParsers?.includes(c.parser)) ?? cases[0]) : undefined;
        const own = table.own?.[rel];
        if (expected || own) tally.total++;
        it(rel, () => {
          const result = table.parse(file, readFileSync(file, 'utf8'), diskContext());
          const errors = result.errors.filter((e) => (e.severity ?? 'error') === 'error');
          if (!expected && !own) return; // no expectation at all: not throwing is the test
          const difference = known.get(key);
          if (expected && difference) {
            assertKnownDifference(packageMultiset(result.packages), packageMultiset(expected.packages), difference, key);
            tally.knownDifferences++;
            return;
          }
          if (expected) assertMatches(result, expected, errors.length, table.compareGroups ?? false);
          else assertOwn(result, own!, errors.length);
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

function assertError(result: ParseResult, errorCount: number): void {
  assert.equal(errorCount, 1, `want exactly one error, got ${JSON.stringify(result.errors)}`);
  assert.deepEqual(result.packages, [], 'a file that fails to parse yields no packages');
}

function assertOwn(result: ParseResult, own: { error: boolean; packages?: readonly string[] }, errorCount: number): void {
  if (own.error) return assertError(result, errorCount);
  assert.equal(errorCount, 0, `unexpected errors: ${JSON.stringify(result.errors)}`);
  if (own.packages) assert.deepEqual(packageMultiset(result.packages), [...own.packages].sort());
}

function assertMatches(result: ParseResult, expected: ExpectedCase, errorCount: number, compareGroups: boolean): void {
  if (expected.expectError) return assertError(result, errorCount);
  assert.equal(errorCount, 0, `unexpected errors: ${JSON.stringify(result.errors)}`);
  const ours = packageMultiset(result.packages);
  const want = packageMultiset(expected.packages);
  if (expected.unparsedItems === 0) {
    assert.deepEqual(ours, want);
  } else {
    const remaining = [...ours];
    for (const item of want) {
      const at = remaining.indexOf(item);
      assert.ok(at !== -1, `missing ${item}`);
      remaining.splice(at, 1);
    }
    assert.ok(remaining.length <= expected.unparsedItems, `extra packages beyond the ${expected.unparsedItems} untranscribed: ${remaining.join(', ')}`);
  }
  if (compareGroups) {
    for (const p of expected.packages) {
      const mine = result.packages.find((q) => q.name === p.name && q.version === p.version);
      assert.deepEqual(mine?.groups ?? [], p.depGroups ?? [], `groups of ${p.name}`);
    }
  }
}
