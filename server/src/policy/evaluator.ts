import type { PackageFacts, PolicyFacts, VulnerabilityFacts } from './facts';
import type { Policy, PolicyAction, PolicyResult, PolicyRule } from './types';

const ACTION_RANK: Readonly<Record<PolicyAction, number>> = { ignore: 0, hint: 1, info: 2, warn: 3, error: 4 };

/** A rule that could not be evaluated for some subjects (a fact it reads was absent, a type it did not expect). */
export interface RuleProblem {
  rule: PolicyRule;
  /** Subjects it failed on; each counted as no match. */
  count: number;
  /** The first failure, e.g. `no such key: releaseAgeDays`. */
  message: string;
}

/**
 * Runs a policy's rules in order, first match wins. One evaluator serves one scan: conditions that
 * declare what they read are answered from memory for every repeat of the same facts (most rules
 * look at a handful of low-cardinality facts: severity, group, ecosystem), which keeps a 20-rule
 * policy over a thousand packages cheap.
 */
export class PolicyEvaluator {
  private readonly vulnerabilityRules: readonly PolicyRule[];
  private readonly packageRules: readonly PolicyRule[];
  private readonly memo = new Map<PolicyRule, Map<string, boolean>>();
  private readonly failures = new Map<PolicyRule, { count: number; message: string }>();

  constructor(readonly policy: Policy) {
    this.vulnerabilityRules = policy.rules.filter((r) => r.subject === 'vulnerability');
    this.packageRules = policy.rules.filter((r) => r.subject === 'package');
  }

  /** The first vulnerability rule that matches; the built-in severity rules end every policy, so one always does. */
  vulnerability(pkg: PackageFacts, vuln: VulnerabilityFacts): PolicyResult | undefined {
    return this.first(this.vulnerabilityRules, { pkg, vuln });
  }

  /** The first package rule that matches; undefined when none does (nothing to say about the package). */
  package(pkg: PackageFacts): PolicyResult | undefined {
    return this.packageRules.length ? this.first(this.packageRules, { pkg }) : undefined;
  }

  get hasPackageRules(): boolean {
    return this.packageRules.length > 0;
  }

  problems(): RuleProblem[] {
    return [...this.failures].map(([rule, f]) => ({ rule, count: f.count, message: f.message }));
  }

  private first(rules: readonly PolicyRule[], facts: PolicyFacts): PolicyResult | undefined {
    for (const rule of rules) if (this.matches(rule, facts)) return resultOf(rule);
    return undefined;
  }

  private matches(rule: PolicyRule, facts: PolicyFacts): boolean {
    const reads = rule.condition.reads;
    const key = reads ? memoKey(reads, facts) : undefined;
    if (key !== undefined) {
      const hit = this.memo.get(rule)?.get(key);
      if (hit !== undefined) return hit;
    }
    const outcome = rule.condition.evaluate(facts);
    let matched: boolean;
    if (typeof outcome === 'boolean') matched = outcome;
    else {
      matched = false;
      const seen = this.failures.get(rule);
      if (seen) seen.count++;
      else this.failures.set(rule, { count: 1, message: outcome.error });
    }
    if (key !== undefined) {
      let byKey = this.memo.get(rule);
      if (!byKey) this.memo.set(rule, (byKey = new Map()));
      byKey.set(key, matched);
    }
    return matched;
  }
}

export function resultOf(rule: PolicyRule): PolicyResult {
  return { ruleId: rule.id, ruleName: rule.name, action: rule.action, reason: rule.reason ?? rule.name, subject: rule.subject, ...(rule.source ? { source: rule.source } : {}) };
}

/**
 * One diagnostic often stands for several results (a manifest line and the vulnerable packages it
 * pulls in): it is as loud as the loudest of them; ignored results do not count, so an ignore rule
 * hides its own findings and never another's. Undefined when everything is ignored.
 */
export function loudest(results: Iterable<PolicyResult | undefined>): PolicyResult | undefined {
  let best: PolicyResult | undefined;
  for (const r of results) if (r && r.action !== 'ignore' && (!best || ACTION_RANK[r.action] > ACTION_RANK[best.action])) best = r;
  return best;
}

/** Whether the results fail a CI gate: any `error`. */
export function failsGate(results: Iterable<PolicyResult | undefined>): boolean {
  for (const r of results) if (r?.action === 'error') return true;
  return false;
}

function memoKey(reads: ReadonlyArray<readonly string[]>, facts: PolicyFacts): string {
  const values: unknown[] = [];
  for (const path of reads) {
    let value: unknown = facts;
    for (const step of path) value = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[step];
    values.push(value === undefined ? '\u0000absent' : value);
  }
  return JSON.stringify(values);
}
