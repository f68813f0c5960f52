import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreCvss, type CvssRating } from '../../../server/src/osv/cvss';
import { cvss3Scores, parseCvss3, type Cvss3Minor } from '../../../server/src/osv/cvss3';

/**
 * Every line of every file in test/fixtures/cvss (vectors scored by FIRST's calculators, see the
 * NOTICE there) is read and accounted for: asserted, or counted under the convention of
 * docs/severity.md with the count in the test title and pinned below.
 */
const DIR = join(__dirname, '../../fixtures/cvss');

const V3_FILES: { file: string; minor: Cvss3Minor; literalEnvironmentalNotShown: number }[] = [
  { file: 'rh-vectors_calculator3.txt', minor: '3.0', literalEnvironmentalNotShown: 0 },
  { file: 'rh-vectors_cvsslib3.txt', minor: '3.0', literalEnvironmentalNotShown: 0 },
  { file: 'rh-vectors_simple3.txt', minor: '3.0', literalEnvironmentalNotShown: 0 },
  // The corpus README's "80 v3.1 environmental scores for Scope:Changed vectors without environmental metrics".
  { file: 'rh-vectors_simple31.txt', minor: '3.1', literalEnvironmentalNotShown: 80 },
];
const V4_FILES = ['rh-vectors_simple4.txt', 'rh-vectors_security4.txt', 'rh-vectors_supplemental4.txt', 'rh-vectors_threat4.txt'];

const V3_TEMPORAL = ['E', 'RL', 'RC'];
const V3_ENVIRONMENTAL = ['CR', 'IR', 'AR', 'MAV', 'MAC', 'MPR', 'MUI', 'MS', 'MC', 'MI', 'MA'];
const V4_THREAT = ['E'];
const V4_ENVIRONMENTAL = ['CR', 'IR', 'AR', 'MAV', 'MAC', 'MAT', 'MPR', 'MUI', 'MVC', 'MVI', 'MVA', 'MSC', 'MSI', 'MSA'];
const V4_BASE = ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'];

interface CorpusLine {
  where: string;
  vector: string;
  /** v3 files: base, temporal, environmental; v4 files: the score of the whole vector. */
  scores: number[];
}

// `vector - (base, temporal, environmental)`, `vector - (score,)` or `vector - score`.
const LINE = /^(\S+) - (?:\(([0-9.]+), ([0-9.]+), ([0-9.]+)\)|\(([0-9.]+),\)|([0-9.]+))$/;

function readCorpusFile(file: string): { lines: CorpusLine[]; unreadable: string[] } {
  const text = readFileSync(join(DIR, file), 'utf8');
  const lines: CorpusLine[] = [];
  const unreadable: string[] = [];
  text.replace(/\n$/, '').split('\n').forEach((lineText, i) => {
    const match = LINE.exec(lineText);
    if (!match) unreadable.push(`${file}:${i + 1}: ${lineText}`);
    else lines.push({ where: `${file}:${i + 1}`, vector: match[1]!, scores: match.slice(2).filter((s) => s !== undefined).map(Number) });
  });
  return { lines, unreadable };
}

/** FIRST's qualitative scale (v3.0, v3.1 and v4.0), written out so the code is not graded by itself. */
function firstRating(score: number): CvssRating {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

/** Metrics a vector sets to something other than "not defined" (`X`). */
function setsAny(vector: string, names: readonly string[]): boolean {
  return vector
    .split('/')
    .slice(1)
    .some((part) => {
      const [name, value] = part.split(':');
      return names.includes(name!) && value !== 'X';
    });
}

function basePart(vector: string): string {
  return ['CVSS:4.0', ...vector.split('/').filter((part) => V4_BASE.includes(part.split(':')[0]!))].join('/');
}

function assertNoProblems(problems: string[], what: string): void {
  assert.equal(problems.length, 0, `${problems.length} ${what}:\n${problems.slice(0, 8).join('\n')}`);
}

const corpus = new Map([...V3_FILES.map((f) => f.file), ...V4_FILES].map((file) => [file, readCorpusFile(file)]));
const v3Lines = (file: string) => corpus.get(file)!.lines;

describe('CVSS scoring against the FIRST-scored corpus', () => {
  it('the fixture folder holds exactly the eight corpus files, every line in a known format', () => {
    assert.deepEqual(
      readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort(),
      [...V3_FILES.map((f) => f.file), ...V4_FILES].sort(),
    );
    assertNoProblems([...corpus.values()].flatMap((c) => c.unreadable), 'lines in no known format');
  });

  for (const { file, minor, literalEnvironmentalNotShown } of V3_FILES) {
    const lines = v3Lines(file);
    const withEnvironmental = lines.filter((l) => setsAny(l.vector, V3_ENVIRONMENTAL)).length;
    const temporalOnly = lines.filter((l) => !setsAny(l.vector, V3_ENVIRONMENTAL) && setsAny(l.vector, V3_TEMPORAL)).length;
    const baseOnly = lines.length - withEnvironmental - temporalOnly;

    describe(`${file} (CVSS ${minor}, ${lines.length} lines)`, () => {
      it(`base score and rating of all ${lines.length} vectors`, () => {
        const problems: string[] = [];
        for (const { where, vector, scores } of lines) {
          const got = scoreCvss(vector);
          const want = { version: minor, baseScore: scores[0], rating: firstRating(scores[0]!), vector };
          const gotSome = got && { version: got.version, baseScore: got.baseScore, rating: got.rating, vector: got.vector };
          if (JSON.stringify(gotSome) !== JSON.stringify(want)) problems.push(`${where}: want ${JSON.stringify(want)}, got ${JSON.stringify(gotSome)}`);
        }
        assertNoProblems(problems, 'base scores differ');
      });

      it(`literal temporal and environmental equations of all ${lines.length} vectors`, () => {
        const problems: string[] = [];
        for (const { where, vector, scores } of lines) {
          const metrics = parseCvss3(vector.slice('CVSS:3.x/'.length));
          const got = metrics && cvss3Scores(metrics, minor);
          const want = { base: scores[0], temporal: scores[1], environmental: scores[2] };
          if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${where}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
        }
        assertNoProblems(problems, 'equation results differ');
      });

      it(
        `score shown beside the base: ${withEnvironmental} environmental, ${temporalOnly} temporal, ${baseOnly} none; ` +
          `${literalEnvironmentalNotShown} literal environmental scores not applicable (no environmental metrics set, Scope:Changed, convention in docs/severity.md)`,
        () => {
          const problems: string[] = [];
          let notShown = 0;
          for (const { where, vector, scores } of lines) {
            const [base, temporal, environmental] = scores as [number, number, number];
            const got = scoreCvss(vector)?.vectorScore;
            let want: typeof got;
            if (setsAny(vector, V3_ENVIRONMENTAL)) want = { kind: 'environmental', score: environmental, rating: firstRating(environmental) };
            else if (setsAny(vector, V3_TEMPORAL)) want = { kind: 'temporal', score: temporal, rating: firstRating(temporal) };
            if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${where}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);

            if (!setsAny(vector, V3_ENVIRONMENTAL) && environmental !== (want ? temporal : base)) {
              notShown++;
              if (!vector.includes('/S:C')) problems.push(`${where}: literal environmental ${environmental} differs without Scope:Changed`);
            }
          }
          assertNoProblems(problems, 'shown scores differ');
          assert.equal(notShown, literalEnvironmentalNotShown);
        },
      );
    });
  }

  describe('CVSS 4.0', () => {
    const lines = V4_FILES.flatMap((file) => corpus.get(file)!.lines);
    const adjusted = (l: CorpusLine) => setsAny(l.vector, V4_THREAT) || setsAny(l.vector, V4_ENVIRONMENTAL);
    // Supplemental metrics never change a score, so every line without threat or environmental
    // metrics gives the CVSS-B score of its base metrics.
    const baseScores = new Map(lines.filter((l) => !adjusted(l)).map((l) => [basePart(l.vector), l.scores[0]!]));

    for (const file of V4_FILES) {
      const fileLines = corpus.get(file)!.lines;
      const plain = fileLines.filter((l) => !adjusted(l));
      const withMore = fileLines.filter(adjusted);

      describe(`${file} (${fileLines.length} lines)`, () => {
        if (plain.length > 0) it(`CVSS-B score and rating of the ${plain.length} vectors without threat or environmental metrics`, () => {
          const problems: string[] = [];
          for (const { where, vector, scores } of plain) {
            const got = scoreCvss(vector);
            const want = { version: '4.0', baseScore: scores[0], rating: firstRating(scores[0]!), vector, vectorScore: undefined };
            const gotSome = got && { version: got.version, baseScore: got.baseScore, rating: got.rating, vector: got.vector, vectorScore: got.vectorScore };
            if (JSON.stringify(gotSome) !== JSON.stringify(want)) problems.push(`${where}: want ${JSON.stringify(want)}, got ${JSON.stringify(gotSome)}`);
          }
          assertNoProblems(problems, 'scores differ');
        });

        if (withMore.length > 0) it(`CVSS-BT/BE/BTE score of the ${withMore.length} vectors with threat or environmental metrics, and their base score`, () => {
          const problems: string[] = [];
          for (const { where, vector, scores } of withMore) {
            const got = scoreCvss(vector);
            const kind = `CVSS-B${setsAny(vector, V4_THREAT) ? 'T' : ''}${setsAny(vector, V4_ENVIRONMENTAL) ? 'E' : ''}`;
            const base = baseScores.get(basePart(vector));
            if (base === undefined) problems.push(`${where}: the corpus never scores ${basePart(vector)} alone`);
            const want = { baseScore: base, rating: base === undefined ? undefined : firstRating(base), vectorScore: { kind, score: scores[0], rating: firstRating(scores[0]!) } };
            const gotSome = got && { baseScore: got.baseScore, rating: got.rating, vectorScore: got.vectorScore };
            if (JSON.stringify(gotSome) !== JSON.stringify(want)) problems.push(`${where}: want ${JSON.stringify(want)}, got ${JSON.stringify(gotSome)}`);
          }
          assertNoProblems(problems, 'scores differ');
        });
      });
    }
  });
});
