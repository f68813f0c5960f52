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
 * look at a handful of low-cardinality facts: severity, group, ecosystem, an absent licence), which
 * keeps a 20-rule policy over a thousand packages cheap.
 */
export class PolicyEvaluator {
  private readonly vulnerabilityRules: readonly Entry[];
  private readonly packageRules: readonly Entry[];
  private readonly failures = new Map<PolicyRule, { count: number; message: string }>();

  constructor(readonly policy: Policy) {
    const entry = (rule: PolicyRule): Entry => ({ rule, result: resultOf(rule), ...(rule.condition.reads && !rule.condition.cheap ? { memo: { answers: new Map(), lookups: 0, hits: 0, off: false, key: keyOf(rule.condition.reads) } } : {}) });
    this.vulnerabilityRules = policy.rules.filter((r) => r.subject === 'vulnerability').map(entry);
    this.packageRules = policy.rules.filter((r) => r.subject === 'package').map(entry);
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

  private first(entries: readonly Entry[], facts: PolicyFacts): PolicyResult | undefined {
    for (const entry of entries) if (this.matches(entry, facts)) return entry.result;
    return undefined;
  }

  private matches(entry: Entry, facts: PolicyFacts): boolean {
    const memo = entry.memo;
    const remember = memo !== undefined && !memo.off;
    const key = remember ? memo.key(facts) : undefined;
    if (remember) {
      memo.lookups++;
      const hit = memo.answers.get(key);
      if (hit !== undefined) {
        memo.hits++;
        return this.outcome(entry.rule, hit);
      }
    }
    const outcome = entry.rule.condition.evaluate(facts);
    const answer: Answer = typeof outcome === 'boolean' ? outcome : { error: outcome.error };
    if (remember) {
      memo.answers.set(key, answer);
      // A rule over a fact that differs for every package (its name) gains nothing from memory.
      if (memo.lookups === MEMO_TRIAL && memo.hits < MEMO_TRIAL / 4) {
        memo.off = true;
        memo.answers.clear();
      }
    }
    return this.outcome(entry.rule, answer);
  }

  /** A failure counts for every subject it happens on, remembered or not; it is never a match. */
  private outcome(rule: PolicyRule, answer: Answer): boolean {
    if (typeof answer === 'boolean') return answer;
    const seen = this.failures.get(rule);
    if (seen) seen.count++;
    else this.failures.set(rule, { count: 1, message: answer.error });
    return false;
  }
}

type Answer = boolean | { error: string };

/** A rule with its result made once (results are shared, never changed) and its memory. */
interface Entry {
  rule: PolicyRule;
  result: PolicyResult;
  memo?: Memo;
}

/** What a rule's answers are remembered by; switched off when its facts rarely repeat. */
interface Memo {
  answers: Map<unknown, Answer>;
  lookups: number;
  hits: number;
  off: boolean;
  /** The key of a subject's facts, made once per rule for the facts it reads. */
  key: (facts: PolicyFacts) => unknown;
}

const MEMO_TRIAL = 200;
/** The key of an absent fact (undefined would read as "not remembered"). */
const ABSENT = Symbol('absent');

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

/** The values a condition reads as one Map key: the value itself for one primitive, a tagged string for several, JSON otherwise. */
function keyOf(reads: ReadonlyArray<readonly string[]>): (facts: PolicyFacts) => unknown {
  const getters = reads.map(getter);
  if (getters.length === 1) {
    const get = getters[0]!;
    return (facts) => {
      const value = get(facts);
      if (value === undefined) return ABSENT;
      return value === null || typeof value !== 'object' ? value : JSON.stringify(value);
    };
  }
  return (facts) => {
    let key = '';
    for (const get of getters) {
      const value = get(facts);
      if (value === undefined) key += 'u\u0001';
      else if (value === null || typeof value !== 'object') key += `${typeof value}:${String(value)}\u0001`;
      else key += `j:${JSON.stringify(value)}\u0001`;
    }
    return key;
  };
}

/** Facts are two levels deep (`pkg.license`, `vuln.kev`): a direct read for those, a walk otherwise. */
function getter(path: readonly string[]): (facts: PolicyFacts) => unknown {
  if (path.length === 2) {
    const [variable, field] = path as [string, string];
    return (facts) => (facts as unknown as Record<string, Record<string, unknown> | undefined>)[variable]?.[field];
  }
  return (facts) => {
    let value: unknown = facts;
    for (const step of path) {
      if (value === undefined || value === null) return undefined;
      value = (value as Record<string, unknown>)[step];
    }
    return value;
  };
}
