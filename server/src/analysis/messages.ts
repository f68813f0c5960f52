import type { Finding, Vulnerability } from '../core/findings';
import { SEVERITIES, type Severity } from '../core/severity';
import type { DependencyReport, RangeNote, TransitiveFinding } from './report-types';

/**
 * Diagnostic wording, in one place so the CLI, LSP and reports say the same thing:
 *   lodash@4.17.15: 3 vulnerabilities (1 critical, 2 high); fixed in 4.17.21
 *   express@4.16.0 pulls in qs@6.5.1: GHSA-hrpp-h998-j3pp (high); fixed in qs 6.5.3
 */
export function dependencyMessage(report: DependencyReport): string | undefined {
  const label = packageLabel(report);
  const parts: string[] = [];
  if (report.own) parts.push(`${label}: ${vulnerabilitySummary(report.own.vulnerabilities)}; ${fixText(report.own, false)}`);
  const pulled = uniqueFindings(report.transitive);
  if (pulled.length === 1) {
    const f = pulled[0]!;
    const text = `${f.name}@${f.version}: ${vulnerabilitySummary(f.vulnerabilities)}; ${fixText(f, true)}`;
    parts.push(report.own ? `also pulls in ${text}` : `${label} pulls in ${text}`);
  } else if (pulled.length > 1) {
    const vulns = pulled.flatMap((f) => f.vulnerabilities);
    const names = pulled.slice(0, 3).map((f) => `${f.name}@${f.version}`).join(', ') + (pulled.length > 3 ? `, +${pulled.length - 3} more` : '');
    const text = `${pulled.length} vulnerable packages (${names}): ${countSummary(vulns)}`;
    parts.push(report.own ? `also pulls in ${text}` : `${label} pulls in ${text}`);
  }
  return parts.length ? parts.join('; ') : undefined;
}

/** The name@version a dependency is known by: the resolved version when a lockfile has it. */
export function packageLabel(report: DependencyReport): string {
  const pkg = report.resolved?.pkg ?? report.pkg;
  const version = pkg.version || report.pkg.requirement || '';
  return version ? `${report.pkg.alias ?? pkg.name}@${version}` : pkg.name;
}

/** `GHSA-xxxx (high)` for one, `3 vulnerabilities (1 critical, 2 high)` for several. */
export function vulnerabilitySummary(list: readonly Vulnerability[]): string {
  if (list.length === 1) return `${list[0]!.id} (${list[0]!.severity})`;
  return countSummary(list);
}

export function countSummary(list: readonly Vulnerability[]): string {
  const counts = new Map<Severity, number>();
  for (const v of list) counts.set(v.severity, (counts.get(v.severity) ?? 0) + 1);
  const detail = SEVERITIES.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`).join(', ');
  return `${list.length} ${list.length === 1 ? 'vulnerability' : 'vulnerabilities'} (${detail})`;
}

function fixText(finding: Finding, named: boolean): string {
  if (finding.fix) return named ? `fixed in ${finding.name} ${finding.fix.version}` : `fixed in ${finding.fix.version}`;
  const partial = finding.vulnerabilities.map((v) => v.fixed).filter((v): v is string => v !== undefined);
  return partial.length ? 'no version fixes all of them yet' : 'no fixed version yet';
}

function uniqueFindings(list: readonly TransitiveFinding[]): Finding[] {
  const seen = new Set<Finding>();
  const out: Finding[] = [];
  for (const t of list) if (!seen.has(t.finding)) seen.add(t.finding), out.push(t.finding);
  return out;
}

export function rangeNoteMessage(report: DependencyReport, notes: readonly RangeNote[]): string {
  const shown = notes.slice(0, 3).map((n) => `${n.vulnerability.id} (${n.vulnerability.severity}, ${n.interval})`).join('; ');
  const more = notes.length > 3 ? `; +${notes.length - 3} more` : '';
  return `${report.pkg.name} ${report.pkg.requirement ?? ''} admits versions with known vulnerabilities: ${shown}${more}. Without a lockfile Chainsight cannot tell which version is installed.`;
}

export function lockfileCommandHint(): string {
  return 'run "Chainsight: Update Lockfile"';
}
