/** Severity in the words GitHub advisories and npm audit use; `unknown` when a record gives nothing. */
export type Severity = 'critical' | 'high' | 'moderate' | 'low' | 'unknown';

/** From most to least severe; `unknown` sorts last so it never hides a known rating. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'moderate', 'low', 'unknown'];

/** Negative when `a` is more severe than `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}

export function maxSeverity(list: Iterable<Severity>): Severity {
  let best: Severity = 'unknown';
  for (const s of list) if (compareSeverity(s, best) < 0) best = s;
  return best;
}

/** Rank for thresholds such as `--fail-on`: higher is more severe, unknown counts as nothing. */
export function severityRank(s: Severity): number {
  return s === 'unknown' ? 0 : SEVERITIES.length - 1 - SEVERITIES.indexOf(s);
}

/** What a record's severity rests on, shown in hovers so users can judge it. */
export interface SeverityAssessment {
  severity: Severity;
  /** CVSS base score, when a vector gave one. */
  score?: number;
  vector?: string;
  /** `2.0`, `3.0`, `3.1` or `4.0`. */
  cvssVersion?: string;
  from: 'cvss' | 'database_specific' | 'malicious' | 'none';
}
