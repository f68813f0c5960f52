import type { EngineDiagnostic } from '../analysis/diagnostics';
import type { FileReport } from '../analysis/report-types';
import { provenanceDiagnostics } from '../provenance/present/diagnostics';
import { provenanceHoverMarkdown } from '../provenance/present/hover';
import { repositoryLabel, shortCommit } from '../provenance/present/labels';
import { buildVerifyReport, provenanceCoverage } from '../provenance/present/verify-report';
import type { PackageProvenance } from '../provenance/types';
import { provenanceKey } from '../provenance/workspace-check';
import { relative } from 'node:path';
import { unitFiles } from '../analysis/unit';
import type { ProvenanceCoverageRow, ProvenanceRow, VerifyResult } from '../protocol';
import type { ChainsightSettings } from '../settings';
import type { FolderState } from './folder-state';

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
    summary: { ...report.summary, coverage: provenanceCoverage(results) },
    rows: report.packages.map(
      (p): ProvenanceRow => ({
        ecosystem: p.ecosystem,
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

/** Provenance coverage per project (each analysed unit, named by its lockfile or manifest) and ecosystem. */
export function provenanceCoverageRows(folders: readonly FolderState[], results: readonly PackageProvenance[]): ProvenanceCoverageRow[] {
  const byKey = new Map(results.map((r) => [provenanceKey(r.ecosystem, r.name, r.version), r]));
  const rows: ProvenanceCoverageRow[] = [];
  for (const folder of folders) {
    for (const { unit } of folder.analysis?.units ?? []) {
      const files = unitFiles(unit);
      const found = new Map<string, PackageProvenance>();
      for (const file of files) {
        for (const pkg of file.result.packages) {
          const key = provenanceKey(pkg.ecosystem, pkg.name, pkg.version);
          const result = pkg.source === 'registry' && pkg.version ? byKey.get(key) : undefined;
          if (result) found.set(key, result);
        }
      }
      const project = relative(folder.root, files[0]?.path ?? folder.root).replace(/\\/g, '/') || '.';
      for (const c of provenanceCoverage([...found.values()])) rows.push({ project, ...c });
    }
  }
  return rows;
}
