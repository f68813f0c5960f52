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

/** A severity some rating gave. */
export type RatedSeverity = Exclude<Severity, 'unknown'>;

/** What a gate (`--fail-on`) can be set to, least severe first; `unknown` fails on every finding. */
export const GATE_LEVELS: readonly Severity[] = ['unknown', 'low', 'moderate', 'high', 'critical'];

/**
 * How an advisory without a rating counts at a gate unless configured (`--unknown-as`): like high.
 * The Go vulnerability database rates nothing, and a gate must not pass its advisories silently.
 */
export const DEFAULT_UNKNOWN_AS: RatedSeverity = 'high';

/** The severity a gate compares: the rating, or `unknownAs` for an advisory without one. */
export function gateSeverity(s: Severity, unknownAs: RatedSeverity = DEFAULT_UNKNOWN_AS): RatedSeverity {
  return s === 'unknown' ? unknownAs : s;
}

/** Whether an advisory of severity `s` fails a gate set to `threshold`. */
export function failsGate(s: Severity, threshold: Severity, unknownAs: RatedSeverity = DEFAULT_UNKNOWN_AS): boolean {
  return threshold === 'unknown' || GATE_LEVELS.indexOf(gateSeverity(s, unknownAs)) >= GATE_LEVELS.indexOf(threshold);
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
