import { SEVERITIES, compareSeverity, type Severity } from '../core/severity';
import { relativePath, type ReportInput } from './report-input';

/**
 * A plain-text table for terminals and CI logs: one row per vulnerable package version and advisory.
 * A version installed at several places in the tree is one row, with its shortest path and a count.
 */
export function toTable(input: ReportInput): string {
  const { analysis } = input;
  const rows = new Map<string, { severity: Severity; cells: string[]; paths: Set<string> }>();
  const findings = [...analysis.findings].sort((a, b) => compareSeverity(a.severity, b.severity) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  for (const f of findings) {
    for (const v of f.vulnerabilities) {
      const key = `${f.purl}|${v.id}|${f.file}`;
      const paths = f.paths.length ? f.paths.map((p) => (p.length > 1 ? p.join(' > ') : 'direct')) : ['direct'];
      const existing = rows.get(key);
      if (existing) {
        for (const p of paths) existing.paths.add(p);
        continue;
      }
      rows.set(key, { severity: v.severity, cells: [v.severity.toUpperCase(), `${f.name}@${f.version}`, v.id, v.fixed ?? '—', '', relativePath(input, f.file)], paths: new Set(paths) });
    }
  }
  const table = [...rows.values()].map((r) => {
    const paths = [...r.paths].sort((a, b) => a.split(' > ').length - b.split(' > ').length || a.localeCompare(b));
    r.cells[4] = paths[0]! + (paths.length > 1 ? ` (+${paths.length - 1} more)` : '');
    return r.cells;
  });
  const lines: string[] = [];
  if (table.length) {
    const header = ['SEVERITY', 'PACKAGE', 'ADVISORY', 'FIXED IN', 'PATH', 'FILE'];
    const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...table.map((r) => r[i]!.length))));
    const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
    lines.push(fmt(header), ...table.map(fmt), '');
  }
  lines.push(summaryLine(input));
  const status = analysis.status;
  lines.push(`Vulnerability data: ${status.description}${status.stale ? ' (stale: network unavailable)' : ''}${status.incomplete ? ' (incomplete)' : ''}`);
  return `${lines.join('\n')}\n`;
}

/** `Scanned 60 packages: 9 vulnerable, 12 advisories (1 critical, 5 high, ...)` — each package version and advisory counted once. */
export function summaryLine(input: ReportInput): string {
  const { analysis } = input;
  if (analysis.findings.length === 0) {
    return analysis.status.incomplete
      ? `Scanned ${analysis.packagesScanned} packages: none known to be vulnerable, but the vulnerability data is incomplete.`
      : `Scanned ${analysis.packagesScanned} packages: no known vulnerabilities.`;
  }
  const pairs = new Map<string, Severity>();
  for (const f of analysis.findings) for (const v of f.vulnerabilities) pairs.set(`${f.purl}|${v.id}`, v.severity);
  const counts = SEVERITIES.map((s) => [s, [...pairs.values()].filter((v) => v === s).length] as const).filter(([, n]) => n > 0);
  const packages = new Set(analysis.findings.map((f) => f.purl)).size;
  return `Scanned ${analysis.packagesScanned} packages: ${packages} vulnerable, ${pairs.size} advisories (${counts.map(([s, n]) => `${n} ${s}`).join(', ')}).`;
}
