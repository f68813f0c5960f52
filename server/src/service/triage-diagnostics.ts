import { fileDiagnostics, type EngineDiagnostic } from '../analysis/diagnostics';
import type { DependencyReport, FileReport } from '../analysis/report-types';
import type { Finding } from '../core/findings';
import { maxSeverity } from '../core/severity';
import { loudest } from '../policy/evaluator';
import type { PolicyResult } from '../policy/types';
import { decidedByPolicyFile } from '../triage/apply';
import { decisionSource, describeDecision } from '../triage/describe';
import type { Triage } from '../triage/types';
import { URI } from 'vscode-uri';
import { relative, sep } from 'node:path';

/**
 * A file's diagnostics after triage (docs/vex.md, docs/policy.md): a vulnerability VEX suppresses,
 * or a policy rule ignores, leaves the line's diagnostic (its message, its count, its level); what
 * is left is as loud as the loudest policy result among it, with the rule's name and id when a rule
 * of the policy file decided. Suppressed findings become `suppressed` diagnostics of their own
 * (hints, shown when the user asks), so they are never silently gone.
 */
export function triagedFileDiagnostics(report: FileReport, triage: Triage | undefined, root: string): EngineDiagnostic[] {
  const unlimited = { maxDiagnosticsPerFile: Number.MAX_SAFE_INTEGER };
  if (!triage) return fileDiagnostics(report, unlimited);
  const kept = new Map<Finding, Finding | undefined>();
  const keep = (f: Finding): Finding | undefined => {
    if (kept.has(f)) return kept.get(f);
    const vulnerabilities = f.vulnerabilities.filter((v) => {
      const t = triage.of(f, v);
      return !t.suppressed && t.policy?.action !== 'ignore';
    });
    const result = vulnerabilities.length === f.vulnerabilities.length ? f : vulnerabilities.length ? { ...f, vulnerabilities, severity: maxSeverity(vulnerabilities.map((v) => v.severity)) } : undefined;
    kept.set(f, result);
    return result;
  };
  const dependencies = report.dependencies.map((dep): DependencyReport => {
    const own = dep.own ? keep(dep.own) : undefined;
    const transitive = dep.transitive.flatMap((t) => {
      const finding = keep(t.finding);
      return finding ? [{ ...t, finding }] : [];
    });
    const { own: _own, ...rest } = dep;
    return { ...rest, ...(own ? { own } : {}), transitive };
  });
  const byPackage = new Map(dependencies.map((d) => [d.pkg.id, d]));
  const out: EngineDiagnostic[] = [];
  for (const d of fileDiagnostics({ ...report, dependencies }, unlimited)) {
    const dep = d.kind === 'vulnerability' && d.packageId ? byPackage.get(d.packageId) : undefined;
    out.push(dep ? withPolicy(d, dep, triage) : d);
  }
  out.push(...suppressedDiagnostics(report, triage, root));
  return out;
}

function withPolicy(d: EngineDiagnostic, dep: DependencyReport, triage: Triage): EngineDiagnostic {
  const involved = [...(dep.own ? [dep.own] : []), ...dep.transitive.map((t) => t.finding)];
  const result = loudest(involved.flatMap((f) => f.vulnerabilities.map((v) => triage.of(f, v).policy)));
  if (!result) return d;
  const policy = { action: result.action, ruleId: result.ruleId, ruleName: result.ruleName };
  if (!decidedByPolicyFile(result)) return { ...d, policy };
  return { ...d, policy, message: `${d.message}; policy: ${result.ruleName}`, code: result.ruleId, ...ruleLink(result) };
}

function ruleLink(result: PolicyResult): { codeUrl?: string } {
  return result.source ? { codeUrl: URI.file(result.source.file).with({ fragment: `L${(result.source.range?.start.line ?? 0) + 1}` }).toString() } : {};
}

/** One hint per entry whose own or pulled-in findings a VEX statement suppresses, saying which and why. */
function suppressedDiagnostics(report: FileReport, triage: Triage, root: string): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  const where = (file: string) => relative(root, file).split(sep).join('/') || file;
  for (const dep of report.dependencies) {
    const range = dep.pkg.versionRange ?? dep.pkg.nameRange;
    if (!range) continue;
    const involved = [...(dep.own ? [dep.own] : []), ...dep.transitive.map((t) => t.finding)];
    const lines: string[] = [];
    let first: string | undefined;
    for (const f of new Set(involved)) {
      for (const v of f.vulnerabilities) {
        const t = triage.of(f, v);
        if (!t.suppressed || !t.decision) continue;
        first ??= v.id;
        lines.push(`${f.name}@${f.version} ${v.id}: ${describeDecision(t.decision, decisionSource(t.decision, where))}`);
      }
    }
    if (!lines.length) continue;
    out.push({ range, kind: 'suppressed', severity: 'unknown', code: first!, related: [], packageId: dep.pkg.id, message: `suppressed by VEX: ${lines.join('; ')}` });
  }
  return out;
}
