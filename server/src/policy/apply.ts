import type { DependencyReport } from '../analysis/report-types';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import type { Finding, Vulnerability } from '../core/findings';
import type { EcosystemName } from '../core/package';
import { ecosystemByName } from '../ecosystems';
import { knownExploited, type KevCatalog } from '../kev/catalog';
import type { VexResults } from '../vex/apply';
import { failsGate, PolicyEvaluator, type RuleProblem } from './evaluator';
import { packageFacts, vulnerabilityFacts, type PackageExtras } from './facts';
import { POLICY_ACTIONS, type Policy, type PolicyAction, type PolicyResult } from './types';

export interface PolicyInputs {
  /** VEX applied to the same scan (vex/apply.ts); without it every finding is `affected`. */
  vex?: VexResults;
  kev?: KevCatalog;
  /** Facts the scan does not know (licence, publish time, install scripts, provenance), when the caller has them. */
  extras?: (pkg: { ecosystem: EcosystemName; name: string; version: string; purl: string }) => PackageExtras | undefined;
  /** The clock release age is measured by. */
  now: number;
}

/** The policy applied to one scan: what the language server, the CLI and the reports read. */
export interface PolicyResults {
  /** The result for one vulnerability of one finding. */
  vulnerability(finding: Pick<Finding, 'file' | 'packageId'>, vulnerability: Pick<Vulnerability, 'id'>): PolicyResult | undefined;
  /** The result of the package rules for one locked package (by its file and package id), when one matched. */
  package(file: string, packageId: string): PolicyResult | undefined;
  /** Every package result, for reports. */
  packages: Array<{ file: string; packageId: string; name: string; version: string; result: PolicyResult }>;
  /** Some result is `error`: the CLI exits 1. */
  fails: boolean;
  /** Results per action, vulnerability and package results together. */
  counts: Record<PolicyAction, number>;
  /** Rules that failed to evaluate for some subjects. */
  problems: RuleProblem[];
}

/** Evaluates every locked package and every (package, vulnerability) of a scan. */
export function applyPolicy(analysis: WorkspaceAnalysis, policy: Policy, inputs: PolicyInputs): PolicyResults {
  const evaluator = new PolicyEvaluator(policy);
  const byVulnerability = new Map<string, PolicyResult | undefined>();
  const byPackage = new Map<string, PolicyResult>();
  const packages: PolicyResults['packages'] = [];
  const counts = Object.fromEntries(POLICY_ACTIONS.map((a) => [a, 0])) as Record<PolicyAction, number>;
  const count = (r: PolicyResult | undefined) => {
    if (r) counts[r.action]++;
  };

  for (const report of analysis.reports.values()) {
    // Lockfiles list every package; a manifest counts on its own only without a lockfile.
    if (report.kind === 'manifest' && report.lockfile) continue;
    const ecosystem = ecosystemByName(report.ecosystem);
    if (!ecosystem) continue;
    for (const dep of report.dependencies) {
      const version = dep.own?.version ?? dep.pkg.version;
      if (dep.pkg.source !== 'registry' || !version) continue;
      const purl = dep.own?.purl ?? ecosystem.purl(dep.pkg.name, version);
      const identity = { ecosystem: ecosystem.name, name: dep.pkg.name, version, purl };
      const pkg = packageFacts({ ...identity, direct: dep.own?.direct ?? dep.pkg.direct, groups: dep.pkg.groups, project: report.project, vulnerable: dep.own !== undefined }, inputs.extras?.(identity), inputs.now);
      if (evaluator.hasPackageRules) {
        const result = evaluator.package(pkg);
        if (result) {
          byPackage.set(key(report.path, dep.pkg.id), result);
          packages.push({ file: report.path, packageId: dep.pkg.id, name: dep.pkg.name, version, result });
          count(result);
        }
      }
      for (const v of ownVulnerabilities(dep)) {
        const vex = inputs.vex?.get(dep.own!, v);
        const kev = inputs.kev ? knownExploited(inputs.kev, [v.id, ...v.aliases]) : undefined;
        const result = evaluator.vulnerability(pkg, vulnerabilityFacts(v, vex, kev));
        byVulnerability.set(`${key(dep.own!.file, dep.own!.packageId)}|${v.id}`, result);
        count(result);
      }
    }
  }
  return {
    vulnerability: (finding, v) => byVulnerability.get(`${key(finding.file, finding.packageId)}|${v.id}`),
    package: (file, packageId) => byPackage.get(key(file, packageId)),
    packages,
    fails: failsGate(byVulnerability.values()) || failsGate(byPackage.values()),
    counts,
    problems: evaluator.problems(),
  };
}

function ownVulnerabilities(dep: DependencyReport): readonly Vulnerability[] {
  return dep.own?.vulnerabilities ?? [];
}

function key(file: string, packageId: string): string {
  return `${file}#${packageId}`;
}
