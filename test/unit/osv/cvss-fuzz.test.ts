import assert from 'node:assert/strict';
import { fromVector } from 'ae-cvss-calculator';
import fc from 'fast-check';
import { scoreCvss, type CvssScore } from '../../../server/src/osv/cvss';

/**
 * Properties over generated vectors. Metric tables are transcribed here from the FIRST
 * specifications, independently of the scorer's own tables. The differential checks compare with
 * ae-cvss-calculator, an independent implementation that agrees with every base score of the
 * corpus; the environmental v3 score is compared only where the vector sets environmental metrics,
 * the one place the two implementations' conventions differ.
 */
type Table = Record<string, string[]>;
interface Version {
  prefix: string;
  base: Table;
  optional: Table;
}
const I = ['H', 'L', 'N'];
const V2: Version = {
  prefix: '',
  base: { AV: ['L', 'A', 'N'], AC: ['H', 'M', 'L'], Au: ['M', 'S', 'N'], C: ['N', 'P', 'C'], I: ['N', 'P', 'C'], A: ['N', 'P', 'C'] },
  optional: {},
};
const V3_BASE: Table = { AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], PR: ['N', 'L', 'H'], UI: ['N', 'R'], S: ['U', 'C'], C: I, I, A: I };
const V3_OPTIONAL: Table = {
  E: ['X', 'H', 'F', 'P', 'U'], RL: ['X', 'U', 'W', 'T', 'O'], RC: ['X', 'C', 'R', 'U'],
  CR: ['X', 'H', 'M', 'L'], IR: ['X', 'H', 'M', 'L'], AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'], MAC: ['X', 'L', 'H'], MPR: ['X', 'N', 'L', 'H'], MUI: ['X', 'N', 'R'], MS: ['X', 'U', 'C'],
  MC: ['X', ...I], MI: ['X', ...I], MA: ['X', ...I],
};
const V30: Version = { prefix: 'CVSS:3.0/', base: V3_BASE, optional: V3_OPTIONAL };
const V31: Version = { prefix: 'CVSS:3.1/', base: V3_BASE, optional: V3_OPTIONAL };
const V4: Version = {
  prefix: 'CVSS:4.0/',
  base: { AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], AT: ['N', 'P'], PR: ['N', 'L', 'H'], UI: ['N', 'P', 'A'], VC: I, VI: I, VA: I, SC: I, SI: I, SA: I },
  optional: {
    E: ['X', 'A', 'P', 'U'], CR: ['X', 'H', 'M', 'L'], IR: ['X', 'H', 'M', 'L'], AR: ['X', 'H', 'M', 'L'],
    MAV: ['X', 'N', 'A', 'L', 'P'], MAC: ['X', 'L', 'H'], MAT: ['X', 'N', 'P'], MPR: ['X', 'N', 'L', 'H'], MUI: ['X', 'N', 'P', 'A'],
    MVC: ['X', ...I], MVI: ['X', ...I], MVA: ['X', ...I], MSC: ['X', ...I], MSI: ['X', 'S', ...I], MSA: ['X', 'S', ...I],
    S: ['X', 'N', 'P'], AU: ['X', 'N', 'Y'], R: ['X', 'A', 'U', 'I'], V: ['X', 'D', 'C'], RE: ['X', 'L', 'M', 'H'], U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
  },
};
const VERSIONS = { '2.0': V2, '3.0': V30, '3.1': V31, '4.0': V4 } as const;
const V3_ENVIRONMENTAL = ['CR', 'IR', 'AR', 'MAV', 'MAC', 'MPR', 'MUI', 'MS', 'MC', 'MI', 'MA'];

/** Metrics in canonical order: every base metric, then a random subset of the optional ones. */
function metricsOf(v: Version): fc.Arbitrary<[string, string][]> {
  const pick = (table: Table) =>
    Object.entries(table).map(([name, values]) => fc.constantFrom(...values).map((value): [string, string] => [name, value]));
  const optional = fc.subarray(pick(v.optional)).chain((arbs) => fc.tuple(...arbs));
  return fc.tuple(fc.tuple(...pick(v.base)), optional).map(([base, more]) => [...base, ...more]);
}
const vectorOf = (v: Version, metrics: readonly [string, string][]) => v.prefix + metrics.map(([n, x]) => `${n}:${x}`).join('/');

function wellFormed(score: CvssScore): boolean {
  const oneDecimal = (x: number) => x >= 0 && x <= 10 && !Object.is(x, -0) && Math.round(x * 10) === x * 10;
  return oneDecimal(score.baseScore) && (score.vectorScore === undefined || oneDecimal(score.vectorScore.score));
}

/** ae-cvss-calculator gives -0 for some zero scores. */
const plusZero = (x: number | undefined) => (x === undefined ? x : x + 0);

/** Text made of vector pieces, so that generated input often comes close to a real vector. */
const vectorish = fc
  .array(fc.constantFrom('CVSS:3.1', 'CVSS:4.0', 'AV:N', 'AC:L', 'S:C', 'E:X', 'Au:N', '(', ')', '/', ':', ' '))
  .map((parts) => parts.join(''));

describe('scoreCvss under generated input', () => {
  it('never throws on arbitrary text; anything it accepts is well formed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), vectorish), (text) => {
        const score = scoreCvss(text);
        return score === undefined || wellFormed(score);
      }),
      { numRuns: 1000 },
    );
  });

  for (const [version, v] of Object.entries(VERSIONS)) {
    describe(`CVSS ${version}`, () => {
      it('scores every valid vector, whatever the metric order', () => {
        fc.assert(
          fc.property(metricsOf(v).chain((m) => fc.tuple(fc.constant(m), fc.shuffledSubarray(m, { minLength: m.length }))), ([canonical, shuffled]) => {
            const a = scoreCvss(vectorOf(v, canonical));
            const b = scoreCvss(vectorOf(v, shuffled));
            assert.ok(a && wellFormed(a), vectorOf(v, canonical));
            assert.equal(a.version, version);
            assert.deepEqual({ ...b, vector: '' }, { ...a, vector: '' });
          }),
          { numRuns: 500 },
        );
      });

      it('rejects a vector missing a base metric, repeating one, or with a value out of range', () => {
        const broken = metricsOf(v).chain((m) =>
          fc.oneof(
            fc.nat({ max: Object.keys(v.base).length - 1 }).map((i) => m.filter((_, j) => j !== i)),
            fc.nat({ max: m.length - 1 }).map((i) => [...m, m[i]!]),
            fc.tuple(fc.nat({ max: m.length - 1 }), fc.constantFrom('Z', '', 'h', 'XX', 'ND ')).map(([i, bad]) => m.map((p, j): [string, string] => (j === i ? [p[0], bad] : p))),
          ),
        );
        fc.assert(fc.property(broken, (m) => scoreCvss(vectorOf(v, m)) === undefined), { numRuns: 500 });
      });

      it('agrees with ae-cvss-calculator', () => {
        fc.assert(
          fc.property(metricsOf(v), (m) => {
            const vector = vectorOf(v, m);
            const ours = scoreCvss(vector)!;
            const raw = fromVector(vector).calculateScores() as Record<string, number | undefined>;
            const theirs = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, typeof value === 'number' ? plusZero(value) : value]));
            if (version === '4.0') {
              assert.equal(ours.vectorScore?.score ?? ours.baseScore, theirs.overall, vector);
              assert.equal(ours.baseScore, theirs.baseMetricsOnly, vector);
            } else {
              assert.equal(ours.baseScore, theirs.base, vector);
              const kind = ours.vectorScore?.kind;
              if (kind === 'temporal') assert.equal(ours.vectorScore!.score, theirs.temporal, vector);
              if (kind === 'environmental') assert.equal(ours.vectorScore!.score, theirs.environmental, vector);
              if (version !== '2.0' && m.some(([name, value]) => V3_ENVIRONMENTAL.includes(name) && value !== 'X')) assert.equal(kind, 'environmental');
            }
          }),
          // ae-cvss-calculator takes about a millisecond per v4.0 vector.
          { numRuns: version === '4.0' ? 300 : 1000 },
        );
      });
    });
  }
});
