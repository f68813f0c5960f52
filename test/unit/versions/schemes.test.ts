import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import fc from 'fast-check';
import * as versions from '../../../server/src/versions/index';
import { orderVersions, type VersionScheme } from '../../../server/src/versions/scheme';
import { FIXTURE_DIR, FIXTURES, readFixtureLines } from './version-fixtures';

const { SCHEMES } = versions;

// Pieces that reach every branch of every parser, glued at random.
const versionish = fc
  .array(
    fc.constantFrom('0', '1', '9', '01', '.', '-', '+', '_', 'v', 'V', '=', 'a', 'b', 'rc', 'RC', 'beta', 'dev', 'pre', 'post', 'r',
      'p', 'pl', 'x', '*', '#', '!', '~', ' ', '\t', 'SNAPSHOT', 'ga', 'sp', 'go', '0x1f', 'as', '@', 'e5', 'ß', '\u0000',
      '9999999999999999999999', '${', '}', '[', ','),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(''));
const anyText = fc.oneof(versionish, fc.string({ unit: 'binary', maxLength: 64 }), fc.string({ maxLength: 300 }));

// Inputs shaped to make a backtracking regular expression explode; parsing must stay linear.
const HOSTILE = [
  `1.0.0-beta${'1'.repeat(200)}!`,
  `1.0.0-beta${'1-'.repeat(100)}!`,
  `1${'.1'.repeat(120)}x`,
  `v${'1'.repeat(250)}`,
  `1.0${'-'.repeat(250)}`,
  `1${' '.repeat(250)}x`,
  `${'dev'.repeat(80)}!`,
  `${'1.0-a'.repeat(50)}!`,
  `1-${'a-'.repeat(120)}!`,
  `1.0+${'a.'.repeat(120)}!`,
  '1.0.0'.repeat(100_000),
];

/** Distinct versions from the scheme's fixture files that it parses. */
function fixtureVersions(scheme: VersionScheme): string[] {
  const texts = new Set<string>();
  for (const { file, schemes } of FIXTURES) {
    if (!schemes.includes(scheme)) continue;
    for (const l of readFixtureLines(join(FIXTURE_DIR, file), file).lines) texts.add(l.a).add(l.b);
  }
  return [...texts].filter((t) => scheme.parse(t) !== undefined);
}

describe('version schemes', () => {
  it('lists every scheme exactly once', () => {
    const exported = (Object.values(versions) as unknown[]).filter((v): v is VersionScheme => typeof v === 'object' && v !== null && 'parse' in v);
    const byId = (a: VersionScheme, b: VersionScheme) => a.id.localeCompare(b.id);
    assert.deepEqual([...SCHEMES].sort(byId), exported.sort(byId));
    assert.deepEqual(SCHEMES.map((s) => s.id).sort(), ['go', 'maven', 'npm', 'nuget', 'packagist', 'pep440', 'pub', 'rubygems', 'semver']);
  });

  for (const scheme of SCHEMES) {
    describe(scheme.id, () => {
      it('never throws on arbitrary text, and orders what it parses consistently', () => {
        fc.assert(
          fc.property(anyText, anyText, (x, y) => {
            const a = scheme.parse(x);
            const b = scheme.parse(y);
            if (a !== undefined) assert.equal(scheme.compare(a, a), 0);
            if (a !== undefined && b !== undefined) {
              const ab = Math.sign(scheme.compare(a, b));
              assert.ok(Number.isFinite(ab));
              assert.equal(ab, -Math.sign(scheme.compare(b, a)) || 0);
            }
          }),
          { numRuns: 3000 },
        );
      });

      it('rejects or parses hostile input without backtracking blow-ups', () => {
        for (const text of HOSTILE) scheme.parse(text);
      });

      it('is a total order over its fixture versions', () => {
        const parsed = fixtureVersions(scheme).map((text) => ({ text, v: scheme.parse(text)! }));
        const step = Math.max(1, Math.floor(parsed.length / 400));
        const sample = parsed.filter((_, i) => i % step === 0);
        const sorted = [...sample].sort((p, q) => scheme.compare(p.v, q.v));
        for (let i = 0; i < sorted.length; i++) {
          for (let j = i + 1; j < sorted.length; j++) {
            const c = Math.sign(scheme.compare(sorted[i]!.v, sorted[j]!.v));
            assert.ok(c <= 0, `${sorted[i]!.text} sorted before ${sorted[j]!.text} but compares above it`);
            assert.equal(Math.sign(scheme.compare(sorted[j]!.v, sorted[i]!.v)), -c || 0);
          }
        }
        fc.assert(
          fc.property(fc.constantFrom(...sample), fc.constantFrom(...sample), fc.constantFrom(...sample), (a, b, c) => {
            if (scheme.compare(a.v, b.v) <= 0 && scheme.compare(b.v, c.v) <= 0) assert.ok(scheme.compare(a.v, c.v) <= 0);
          }),
          { numRuns: 2000 },
        );
      });
    });
  }

  // compareVersions (engine API) over any text: never throws; a number wherever the ecosystem's
  // reference orders any string, `undefined` exactly where its tool rejects one side.
  describe('orderVersions (compareVersions): any string, any scheme', () => {
    // Real strings the strict grammars reject, from issue 12 and the fixtures.
    const REAL = ['0.9-eevee', '2013-01-21T20:33:09+0100', '1.3.1-STAGING', '3.0.0b1.post1', '${project.version}', 'dev-main', '1.2.3.#', '', ' ', '\u0000', 'v', '-1', '#1', '\u0661\u0662'];
    for (const scheme of SCHEMES) {
      it(`${scheme.id}: never throws${scheme.orderAnyText ? ', always orders, antisymmetric and transitive' : ', unordered exactly where a side does not parse'}`, () => {
        const text = fc.oneof(anyText, fc.constantFrom(...REAL), fc.constantFrom(...fixtureVersions(scheme)));
        fc.assert(
          fc.property(text, text, text, (a, b, c) => {
            const ab = orderVersions(scheme, a, b);
            const ba = orderVersions(scheme, b, a);
            if (!scheme.orderAnyText) {
              assert.equal(ab === undefined, scheme.parse(a) === undefined || scheme.parse(b) === undefined);
              return;
            }
            assert.ok(ab === -1 || ab === 0 || ab === 1, `${JSON.stringify(a)} vs ${JSON.stringify(b)}: ${ab}`);
            assert.equal(ab, -ba! || 0);
            assert.equal(orderVersions(scheme, a, a), 0);
            const bc = orderVersions(scheme, b, c)!;
            if (ab <= 0 && bc <= 0) assert.ok(orderVersions(scheme, a, c)! <= 0, `${a} <= ${b} <= ${c}`);
          }),
          { numRuns: 3000 },
        );
        for (const h of HOSTILE) orderVersions(scheme, h, '1.0.0');
      });
    }

    it('PyPI: legacy versions sort below every PEP 440 version and among themselves as LegacyVersion', () => {
      const order = (a: string, b: string) => orderVersions(versions.pep440Scheme, a, b);
      assert.equal(order('0.9-eevee', '0.0.1'), -1);
      assert.equal(order('0.9-eevee', '0.9-fearow'), -1);
      assert.equal(order('2013-01-21T20:33:09+0100', '2013-01-23T17:11:52+0100'), -1);
      assert.equal(order('1.3.1-STAGING', '0.0.1'), -1);
      assert.equal(order('1.0', '1.0.0'), 0);
    });

    it('Packagist: text Composer rejects is ordered as version_compare reads it', () => {
      const order = (a: string, b: string) => orderVersions(versions.packagistScheme, a, b);
      assert.equal(order('3.0.0b1.post1', '3.0.0'), -1);
      assert.equal(order('3.0.0b1.post1', '3.0.0b1.post2'), -1);
      assert.equal(order('3.0.0b1.post2', '3.0.0b2'), -1);
      assert.equal(order('dev-main', '1.0.0'), -1);
    });
  });
});
