import { DEFAULT_UNKNOWN_AS, failsGate, SEVERITIES, type RatedSeverity, type Severity } from '../core/severity';
import type { PolicyFacts } from './facts';
import type { Policy, PolicyAction, PolicyRule } from './types';

/** A diagnostic level as `chainsight.severity.*` spells it (settings.ts). */
export type SeverityLevel = 'error' | 'warning' | 'information' | 'hint' | 'none';
export type SeverityLevels = Readonly<Record<Severity, SeverityLevel>>;

/** The defaults of `chainsight.severity.*`. */
export const DEFAULT_SEVERITY_LEVELS: SeverityLevels = { critical: 'error', high: 'error', moderate: 'warning', low: 'information', unknown: 'warning' };

/** The CLI's `--fail-on` values (cli/gate.ts): a severity, `unknown` (fail on any finding) or `none`. */
export type FailOn = Severity | 'none';

export interface BuiltinOptions {
  /** The editor's `chainsight.severity.*` (default: their defaults). */
  levels?: SeverityLevels;
  /**
   * The CLI gate: findings at or above this severity are `error` (what makes the exit code 1), and
   * every other severity rule is at most `warn`. Absent in the editor, where the levels alone decide.
   */
  failOn?: FailOn;
  /** The CLI's `--unknown-as`: what an advisory without a rating counts as at the gate (default high). */
  unknownAs?: RatedSeverity;
}

const LEVEL_ACTIONS: Readonly<Record<SeverityLevel, PolicyAction>> = { error: 'error', warning: 'warn', information: 'info', hint: 'hint', none: 'ignore' };

/** Built-in rule ids carry this prefix; policy files cannot use it. */
export const BUILTIN_PREFIX = 'chainsight/';

/** VEX comes before any rule: what a statement suppresses, policy does not count (docs/policy.md). */
export const VEX_SUPPRESSED_RULE: PolicyRule = {
  id: `${BUILTIN_PREFIX}vex-suppressed`,
  name: 'Suppressed by VEX',
  subject: 'vulnerability',
  action: 'ignore',
  when: 'vuln.suppressed',
  reason: 'a VEX statement says not affected or fixed, or accepts the risk until a date not yet past',
  condition: { evaluate: (f: PolicyFacts) => f.vuln?.suppressed === true, reads: [['vuln', 'suppressed']] },
};

/** `--fail-on LEVEL` (with `--unknown-as`) as the rule it is shorthand for: exactly what core/severity.ts `failsGate` fails. */
export function failOnRule(failOn: Severity, unknownAs: RatedSeverity = DEFAULT_UNKNOWN_AS): PolicyRule {
  const failing = SEVERITIES.filter((s) => failsGate(s, failOn, unknownAs));
  return {
    id: `${BUILTIN_PREFIX}fail-on-${failOn}`,
    name: failOn === 'unknown' ? 'Any finding' : `Severity ${failOn} or above`,
    subject: 'vulnerability',
    action: 'error',
    when: failing.length === SEVERITIES.length ? 'true' : `vuln.severity in [${failing.map((s) => `'${s}'`).join(', ')}]`,
    reason: `--fail-on ${failOn}${failing.includes('unknown') && failOn !== 'unknown' ? ` (unrated advisories count as ${unknownAs})` : ''}`,
    condition: { evaluate: (f: PolicyFacts) => (f.vuln ? failsGate(f.vuln.severity, failOn, unknownAs) : false), reads: [['vuln', 'severity']] },
  };
}

/**
 * The rules that reproduce Chainsight's behaviour before policies: each severity at the level its
 * setting gives it, and in the CLI, `--fail-on` deciding what fails. They end every policy, so a
 * policy file only says what differs.
 */
export function severityRules(options: BuiltinOptions = {}): PolicyRule[] {
  const levels = options.levels ?? DEFAULT_SEVERITY_LEVELS;
  const gate = options.failOn !== undefined;
  const rules: PolicyRule[] = [];
  if (options.failOn && options.failOn !== 'none') rules.push(failOnRule(options.failOn, options.unknownAs));
  for (const severity of SEVERITIES) {
    let action = LEVEL_ACTIONS[levels[severity]];
    // In the CLI only --fail-on makes errors; the levels still say how loud the rest is in reports.
    if (gate && action === 'error') action = 'warn';
    rules.push({
      id: `${BUILTIN_PREFIX}severity-${severity}`,
      name: `Severity ${severity}`,
      subject: 'vulnerability',
      action,
      when: `vuln.severity == '${severity}'`,
      reason: gate ? `${severity} severity` : `chainsight.severity.${severity} is ${levels[severity]}`,
      condition: { evaluate: (f: PolicyFacts) => f.vuln?.severity === severity, reads: [['vuln', 'severity']] },
    });
  }
  return rules;
}

/** The policy with no policy file: today's behaviour, plus VEX. */
export function builtinPolicy(options: BuiltinOptions = {}): Policy {
  return { rules: [VEX_SUPPRESSED_RULE, ...severityRules(options)], origin: { kind: 'builtin' } };
}

/** A policy file's rules in their place: after VEX, before the built-in rules that decide what they leave. */
export function withBuiltins(fileRules: readonly PolicyRule[], path: string, options: BuiltinOptions = {}): Policy {
  return { rules: [VEX_SUPPRESSED_RULE, ...fileRules, ...severityRules(options)], origin: { kind: 'file', path } };
}
