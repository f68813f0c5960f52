import { basename } from 'node:path';
import type { FileLocation, Finding } from '../core/findings';
import { compareSeverity, maxSeverity, type Severity } from '../core/severity';
import type { Range } from '../core/text-range';
import { DEFAULT_LIMITS } from './limits';
import { dependencyMessage, lockfileCommandHint, rangeNoteMessage, vulnerabilitySummary } from './messages';
import type { DependencyReport, FileReport } from './report-types';

/**
 * `suppressed`: a finding a VEX statement suppresses (shown as a hint only when the user asks);
 * `vex-statement`: something to say about a statement in a VEX file (expired, to review, unused).
 */
export type DiagnosticKind = 'vulnerability' | 'range-note' | 'stale-lockfile' | 'parse-error' | 'parse-warning' | 'provenance' | 'suppressed' | 'vex-statement';

/** A diagnostic in the engine's own terms; LSP handlers and the CLI translate it. */
export interface EngineDiagnostic {
  range: Range;
  message: string;
  kind: DiagnosticKind;
  /** For vulnerabilities: the highest severity involved. */
  severity: Severity;
  /** The advisory id shown as the diagnostic's code. */
  code?: string;
  codeUrl?: string;
  related: Array<{ location: FileLocation; message: string }>;
  /** The package entry this is about, so code actions can find the report again. */
  packageId?: string;
  /** For provenance findings: the level the user's settings chose; for VEX statements, the problem's. */
  level?: 'error' | 'warning' | 'information' | 'hint';
  /** For vulnerabilities: the action and rule of the policy that decided how loud it is (docs/policy.md). */
  policy?: { action: 'error' | 'warn' | 'info' | 'hint' | 'ignore'; ruleId: string; ruleName: string };
}

export function osvUrl(id: string): string {
  return `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

/**
 * The diagnostics of one file, at most `maxDiagnosticsPerFile` (a lockfile with 50,000 broken
 * lines must not become 50,000 diagnostics): the most important are kept, and one more says how
 * many are not shown.
 */
export function fileDiagnostics(report: FileReport, limits: { maxDiagnosticsPerFile?: number } = {}): EngineDiagnostic[] {
  return limitDiagnostics(allFileDiagnostics(report), limits.maxDiagnosticsPerFile ?? DEFAULT_LIMITS.maxDiagnosticsPerFile);
}

const RANK: Record<DiagnosticKind, number> = { 'parse-error': 0, vulnerability: 1, provenance: 2, 'vex-statement': 3, 'parse-warning': 3, 'stale-lockfile': 4, 'range-note': 5, suppressed: 6 };

/**
 * At most `max` diagnostics, in their original order: parse errors first, then vulnerabilities from
 * the most severe, then the rest; the last one says how many were left out. Hosts that add
 * diagnostics of their own (provenance) apply it to the whole list.
 */
export function limitDiagnostics(list: EngineDiagnostic[], max: number): EngineDiagnostic[] {
  if (list.length <= max) return list;
  const keep = Math.max(0, max - 1);
  const order = list.map((d, i) => ({ d, i })).sort((a, b) => RANK[a.d.kind] - RANK[b.d.kind] || compareSeverity(a.d.severity, b.d.severity) || a.i - b.i);
  const kept = order.slice(0, keep).sort((a, b) => a.i - b.i).map((x) => x.d);
  const more = list.length - keep;
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return [...kept, { range: top, message: `… and ${more} more problems in this file, not shown (limit: ${max} diagnostics per file)`, kind: 'parse-warning', severity: 'unknown', related: [] }];
}

function allFileDiagnostics(report: FileReport): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  for (const error of report.errors) {
    out.push({ range: error.range, message: error.message, kind: error.severity === 'warning' ? 'parse-warning' : 'parse-error', severity: 'unknown', related: [] });
  }
  for (const dep of report.dependencies) {
    const range = dep.pkg.versionRange ?? dep.pkg.nameRange;
    if (!range) continue;
    // A declaration the lockfile no longer matches is about to resolve differently: what matters on
    // that line is refreshing the lockfile, not what the old lock installs (its entry keeps that).
    const vulnerable = dep.stale ? undefined : vulnerabilityDiagnostic(report, dep, range);
    if (vulnerable) out.push(vulnerable);
    if (dep.notes.length) {
      const severity = maxSeverity(dep.notes.map((n) => n.vulnerability.severity));
      out.push({ range, message: rangeNoteMessage(dep, dep.notes), kind: 'range-note', severity, code: dep.notes[0]!.vulnerability.id, codeUrl: osvUrl(dep.notes[0]!.vulnerability.id), related: [], packageId: dep.pkg.id });
    }
    if (dep.stale) out.push({ range, message: `${dep.stale}; ${lockfileCommandHint()}`, kind: 'stale-lockfile', severity: 'unknown', related: [], packageId: dep.pkg.id });
  }
  for (const stale of report.staleOverrides ?? []) {
    out.push({ range: stale.range, message: `${stale.message}; ${lockfileCommandHint()}`, kind: 'stale-lockfile', severity: 'unknown', related: [] });
  }
  if (report.staleRemoved?.length && report.lockfile) {
    const first = report.dependencies.find((d) => d.pkg.nameRange)?.pkg.nameRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const names = report.staleRemoved.slice(0, 5).join(', ') + (report.staleRemoved.length > 5 ? ', …' : '');
    out.push({ range: first, message: `${basename(report.lockfile.path)} is out of date: it still records ${names}, no longer declared here; ${lockfileCommandHint()}`, kind: 'stale-lockfile', severity: 'unknown', related: [] });
  }
  return out;
}

function vulnerabilityDiagnostic(report: FileReport, dep: DependencyReport, range: Range): EngineDiagnostic | undefined {
  const message = report.kind === 'lockfile' ? lockfileMessage(dep) : dependencyMessage(dep);
  if (!message) return undefined;
  const involved: Finding[] = [...(dep.own ? [dep.own] : []), ...dep.transitive.map((t) => t.finding)];
  const top = involved.flatMap((f) => f.vulnerabilities).sort((a, b) => compareSeverity(a.severity, b.severity))[0]!;
  const related: EngineDiagnostic['related'] = [];
  if (report.kind === 'lockfile') {
    for (const location of dep.pulledInBy) related.push({ location, message: `declared in ${basename(location.file)}` });
  } else {
    for (const finding of new Set(involved)) {
      const where = finding.locations.find((l) => l.file === finding.file);
      // Without a lockfile the finding is this very declaration: nothing elsewhere to lead to.
      if (where && where.file !== report.path) related.push({ location: where, message: `${finding.name}@${finding.version} in ${basename(finding.file)}: ${vulnerabilitySummary(finding.vulnerabilities)}` });
    }
  }
  return { range, message, kind: 'vulnerability', severity: maxSeverity(involved.map((f) => f.severity)), code: top.id, codeUrl: osvUrl(top.id), related, packageId: dep.pkg.id };
}

function lockfileMessage(dep: DependencyReport): string | undefined {
  const own = dep.own;
  if (!own) return undefined;
  const fix = own.fix ? `fixed in ${own.fix.version}` : 'no fixed version yet';
  return `${own.name}@${own.version}: ${vulnerabilitySummary(own.vulnerabilities)}; ${fix}`;
}
