import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  goScheme,
  mavenScheme,
  npmScheme,
  nugetScheme,
  packagistScheme,
  pep440Scheme,
  pubScheme,
  rubygemsScheme,
  semverScheme,
} from '../../../server/src/versions/index';
import { orderVersions, type VersionScheme } from '../../../server/src/versions/scheme';

export const FIXTURE_DIR = join(__dirname, '../../fixtures/versions');

/**
 * Which ordering each fixture file asserts. semver-versions.txt holds for every SemVer-shaped
 * scheme; Go reads its lines as written, since goScheme accepts a version with or without the `v`
 * that go.mod writes and OSV ranges omit (its `1.2.3 = v1.2.3` lines check exactly that).
 */
export const FIXTURES: ReadonlyArray<{ file: string; schemes: readonly VersionScheme[] }> = [
  { file: 'semver-versions.txt', schemes: [semverScheme, npmScheme, goScheme] },
  { file: 'pub-versions.txt', schemes: [pubScheme] },
  { file: 'pypi-versions.txt', schemes: [pep440Scheme] },
  { file: 'pypi-versions-generated.txt', schemes: [pep440Scheme] },
  { file: 'maven-versions.txt', schemes: [mavenScheme] },
  { file: 'maven-versions-generated.txt', schemes: [mavenScheme] },
  { file: 'rubygems-versions.txt', schemes: [rubygemsScheme] },
  { file: 'rubygems-versions-generated.txt', schemes: [rubygemsScheme] },
  { file: 'packagist-versions.txt', schemes: [packagistScheme] },
  { file: 'packagist-versions-generated.txt', schemes: [packagistScheme] },
  { file: 'nuget-versions.txt', schemes: [nugetScheme] },
  // Real advisory ranges: every `introduced` must sort below its `fixed`.
  { file: 'osv-npm-ranges.txt', schemes: [npmScheme] },
  { file: 'osv-crates-ranges.txt', schemes: [semverScheme] },
  { file: 'osv-go-ranges.txt', schemes: [goScheme] },
  { file: 'osv-maven-ranges.txt', schemes: [mavenScheme] },
  { file: 'osv-pypi-ranges.txt', schemes: [pep440Scheme] },
  { file: 'osv-rubygems-ranges.txt', schemes: [rubygemsScheme] },
];

/** One assertion from a `*-versions.txt` fixture: `a op b` in that ecosystem's ordering. */
export interface FixtureLine {
  file: string;
  /** 1-based line number in the file. */
  line: number;
  a: string;
  op: '<' | '>' | '=';
  b: string;
}

/** Reads every assertion; a line that is neither blank, a comment nor `A op B` is an error. */
export function readFixtureLines(path: string, file: string): { lines: FixtureLine[]; malformed: string[] } {
  const lines: FixtureLine[] = [];
  const malformed: string[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const text = raw.trim();
      if (text === '' || text.startsWith('#') || text.startsWith('//')) return;
      const parts = text.split(/\s+/);
      const op = parts[1];
      if (parts.length !== 3 || (op !== '<' && op !== '>' && op !== '=')) {
        malformed.push(`${file}:${index + 1}: ${text}`);
        return;
      }
      lines.push({ file, line: index + 1, a: parts[0]!, op, b: parts[2]! });
    });
  return { lines, malformed };
}

/**
 * Why the line does not hold in `orderVersions` (the engine's `compareVersions`): the scheme's order
 * where both sides parse, its reference order over any text where they do not.
 */
export function totalOrderFailure<V>(scheme: VersionScheme<V>, line: FixtureLine): string | undefined {
  const forward = orderVersions(scheme, line.a, line.b);
  const backward = orderVersions(scheme, line.b, line.a);
  const want = line.op === '<' ? -1 : line.op === '>' ? 1 : 0;
  if (forward === want && backward === (-want || 0)) return undefined;
  const shown = (n: number | undefined) => (n === undefined ? 'unordered' : n < 0 ? '<' : n > 0 ? '>' : '=');
  return `got ${line.a} ${shown(forward)} ${line.b} and ${line.b} ${shown(backward)} ${line.a}`;
}

/**
 * Why the line does not hold for `scheme`, or undefined when it does, in both directions:
 * `a < b` also needs `compare(b, a) > 0`, and `a = b` needs both comparisons to be zero.
 */
export function lineFailure<V>(scheme: VersionScheme<V>, line: FixtureLine): string | undefined {
  const a = scheme.parse(line.a);
  const b = scheme.parse(line.b);
  if (a === undefined || b === undefined) {
    const bad = [a === undefined ? line.a : undefined, b === undefined ? line.b : undefined].filter(Boolean);
    return `cannot parse ${bad.map((s) => JSON.stringify(s)).join(' and ')}`;
  }
  const forward = Math.sign(scheme.compare(a, b));
  const backward = Math.sign(scheme.compare(b, a));
  const want = line.op === '<' ? -1 : line.op === '>' ? 1 : 0;
  if (forward !== want || backward !== -want) {
    const shown = (n: number) => (n < 0 ? '<' : n > 0 ? '>' : '=');
    return `got ${line.a} ${shown(forward)} ${line.b} and ${line.b} ${shown(backward)} ${line.a}`;
  }
  return undefined;
}
