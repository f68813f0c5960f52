import type { FileReport } from '../analysis/report-types';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import type { SourceStatus } from '../osv/source';
import type { PackageProvenance } from '../provenance/types';
import type { ExportFormat, ExportReportResult, ReportResult, TriageStatus } from '../protocol';
import { reportFormat } from '../reports/formats';
import type { ReportInput } from '../reports/report-input';
import type { Triage } from '../triage/types';
import { VERSION } from '../version';
import { analysesOf, type FolderState } from './folder-state';
import { provenanceCoverageRows, verifyResult } from './provenance-view';
import { reportRows, statusFor } from './status';

/** The report view's rows: every folder's findings (suppressed ones marked), and the provenance of every checked package. */
export function reportOf(folders: readonly FolderState[], provenance: readonly PackageProvenance[], triage?: TriageStatus): ReportResult {
  const analyses = analysesOf(folders);
  return {
    rows: folders.flatMap((f) => (f.analysis ? reportRows(f.analysis, f.root, f.triage) : [])),
    ...(triage ? { triage } : {}),
    packages: analyses.reduce((n, a) => n + a.packagesScanned, 0),
    status: statusFor('ready', analyses).data,
    ...(provenance.length ? { provenance: verifyResult(provenance).rows, provenanceCoverage: provenanceCoverageRows(folders, provenance) } : {}),
  };
}

/** The whole workspace in one export format (the same renderers as `chainsight scan --format`). */
export function exportOf(folders: readonly FolderState[], provenance: readonly PackageProvenance[], format: ExportFormat): ExportReportResult {
  const folder = folders.find((f) => f.analysis) ?? folders[0];
  const input: ReportInput = { analysis: mergeAnalyses(analysesOf(folders)), root: folder?.root ?? '/', toolVersion: VERSION, provenance: [...provenance], triage: mergedTriage(folders) };
  const target = reportFormat(format)!;
  return { content: target.render(input), fileName: target.fileName };
}

function mergeAnalyses(list: readonly WorkspaceAnalysis[]): WorkspaceAnalysis {
  const reports = new Map<string, FileReport>();
  for (const a of list) for (const [k, v] of a.reports) reports.set(k, v);
  const status: SourceStatus = list[0]?.status ?? { kind: 'none', description: 'not scanned yet', incomplete: true, stale: false };
  return { units: list.flatMap((a) => a.units), reports, findings: list.flatMap((a) => a.findings), packagesScanned: list.reduce((n, a) => n + a.packagesScanned, 0), status, omissions: list.flatMap((a) => a.omissions) };
}

/** One triage answer for the merged analysis: each finding asks the folder whose analysis holds it. */
function mergedTriage(folders: readonly FolderState[]): Pick<Triage, 'of'> {
  const byFile = new Map<string, Triage>();
  for (const f of folders) if (f.triage && f.analysis) for (const path of f.analysis.reports.keys()) byFile.set(path, f.triage);
  return { of: (finding, v) => byFile.get(finding.file)?.of(finding, v) ?? { status: 'affected', suppressed: false } };
}
