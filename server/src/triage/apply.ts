import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import { knownExploited, type KevCatalog } from '../kev/catalog';
import { applyPolicy, type PolicyInputs } from '../policy/apply';
import { BUILTIN_PREFIX } from '../policy/builtin';
import type { Policy, PolicyResult } from '../policy/types';
import { applyVex } from '../vex/apply';
import type { VexIndex } from '../vex/statement-index';
import type { Triage } from './types';

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
  return {
    vex,
    policy,
    ...(kev ? { kev } : {}),
    of(finding, vulnerability) {
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
    },
  };
}

/** A rule of a policy file decided (not one of the built-in rules that reproduce the severity levels). */
export function decidedByPolicyFile(result: PolicyResult | undefined): result is PolicyResult {
  return result !== undefined && !result.ruleId.startsWith(BUILTIN_PREFIX);
}
