import { DEFAULT_LIMITS } from '../analysis/limits';
import { escapeInline, escapeLine, escapeTableCell, inTableCell, markdownLink } from '../core/markdown';
import { compareSeverity } from '../core/severity';
import { osvUrl } from '../analysis/diagnostics';
import type { VulnerabilityTriage } from '../triage/types';
import { decisionSource, describeDecision } from '../triage/describe';
import { omissionRows, relativePath, type ReportInput } from './report-input';
import { summaryLine } from './table';
import { triageOf } from './triage-view';

/** A Markdown report for pull requests and issue trackers. Every value from advisories is escaped. */
export function toMarkdown(input: ReportInput): string {
  const { analysis } = input;
  const maxAdvisories = input.limits?.maxAdvisoriesPerPackage ?? DEFAULT_LIMITS.maxAdvisoriesPerPackage;
  const out: string[] = ['# Chainsight report', '', escapeLine(summaryLine(input)), ''];
  const findings = [...analysis.findings].sort((a, b) => compareSeverity(a.severity, b.severity) || a.name.localeCompare(b.name));
  const triaged = input.triage !== undefined;
  const suppressed: string[] = [];
  const why = (t: VulnerabilityTriage) => (t.decision ? escapeTableCell(describeDecision(t.decision, decisionSource(t.decision, (p) => relativePath(input, p)))) : '');
  if (findings.length) {
    const status = triaged ? ' Status |' : '';
    out.push(`| Severity | Package | Advisory | Fixed in | Path | File |${status}`, `| --- | --- | --- | --- | --- | --- |${triaged ? ' --- |' : ''}`);
    for (const f of findings) {
      const label = escapeTableCell(`${f.name}@${f.version}`);
      const file = escapeTableCell(relativePath(input, f.file));
      for (const v of f.vulnerabilities.slice(0, maxAdvisories)) {
        const t = triageOf(input, f, v);
        if (t.suppressed) {
          suppressed.push(`| ${label} | ${inTableCell(markdownLink(v.id, osvUrl(v.id)))} | ${why(t)} |`);
          continue;
        }
        const cells = [
          v.severity + (v.score !== undefined ? ` (${v.score.toFixed(1)})` : ''),
          label,
          `${inTableCell(markdownLink(v.id, osvUrl(v.id)))}${v.summary ? ` — ${escapeTableCell(v.summary)}` : ''}`,
          escapeTableCell(v.fixed ?? '—'),
          escapeTableCell((f.paths[0] ?? [f.name]).join(' > ')),
          file,
          ...(triaged ? [t.decision ? why(t) : t.status.replace('_', ' ')] : []),
        ];
        out.push(`| ${cells.join(' | ')} |`);
      }
      const more = f.vulnerabilities.length - maxAdvisories;
      if (more > 0) out.push(`|  | ${label} | … and ${more} more (limit ${maxAdvisories}; the JSON and SARIF reports list all) |  |  | ${file} |`);
    }
    out.push('');
  }
  if (suppressed.length) {
    out.push(`## Suppressed by VEX (${suppressed.length})`, '', '| Package | Advisory | Why |', '| --- | --- | --- |', ...suppressed, '');
  }
  const omissions = omissionRows(input);
  if (omissions.length) {
    out.push('## Not read: the report is incomplete', '');
    for (const o of omissions) out.push(`- ${escapeLine(o.path)}${o.includedFrom ? ` (included from ${escapeInline(o.includedFrom)})` : ''}: ${escapeInline(o.detail)}`);
    out.push('');
  }
  out.push(`_Vulnerability data: ${escapeInline(analysis.status.description)}_`, '');
  return out.join('\n');
}
