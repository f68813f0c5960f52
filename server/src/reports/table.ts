import { DEFAULT_LIMITS } from '../analysis/limits';
import { SEVERITIES, compareSeverity, type Severity } from '../core/severity';
import { plainText } from '../core/terminal-text';
import { decisionSource, describeDecision } from '../triage/describe';
import { relativePath, type ReportInput } from './report-input';
import { statusCounts, triageOf } from './triage-view';

/**
 * A plain-text table for terminals and CI logs: one row per vulnerable package version and advisory.
 * A version installed at several places in the tree is one row, with its shortest path and a count.
 * Every cell is plain text: a package name cannot move the cursor or hide a link in the terminal.
 */
export function toTable(input: ReportInput): string {
  const { analysis } = input;
  const maxAdvisories = input.limits?.maxAdvisoriesPerPackage ?? DEFAULT_LIMITS.maxAdvisoriesPerPackage;
  const rows = new Map<string, { severity: Severity; cells: string[]; paths: Set<string> }>();
  // Suppressed findings are listed apart, never dropped: the reader sees what VEX took out and why.
  const suppressed = new Map<string, string[]>();
  const findings = [...analysis.findings].sort((a, b) => compareSeverity(a.severity, b.severity) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  for (const f of findings) {
    const label = plainText(`${f.name}@${f.version}`, 120);
    const file = plainText(relativePath(input, f.file), 200);
    const paths = f.paths.length ? f.paths.map((p) => (p.length > 1 ? plainText(p.join(' > '), 200) : 'direct')) : ['direct'];
    const listed = f.vulnerabilities.slice(0, maxAdvisories);
    for (const v of listed) {
      const t = triageOf(input, f, v);
      if (t.suppressed) {
        const key = `${f.purl}|${v.id}`;
        if (t.decision && !suppressed.has(key)) suppressed.set(key, [label, plainText(v.id, 80), plainText(describeDecision(t.decision, decisionSource(t.decision, (p) => relativePath(input, p))), 300)]);
        continue;
      }
      const key = `${f.purl}|${v.id}|${f.file}`;
      const existing = rows.get(key);
      if (existing) {
        for (const p of paths) existing.paths.add(p);
        continue;
      }
      rows.set(key, { severity: v.severity, cells: [v.severity.toUpperCase(), label, plainText(v.id, 80), plainText(v.fixed ?? '—', 60), '', file], paths: new Set(paths) });
    }
    const more = f.vulnerabilities.length - listed.length;
    const key = `${f.purl}|…|${f.file}`;
    if (more > 0 && !rows.has(key)) rows.set(key, { severity: 'unknown', cells: ['', label, `… and ${more} more (limit ${maxAdvisories}; --format json lists all)`, '', '', file], paths: new Set() });
  }
  const table = [...rows.values()].map((r) => {
    const paths = [...r.paths].sort((a, b) => a.split(' > ').length - b.split(' > ').length || a.localeCompare(b));
    r.cells[4] = paths.length ? paths[0]! + (paths.length > 1 ? ` (+${paths.length - 1} more)` : '') : '';
    return r.cells;
  });
  const lines: string[] = [];
  if (table.length) {
    const header = ['SEVERITY', 'PACKAGE', 'ADVISORY', 'FIXED IN', 'PATH', 'FILE'];
    const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...table.map((r) => r[i]!.length))));
    const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
    lines.push(fmt(header), ...table.map(fmt), '');
  }
  if (suppressed.size) {
    const header = ['SUPPRESSED', 'ADVISORY', 'WHY'];
    const list = [...suppressed.values()];
    const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...list.map((r) => r[i]!.length))));
    const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
    lines.push(fmt(header), ...list.map(fmt), '');
  }
  lines.push(plainText(summaryLine(input), 1_000));
  const omitted = omissionLine(input);
  if (omitted) lines.push(omitted);
  const status = analysis.status;
  lines.push(`Vulnerability data: ${plainText(status.description, 500)}${status.stale ? ' (stale: network unavailable)' : ''}${status.incomplete ? ' (incomplete)' : ''}`);
  return `${lines.join('\n')}\n`;
}

/** `Scanned 60 packages: 9 vulnerable, 12 advisories (1 critical, 5 high, ...)` — each package version and advisory counted once. */
export function summaryLine(input: ReportInput): string {
  const { analysis } = input;
  if (analysis.reports.size === 0 && analysis.findings.length === 0) return 'No dependency files were read.';
  if (analysis.findings.length === 0) {
    return analysis.status.incomplete
      ? `Scanned ${analysis.packagesScanned} packages: none known to be vulnerable, but the vulnerability data is incomplete.`
      : `Scanned ${analysis.packagesScanned} packages: no known vulnerabilities.`;
  }
  // Suppressed findings are counted on their own: the headline is what is still to be dealt with.
  const pairs = new Map<string, Severity>();
  const vulnerable = new Set<string>();
  for (const f of analysis.findings) {
    for (const v of f.vulnerabilities) {
      if (triageOf(input, f, v).suppressed) continue;
      pairs.set(`${f.purl}|${v.id}`, v.severity);
      vulnerable.add(f.purl);
    }
  }
  const { suppressed } = statusCounts(input);
  const also = suppressed ? ` ${suppressed} more suppressed by VEX.` : '';
  if (pairs.size === 0) return `Scanned ${analysis.packagesScanned} packages: no findings left; ${suppressed} suppressed by VEX.`;
  const counts = SEVERITIES.map((s) => [s, [...pairs.values()].filter((v) => v === s).length] as const).filter(([, n]) => n > 0);
  return `Scanned ${analysis.packagesScanned} packages: ${vulnerable.size} vulnerable, ${pairs.size} advisories (${counts.map(([s, n]) => `${n} ${s}`).join(', ')}).${also}`;
}

/** `Incomplete: 2 files were not read.` when something was left out; undefined otherwise. */
export function omissionLine(input: ReportInput): string | undefined {
  const count = input.analysis.omissions.length;
  if (count === 0) return undefined;
  return `Incomplete: ${count === 1 ? '1 file or folder was' : `${count} files or folders were`} not read (listed with the warnings).`;
}
