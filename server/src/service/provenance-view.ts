import type { EngineDiagnostic } from '../analysis/diagnostics';
import type { FileReport } from '../analysis/report-types';
import { provenanceDiagnostics } from '../provenance/present/diagnostics';
import { provenanceHoverMarkdown } from '../provenance/present/hover';
import { repositoryLabel, shortCommit } from '../provenance/present/labels';
import { buildVerifyReport } from '../provenance/present/verify-report';
import type { PackageProvenance } from '../provenance/types';
import { provenanceKey } from '../provenance/workspace-check';
import type { ProvenanceRow, VerifyResult } from '../protocol';
import type { ChainsightSettings } from '../settings';

/** Provenance findings as diagnostics on the lockfile entry and on the manifest line of a direct dependency. */
export function provenanceFileDiagnostics(report: FileReport, results: ReadonlyMap<string, PackageProvenance>, settings: ChainsightSettings): EngineDiagnostic[] {
  if (!settings.provenance.enable || results.size === 0) return [];
  const out: EngineDiagnostic[] = [];
  for (const dep of report.dependencies) {
    const pkg = dep.resolved?.pkg ?? dep.pkg;
    if (pkg.source !== 'registry' || !pkg.version) continue;
    const result = results.get(provenanceKey(pkg.ecosystem, pkg.name, pkg.version));
    const range = dep.pkg.versionRange ?? dep.pkg.nameRange;
    if (!result || !range) continue;
    const found = provenanceDiagnostics(result, { ...settings.provenance, requireProvenance: settings.policy.requireProvenance });
    for (const d of found) out.push({ range, message: d.message, kind: 'provenance', severity: 'unknown', level: d.severity, code: d.code, related: [], packageId: dep.pkg.id });
  }
  return out;
}

/** The hover section for a dependency's resolved package. */
export function provenanceHover(results: ReadonlyMap<string, PackageProvenance>, ecosystem: string, name: string, version: string, settings: ChainsightSettings, pending: boolean): string | undefined {
  if (!settings.provenance.enable) return undefined;
  const result = results.get(provenanceKey(ecosystem as PackageProvenance['ecosystem'], name, version));
  if (result) return `---\n\n${provenanceHoverMarkdown(result, { requireProvenance: settings.policy.requireProvenance })}`;
  return pending ? '---\n\nSignature and provenance: checking…' : undefined;
}

export function verifyResult(results: readonly PackageProvenance[]): VerifyResult {
  const report = buildVerifyReport(results);
  return {
    summary: report.summary,
    rows: report.packages.map(
      (p): ProvenanceRow => ({
        name: p.name,
        version: p.version,
        signature: p.signature,
        provenance: p.provenance,
        source: p.source.repository ? `${repositoryLabel(p.source.repository)}${p.source.commit ? `@${shortCommit(p.source.commit)}` : ''}` : '',
        reason: p.signature === 'verified' ? p.provenanceReason : p.signatureReason,
      }),
    ),
  };
}
