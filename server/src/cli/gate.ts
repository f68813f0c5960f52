import type { Finding, Vulnerability } from '../core/findings';
import { DEFAULT_UNKNOWN_AS, failsGate, GATE_LEVELS, type RatedSeverity, type Severity } from '../core/severity';
import { UsageError } from './io';

/** `--fail-on`: `none`, or a severity at or above which findings fail the run; `unknown` fails on any. */
export const FAIL_ON_LEVELS = ['none', ...GATE_LEVELS] as const;
/** `--unknown-as`: what an advisory without a rating counts as. */
export const UNKNOWN_AS_LEVELS: readonly RatedSeverity[] = ['low', 'moderate', 'high', 'critical'];

export interface Gate {
  failOn: Severity | 'none';
  unknownAs: RatedSeverity;
}

export function gateFrom(values: { 'fail-on'?: string; 'unknown-as'?: string }): Gate {
  return {
    failOn: oneOf(values['fail-on'] ?? 'high', FAIL_ON_LEVELS, '--fail-on'),
    unknownAs: oneOf(values['unknown-as'] ?? DEFAULT_UNKNOWN_AS, UNKNOWN_AS_LEVELS, '--unknown-as'),
  };
}

/**
 * A note for advisories without a rating that the gate counts (`counts`: VEX leaves it in): they
 * count as `unknownAs`, and the user is told so whenever there are any, so none passes a gate unseen.
 */
export function unratedNote(findings: readonly Finding[], gate: Gate, counts: (f: Finding, v: Vulnerability) => boolean = () => true): string | undefined {
  if (gate.failOn === 'none') return undefined;
  const unrated = new Set<string>();
  let failed = false;
  for (const f of findings) {
    for (const v of f.vulnerabilities) {
      if (!counts(f, v)) continue;
      if (v.severity === 'unknown') unrated.add(`${f.purl}|${v.id}`);
      if (failsGate(v.severity, gate.failOn, gate.unknownAs)) failed = true;
    }
  }
  if (unrated.size === 0) return undefined;
  const count = unrated.size === 1 ? '1 advisory has' : `${unrated.size} advisories have`;
  const effect = failed ? '' : `, below --fail-on ${gate.failOn}`;
  return `${count} no severity rating (the Go vulnerability database rates none): counted as ${gate.unknownAs} (--unknown-as)${effect}`;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}
