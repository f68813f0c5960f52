import { escapeInline, escapeLine, escapeTableCell, inTableCell, markdownLink } from '../core/markdown';
import { compareSeverity } from '../core/severity';
import { osvUrl } from '../analysis/diagnostics';
import { relativePath, type ReportInput } from './report-input';
import { summaryLine } from './table';

/** A Markdown report for pull requests and issue trackers. Every value from advisories is escaped. */
export function toMarkdown(input: ReportInput): string {
  const { analysis } = input;
  const out: string[] = ['# Chainsight report', '', escapeLine(summaryLine(input)), ''];
  const findings = [...analysis.findings].sort((a, b) => compareSeverity(a.severity, b.severity) || a.name.localeCompare(b.name));
  if (findings.length) {
    out.push('| Severity | Package | Advisory | Fixed in | Path | File |', '| --- | --- | --- | --- | --- | --- |');
    for (const f of findings) {
      for (const v of f.vulnerabilities) {
        const cells = [
          v.severity + (v.score !== undefined ? ` (${v.score.toFixed(1)})` : ''),
          escapeTableCell(`${f.name}@${f.version}`),
          `${inTableCell(markdownLink(v.id, osvUrl(v.id)))}${v.summary ? ` — ${escapeTableCell(v.summary)}` : ''}`,
          escapeTableCell(v.fixed ?? '—'),
          escapeTableCell((f.paths[0] ?? [f.name]).join(' > ')),
          escapeTableCell(relativePath(input, f.file)),
        ];
        out.push(`| ${cells.join(' | ')} |`);
      }
    }
    out.push('');
  }
  out.push(`_Vulnerability data: ${escapeInline(analysis.status.description)}_`, '');
  return out.join('\n');
}
