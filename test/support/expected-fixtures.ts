import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';

/**
 * Reads the `<fixture>.expected.json` files copied from the corpus (osv-scanner / osv-scalibr test
 * tables, transcribed). One fixture can carry several cases when the original project tested it with
 * more than one extractor; callers pick the case that matches the file they parse.
 */
export interface ExpectedPackage {
  name: string;
  version: string;
  ecosystem: string;
  depGroups?: string[];
  commit?: string;
}

export interface ExpectedCase {
  /** Test name or parser name from the source table. */
  label: string;
  parser?: string;
  testFile?: string;
  expectError: boolean;
  packages: ExpectedPackage[];
  /** Entries the transcription could not carry over; such cases cannot be compared exactly. */
  unparsedItems: number;
}

export function expectedCasesFor(fixturePath: string): ExpectedCase[] | undefined {
  const file = `${fixturePath}.expected.json`;
  if (!existsSync(file)) return undefined;
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { cases?: Array<Record<string, unknown>> };
  return (doc.cases ?? []).map((c) => ({
    label: String(c.test ?? c.test_name ?? c.parser ?? ''),
    parser: typeof c.parser === 'string' ? c.parser : undefined,
    testFile: typeof c.test_file === 'string' ? c.test_file : undefined,
    expectError: Boolean(c.expected_error),
    packages: ((c.packages as ExpectedPackage[] | null) ?? []).map((p) => ({ ...p })),
    unparsedItems: typeof c.unparsed_items === 'number' ? c.unparsed_items : 0,
  }));
}

/** Sorted `ecosystem|name|version` strings: an order-insensitive multiset for deepEqual. */
export function packageMultiset(packages: ReadonlyArray<{ ecosystem: string; name: string; version: string }>): string[] {
  return packages.map((p) => `${p.ecosystem}|${p.name}|${p.version}`).sort();
}

/** Known differences: fixtures whose expectation we deliberately do not follow, with the reason. */
export interface KnownDifference {
  fixture: string;
  reason: string;
  /** What Chainsight extracts instead, as a multiset (see packageMultiset). */
  chainsight?: string[];
}

/**
 * A fixture listed as a known difference must give exactly the recorded multiset, and must still
 * differ from its expectation, so a difference that goes away is noticed and removed from the list.
 */
export function assertKnownDifference(got: readonly string[], want: readonly string[], difference: KnownDifference, key: string): void {
  assert.notDeepEqual(got, want, `${key} now matches its expectation: remove it from known-differences.json`);
  assert.deepEqual(got, [...(difference.chainsight ?? [])].sort(), `${key} differs from what known-differences.json records (${difference.reason})`);
}

export function loadKnownDifferences(file: string): Map<string, KnownDifference> {
  if (!existsSync(file)) return new Map();
  const list = JSON.parse(readFileSync(file, 'utf8')) as KnownDifference[];
  return new Map(list.map((d) => [d.fixture, d]));
}

/**
 * One entry per distinct (ecosystem, name, version, commit): lockfiles such as package-lock keep a
 * package once per install location (Chainsight needs each for dependency paths), while the corpus
 * expectations list each version once.
 */
export function distinctPackages<T extends { ecosystem: string; name: string; version: string; commit?: string }>(packages: readonly T[]): T[] {
  const seen = new Set<string>();
  return packages.filter((p) => {
    const key = `${p.ecosystem}|${p.name}|${p.version}|${p.commit ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
