import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import { knownExploited, type KevCatalog } from '../kev/catalog';
import { applyPolicy, type PolicyInputs } from '../policy/apply';
import { BUILTIN_PREFIX } from '../policy/builtin';
import type { Policy, PolicyResult } from '../policy/types';
import { applyVex } from '../vex/apply';
import type { VexIndex } from '../vex/statement-index';
import type { Triage, VulnerabilityTriage } from './types';

export interface TriageInputs {
  /** The VEX statements in force, indexed (keep one while they do not change). */
  statements: VexIndex;
  policy: Policy;
  kev?: KevCatalog;
  /** Facts the scan does not know (install scripts, licence, release time), when the caller has them. */
  extras?: PolicyInputs['extras'];
  /** The clock expiry and release age are judged by. */
  now: number;
}

/** VEX, then the policy (which sees what VEX decided), then KEV on demand: one answer per finding. */
export function applyTriage(analysis: WorkspaceAnalysis, inputs: TriageInputs): Triage {
  const vex = applyVex(analysis, inputs.statements, () => inputs.now);
  const policy = applyPolicy(analysis, inputs.policy, { vex, now: inputs.now, ...(inputs.kev ? { kev: inputs.kev } : {}), ...(inputs.extras ? { extras: inputs.extras } : {}) });
  const kev = inputs.kev;
  // Reports ask several times per finding (counts, rows, summaries): answer each pair once.
  const answers = new WeakMap<object, Map<string, VulnerabilityTriage>>();
  return {
    vex,
    policy,
    ...(kev ? { kev } : {}),
    of(finding, vulnerability) {
      let byId = answers.get(finding);
      const known = byId?.get(vulnerability.id);
      if (known) return known;
      if (!byId) answers.set(finding, (byId = new Map()));
      const answer = answerFor(finding, vulnerability);
      byId.set(vulnerability.id, answer);
      return answer;
    },
  };

  function answerFor(finding: Parameters<Triage['of']>[0], vulnerability: Parameters<Triage['of']>[1]): VulnerabilityTriage {
    const decision = vex.get(finding, vulnerability).decision;
    const result = policy.vulnerability(finding, vulnerability);
    const entry = kev ? knownExploited(kev, [vulnerability.id, ...vulnerability.aliases]) : undefined;
    return {
      status: decision?.status ?? 'affected',
      ...(decision ? { decision } : {}),
      suppressed: decision?.suppressed === true,
      ...(result ? { policy: result } : {}),
      ...(entry ? { kev: entry } : {}),
    };
  }
}

/** A rule of a policy file decided (not one of the built-in rules that reproduce the severity levels). */
export function decidedByPolicyFile(result: PolicyResult | undefined): result is PolicyResult {
  return result !== undefined && !result.ruleId.startsWith(BUILTIN_PREFIX);
}
