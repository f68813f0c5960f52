import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import type { Finding, Vulnerability } from '../core/findings';
import type { EcosystemName } from '../core/package';
import { ecosystemByName } from '../ecosystems';
import { knownExploited, type KevCatalog } from '../kev/catalog';
import type { VexResults } from '../vex/apply';
import { PolicyEvaluator, type RuleProblem } from './evaluator';
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
  // Package rules see every locked package; a package URL costs a string build each, so only when a rule may read it.
  const purlRead = policy.rules.some((r) => r.subject === 'package' && (!r.condition.reads || r.condition.reads.some((p) => p[0] === 'pkg' && p[1] === 'purl')));
  const byVulnerability = new Map<string, Map<string, Map<string, PolicyResult | undefined>>>();
  const byPackage = new Map<string, Map<string, PolicyResult>>();
  const packages: PolicyResults['packages'] = [];
  const counts = Object.fromEntries(POLICY_ACTIONS.map((a) => [a, 0])) as Record<PolicyAction, number>;
  let fails = false;
  const count = (r: PolicyResult | undefined) => {
    if (!r) return;
    counts[r.action]++;
    if (r.action === 'error') fails = true;
  };

  for (const report of analysis.reports.values()) {
    // Lockfiles list every package; a manifest counts on its own only without a lockfile.
    if (report.kind === 'manifest' && report.lockfile) continue;
    const ecosystem = ecosystemByName(report.ecosystem);
    if (!ecosystem) continue;
    const packageResults = new Map<string, PolicyResult>();
    for (const dep of report.dependencies) {
      const own = dep.own;
      // Without package rules only vulnerable packages have anything to evaluate.
      if (!own && !evaluator.hasPackageRules) continue;
      const version = own?.version ?? dep.pkg.version;
      if (dep.pkg.source !== 'registry' || !version) continue;
      const purl = own?.purl ?? (purlRead || inputs.extras ? ecosystem.purl(dep.pkg.name, version) : '');
      const extras = inputs.extras?.({ ecosystem: ecosystem.name, name: dep.pkg.name, version, purl });
      const pkg = packageFacts({ ecosystem: ecosystem.name, name: dep.pkg.name, version, purl, direct: own?.direct ?? dep.pkg.direct, groups: dep.pkg.groups, project: report.project, vulnerable: own !== undefined }, extras, inputs.now);
      const result = evaluator.package(pkg);
      if (result) {
        packageResults.set(dep.pkg.id, result);
        packages.push({ file: report.path, packageId: dep.pkg.id, name: dep.pkg.name, version, result });
        count(result);
      }
      if (!own) continue;
      const perVulnerability = new Map<string, PolicyResult | undefined>();
      for (const v of own.vulnerabilities) {
        const vex = inputs.vex?.get(own, v);
        const kev = inputs.kev ? knownExploited(inputs.kev, [v.id, ...v.aliases]) : undefined;
        const r = evaluator.vulnerability(pkg, vulnerabilityFacts(v, vex, kev));
        perVulnerability.set(v.id, r);
        count(r);
      }
      const inFile = byVulnerability.get(own.file) ?? new Map<string, Map<string, PolicyResult | undefined>>();
      inFile.set(own.packageId, perVulnerability);
      byVulnerability.set(own.file, inFile);
    }
    if (packageResults.size) byPackage.set(report.path, packageResults);
  }
  return {
    vulnerability: (finding, v) => byVulnerability.get(finding.file)?.get(finding.packageId)?.get(v.id),
    package: (file, packageId) => byPackage.get(file)?.get(packageId),
    packages,
    fails,
    counts,
    problems: evaluator.problems(),
  };
}

