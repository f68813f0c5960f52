import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMES } from '../../../server/src/versions/index';
import { FIXTURE_DIR as DIR, FIXTURES, FixtureLine, lineFailure, readFixtureLines, totalOrderFailure } from './version-fixtures';

/** A fixture line the scheme deliberately does not satisfy, because the ecosystem's tool does not. */
interface KnownDifference {
  file: string;
  line: number;
  scheme: string;
  reason: string;
  /** The line does not hold in compareVersions' total order either (it is about order, not parsing). */
  inTotalOrder?: boolean;
}

const KNOWN: KnownDifference[] = JSON.parse(readFileSync(join(DIR, 'known-differences.json'), 'utf8'));
const keyOf = (file: string, line: number, scheme: string) => `${file}:${line}:${scheme}`;
const knownByKey = new Map(KNOWN.map((k) => [keyOf(k.file, k.line, k.scheme), k]));

const linesByFile = new Map<string, FixtureLine[]>();
for (const { file } of FIXTURES) {
  const { lines, malformed } = readFixtureLines(join(DIR, file), file);
  assert.deepEqual(malformed, [], `malformed fixture lines in ${file}`);
  linesByFile.set(file, lines);
}

describe('version ordering fixtures', () => {
  it('maps every fixture file to at least one scheme, and every scheme to a fixture', () => {
    const onDisk = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
    assert.deepEqual(onDisk, FIXTURES.map((f) => f.file).sort());
    const covered = new Set(FIXTURES.flatMap((f) => f.schemes.map((s) => s.id)));
    assert.deepEqual(SCHEMES.map((s) => s.id).filter((id) => !covered.has(id)), []);
  });

  for (const { file, schemes } of FIXTURES) {
    const lines = linesByFile.get(file)!;
    for (const scheme of schemes) {
      const known = lines.filter((l) => knownByKey.has(keyOf(file, l.line, scheme.id))).length;
      it(`${file} holds for ${scheme.id}: ${lines.length - known}/${lines.length} lines, ${known} known differences`, () => {
        const failures: string[] = [];
        for (const line of lines) {
          if (knownByKey.has(keyOf(file, line.line, scheme.id))) continue;
          const why = lineFailure(scheme, line);
          if (why !== undefined) failures.push(`${file}:${line.line}: ${line.a} ${line.op} ${line.b}: ${why}`);
        }
        assert.deepEqual(failures.slice(0, 25), [], `${failures.length} lines fail for ${scheme.id}`);
      });
    }
  }

  // Where the ecosystem's reference orders what the strict grammar rejects (PyPI's LegacyVersion,
  // PHP's version_compare, Maven's ComparableVersion), compareVersions orders it the same way: every
  // line holds there, except the known differences that are about order rather than parsing.
  for (const { file, schemes } of FIXTURES) {
    for (const scheme of schemes.filter((s) => s.orderAnyText)) {
      it(`${file} holds in ${scheme.id}'s total order (compareVersions), legacy versions included`, () => {
        const failures: string[] = [];
        for (const line of linesByFile.get(file)!) {
          const strict = lineFailure(scheme, line);
          const known = knownByKey.get(keyOf(file, line.line, scheme.id));
          if (known && strict !== undefined && (known.inTotalOrder || !strict.startsWith('cannot parse'))) continue;
          const why = totalOrderFailure(scheme, line);
          if (why !== undefined) failures.push(`${file}:${line.line}: ${line.a} ${line.op} ${line.b}: ${why}`);
        }
        assert.deepEqual(failures.slice(0, 25), [], `${failures.length} lines fail`);
      });
    }
  }

  describe('known differences stay true', () => {
    for (const k of KNOWN) {
      it(`${k.file}:${k.line} (${k.scheme})`, () => {
        assert.ok(k.reason.length > 20, 'a known difference needs its reason');
        const entry = FIXTURES.find((f) => f.file === k.file);
        assert.ok(entry, `${k.file} is not a mapped fixture`);
        const scheme = entry.schemes.find((s) => s.id === k.scheme);
        assert.ok(scheme, `${k.scheme} does not apply to ${k.file}`);
        const line = linesByFile.get(k.file)!.find((l) => l.line === k.line);
        assert.ok(line, `${k.file}:${k.line} is not an assertion`);
        assert.notEqual(lineFailure(scheme, line), undefined, 'this line now holds: remove it from known-differences.json');
        if (k.inTotalOrder) assert.notEqual(totalOrderFailure(scheme, line), undefined, 'this line now holds in the total order: drop inTotalOrder');
      });
    }
  });
});
