import type { Finding, Vulnerability } from '../core/findings';
import type { VulnerabilityTriage } from '../triage/types';
import type { ReportInput } from './report-input';

const UNTRIAGED: VulnerabilityTriage = Object.freeze({ status: 'affected', suppressed: false });

/** What triage says about one vulnerability of a finding; without triage, every finding is `affected`. */
export function triageOf(input: Pick<ReportInput, 'triage'>, finding: Finding, vulnerability: Vulnerability): VulnerabilityTriage {
  return input.triage?.of(finding, vulnerability) ?? UNTRIAGED;
}

/** Per status and suppressed, each (package@version, advisory) once: what summaries count. */
export function statusCounts(input: Pick<ReportInput, 'analysis' | 'triage'>): { suppressed: number; byStatus: Record<string, number> } {
  const seen = new Set<string>();
  const byStatus: Record<string, number> = { affected: 0, not_affected: 0, fixed: 0, under_investigation: 0 };
  let suppressed = 0;
  for (const f of input.analysis.findings) {
    for (const v of f.vulnerabilities) {
      const key = `${f.purl}|${v.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const t = triageOf(input, f, v);
      byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
      if (t.suppressed) suppressed++;
    }
  }
  return { suppressed, byStatus };
}
