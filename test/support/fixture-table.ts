import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { ParseResult } from '../../server/src/core/package';
import { assertKnownDifference, type ExpectedCase, expectedCasesFor, loadKnownDifferences, packageMultiset } from './expected-fixtures';
import { fixtureFiles } from './fixture-files';

/**
 * One table-driven run over a copied corpus folder (`<format>/<source>/<fixture>`), used by the
 * Go, crates.io, Pub and Hex fixture tests. (The Maven, RubyGems, Packagist and NuGet suites run
 * several format folders at once with their own rules: see fixture-tables.ts.)
 *
 * Case choice: a fixture's expectation may hold several cases (the original project ran more than one
 * extractor over it); the case whose `parser` names the original parser for this file kind wins,
 * else the first case. Fixtures without an expectation get one from `unexpected` (or are only
 * required not to throw). A fixture listed in the known-differences file must differ from its
 * expectation exactly as recorded: the test fails if it starts matching.
 */
export interface FixtureTableOptions {
  /** Absolute folder holding `<source>/<fixture>` files. */
  folder: string;
  /** Known-differences JSON (keys are `<format>/<source>/<fixture>`). */
  knownDifferences: string;
  /** The key prefix for this folder, e.g. `go-mod`. */
  format: string;
  parse(file: string, text: string): ParseResult;
  /** Original parser names (`ParseGoLock`) preferred when a fixture has several cases. */
  preferredParsers?: string[];
  /** For fixtures without an `.expected.json`: whether they must fail. */
  unexpected?: Record<string, { expectError: boolean; packages?: string[] }>;
  /** Also compare `depGroups` where the expectation gives them. */
  compareGroups?: boolean;
}

export interface FixtureOutcome {
  fixture: string;
  matched: boolean;
}

export function chooseCase(cases: ExpectedCase[], preferred: string[] | undefined): ExpectedCase | undefined {
  return cases.find((c) => c.parser !== undefined && preferred?.includes(c.parser)) ?? cases[0];
}

export function describeFixtureTable(options: FixtureTableOptions): void {
  const known = loadKnownDifferences(options.knownDifferences);
  const files = fixtureFiles(options.folder);

  describe(`${options.format} corpus fixtures`, () => {
    it('has fixtures', () => assert.ok(files.length > 0));
    for (const file of files) {
      const key = `${options.format}/${relative(options.folder, file).split('\\').join('/')}`;
      const cases = expectedCasesFor(file);
      const expected = cases ? chooseCase(cases, options.preferredParsers) : undefined;
      const extra = options.unexpected?.[key];
      it(key, () => {
        const result = options.parse(file, readFileSync(file, 'utf8'));
        const errors = result.errors.filter((e) => e.severity !== 'warning');
        const expectError = expected ? expected.expectError : extra?.expectError;
        if (expectError === undefined) return; // no expectation at all: not throwing is the test
        if (expectError) {
          assert.equal(errors.length, 1, 'a malformed file yields exactly one error');
          assert.deepEqual(result.packages, []);
          return;
        }
        assert.deepEqual(errors, [], 'no parse errors');
        const got = packageMultiset(result.packages);
        const want = expected ? packageMultiset(expected.packages) : [...(extra?.packages ?? [])].sort();
        const difference = known.get(key);
        if (difference) {
          assertKnownDifference(got, want, difference, key);
          return;
        }
        assert.deepEqual(got, want);
        if (options.compareGroups && expected) {
          for (const p of expected.packages) {
            const mine = result.packages.find((q) => q.name === p.name && q.version === p.version);
            assert.deepEqual(mine?.groups ?? [], p.depGroups ?? [], `groups of ${p.name}`);
          }
        }
      });
    }
  });
}
