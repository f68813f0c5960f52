import { definesAny, type Metrics } from './cvss-metrics';
import { ratingForScore, type CvssRating, type CvssVersion } from './cvss-rating';
import { cvss2BaseScore, parseCvss2 } from './cvss2';
import { CVSS3_ENVIRONMENTAL_METRICS, CVSS3_TEMPORAL_METRICS, cvss3Scores, parseCvss3, type Cvss3Minor } from './cvss3';
import { cvss4BaseScore, cvss4Nomenclature, cvss4Score, parseCvss4 } from './cvss4';

export type { CvssRating, CvssVersion } from './cvss-rating';

export interface CvssScore {
  version: CvssVersion;
  /** The base score: v2 and v3.x base equation; for v4.0 CVSS-B, the score of the base metrics alone. */
  baseScore: number;
  /** Rating of `baseScore` on its version's scale. */
  rating: CvssRating;
  /** The vector that was scored: trimmed, v2 parentheses removed. */
  vector: string;
  /**
   * The score of everything the vector carries, present only when it carries more than base metrics
   * (v2 excepted): v3.x its environmental score when it sets environmental metrics, else its temporal
   * score; v4.0 its CVSS-BT, CVSS-BE or CVSS-BTE score. Shown beside the base score, never rated on:
   * see docs/severity.md.
   */
  vectorScore?: { kind: VectorScoreKind; score: number; rating: CvssRating };
}

export type VectorScoreKind = 'temporal' | 'environmental' | 'CVSS-BT' | 'CVSS-BE' | 'CVSS-BTE';

/** Longest accepted input: a v4.0 vector with every metric spelled out is under 200 characters. */
const MAX_VECTOR_LENGTH = 400;

/**
 * Scores a CVSS v2, v3.0, v3.1 or v4.0 vector. Returns undefined for anything that is not a
 * complete, valid vector (unknown version, unknown or repeated metric, value out of range, missing
 * base metric); never throws.
 */
export function scoreCvss(vector: string): CvssScore | undefined {
  if (typeof vector !== 'string' || vector.length > MAX_VECTOR_LENGTH) return undefined;
  const text = vector.trim();
  const slash = text.indexOf('/');
  const prefix = slash < 0 ? '' : text.slice(0, slash);
  const body = text.slice(slash + 1);
  if (prefix === 'CVSS:4.0') return scoreV4(text, body);
  if (prefix === 'CVSS:3.1' || prefix === 'CVSS:3.0') return scoreV3(text, body, prefix.slice(5) as Cvss3Minor);
  if (prefix === 'CVSS:2.0') return scoreV2(text, body);
  // NVD printed v2 vectors bare or in parentheses; some tools prefix them with "CVSS:2.0/".
  if (text.startsWith('(') && text.endsWith(')')) return scoreV2(text.slice(1, -1), text.slice(1, -1));
  return scoreV2(text, text);
}

function scoreV2(vector: string, body: string): CvssScore | undefined {
  const metrics = parseCvss2(body);
  if (!metrics) return undefined;
  const baseScore = cvss2BaseScore(metrics);
  return { version: '2.0', baseScore, rating: ratingForScore(baseScore, '2.0'), vector };
}

function scoreV3(vector: string, body: string, minor: Cvss3Minor): CvssScore | undefined {
  const metrics = parseCvss3(body);
  if (!metrics) return undefined;
  const scores = cvss3Scores(metrics, minor);
  const result: CvssScore = { version: minor, baseScore: scores.base, rating: ratingForScore(scores.base, minor), vector };
  const kind = v3VectorScoreKind(metrics);
  if (kind) result.vectorScore = { kind, score: scores[kind], rating: ratingForScore(scores[kind], minor) };
  return result;
}

/**
 * Chainsight's convention for v3.x: a vector has an environmental score only when it sets an
 * environmental metric, and a temporal score only when it sets a temporal one. Without this, a
 * Scope:Changed v3.1 vector with no environmental metrics would get an "environmental" score that
 * differs from its base score (v3.1 changed only the modified-impact formula), a number its author
 * never chose.
 */
function v3VectorScoreKind(metrics: Metrics): 'temporal' | 'environmental' | undefined {
  if (definesAny(metrics, CVSS3_ENVIRONMENTAL_METRICS, 'X')) return 'environmental';
  if (definesAny(metrics, CVSS3_TEMPORAL_METRICS, 'X')) return 'temporal';
  return undefined;
}

function scoreV4(vector: string, body: string): CvssScore | undefined {
  const metrics = parseCvss4(body);
  if (!metrics) return undefined;
  const baseScore = cvss4BaseScore(metrics);
  const result: CvssScore = { version: '4.0', baseScore, rating: ratingForScore(baseScore, '4.0'), vector };
  const kind = cvss4Nomenclature(metrics);
  if (kind !== 'CVSS-B') {
    const score = cvss4Score(metrics);
    result.vectorScore = { kind, score, rating: ratingForScore(score, '4.0') };
  }
  return result;
}
