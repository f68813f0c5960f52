import type { FileReport } from '../analysis/report-types';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import type { SourceStatus } from '../osv/source';
import type { PackageProvenance } from '../provenance/types';
import { verifyReportJson, verifyReportTable } from '../provenance/present/verify-report';
import type { ExportFormat, ExportReportResult, ReportResult } from '../protocol';
import { toCycloneDx } from '../reports/cyclonedx';
import { toJsonReport } from '../reports/json';
import { toMarkdown } from '../reports/markdown';
import type { ReportInput } from '../reports/report-input';
import { toSarif } from '../reports/sarif';
import { toSpdx } from '../reports/spdx';
import { VERSION } from '../version';
import { analysesOf, type FolderState } from './folder-state';
import { verifyResult } from './provenance-view';
import { reportRows, statusFor } from './status';

/** The report view's rows: every folder's findings, and the provenance of every checked package. */
export function reportOf(folders: readonly FolderState[], provenance: readonly PackageProvenance[]): ReportResult {
  const analyses = analysesOf(folders);
  return {
    rows: folders.flatMap((f) => (f.analysis ? reportRows(f.analysis, f.root) : [])),
    packages: analyses.reduce((n, a) => n + a.packagesScanned, 0),
    status: statusFor('ready', analyses).data,
    ...(provenance.length ? { provenance: verifyResult(provenance).rows } : {}),
  };
}

const RENDER: Record<ExportFormat, { fileName: string; render(input: ReportInput, provenance: readonly PackageProvenance[]): string }> = {
  markdown: { fileName: 'chainsight-report.md', render: (input) => toMarkdown(input) },
  sarif: { fileName: 'chainsight.sarif', render: (input) => json(toSarif(input)) },
  cyclonedx: { fileName: 'bom.cdx.json', render: (input) => json(toCycloneDx(input)) },
  spdx: { fileName: 'bom.spdx.json', render: (input) => json(toSpdx(input)) },
  json: { fileName: 'chainsight.json', render: (input) => json(toJsonReport(input)) },
  'verify-json': { fileName: 'chainsight-verify.json', render: (_input, provenance) => `${verifyReportJson(provenance)}\n` },
  'verify-table': { fileName: 'chainsight-verify.txt', render: (_input, provenance) => verifyReportTable(provenance) },
};

/** The whole workspace in one export format. */
export function exportOf(folders: readonly FolderState[], provenance: readonly PackageProvenance[], format: ExportFormat): ExportReportResult {
  const folder = folders.find((f) => f.analysis) ?? folders[0];
  const input: ReportInput = { analysis: mergeAnalyses(analysesOf(folders)), root: folder?.root ?? '/', toolVersion: VERSION };
  const target = RENDER[format];
  return { content: target.render(input, provenance), fileName: target.fileName };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function mergeAnalyses(list: readonly WorkspaceAnalysis[]): WorkspaceAnalysis {
  const reports = new Map<string, FileReport>();
  for (const a of list) for (const [k, v] of a.reports) reports.set(k, v);
  const status: SourceStatus = list[0]?.status ?? { kind: 'none', description: 'not scanned yet', incomplete: true, stale: false };
  return { units: list.flatMap((a) => a.units), reports, findings: list.flatMap((a) => a.findings), packagesScanned: list.reduce((n, a) => n + a.packagesScanned, 0), status, omissions: list.flatMap((a) => a.omissions) };
}
