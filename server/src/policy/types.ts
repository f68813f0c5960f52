/**
 * A policy (docs/policy.md): ordered rules, the first that matches a subject sets its action. The same
 * evaluation drives the editor's diagnostics, the CLI's exit code, SARIF rule ids and the report's
 * Policy column, so every result names its rule.
 */
import type { Range } from '../core/text-range';
import type { PolicyFacts } from './facts';

/** How loud a match is. `hint` is the editor's fourth level (today's `chainsight.severity.*` can choose it); `ignore` hides. */
export type PolicyAction = 'error' | 'warn' | 'info' | 'hint' | 'ignore';
export const POLICY_ACTIONS: readonly PolicyAction[] = ['error', 'warn', 'info', 'hint', 'ignore'];

/**
 * `vulnerability` rules are asked once per (package, vulnerability) and see `pkg` and `vuln`;
 * `package` rules once per locked package, vulnerable or not (release age, install scripts,
 * provenance), and see `pkg` only.
 */
export type RuleSubject = 'vulnerability' | 'package';

/** A compiled `when`: true when the rule matches. An error (a missing fact, a type mismatch) is no match. */
export interface CompiledCondition {
  evaluate(facts: PolicyFacts): boolean | { error: string };
  /**
   * The facts the condition reads, as paths (`['vuln', 'severity']`), when it reads only those: the
   * evaluator then answers repeated combinations from memory. Undefined: it may read anything.
   */
  reads?: ReadonlyArray<readonly string[]>;
  /** Evaluating costs less than remembering: the evaluator does not keep its answers. */
  cheap?: boolean;
}

/** The expression language rules are written in (CEL, docs/policy.md), behind the one call the policy needs. */
export interface ExpressionLanguage {
  compile(source: string, subject: RuleSubject): { ok: true; condition: CompiledCondition } | { ok: false; message: string; offset?: number; length?: number };
}

export interface PolicyRule {
  /** Stable, unique in the policy: the diagnostic code and the SARIF rule id. */
  id: string;
  /** For people: in diagnostic messages and the report's Policy column. */
  name: string;
  subject: RuleSubject;
  action: PolicyAction;
  /** The condition as written (for built-in rules, the CEL that says the same). */
  when: string;
  /** Why the rule exists, shown with its results; the name when not given. */
  reason?: string;
  condition: CompiledCondition;
  /** Where the rule is written, for "go to rule" and diagnostics; absent for built-in rules. */
  source?: { file: string; range?: Range };
}

export interface Policy {
  rules: readonly PolicyRule[];
  /** Where the rules come from: the built-in default, or a policy file (then followed by the default). */
  origin: { kind: 'builtin' } | { kind: 'file'; path: string };
}

/** What one subject got: the rule that matched first, and what it says to do. */
export interface PolicyResult {
  ruleId: string;
  ruleName: string;
  action: PolicyAction;
  reason: string;
  subject: RuleSubject;
  source?: { file: string; range?: Range };
}
