import { isAbsolute, relative, sep } from 'node:path';
import type { EngineLimits } from '../analysis/limits';
import type { OmissionReason } from '../analysis/omissions';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import type { FileLocation } from '../core/findings';
import type { RatedSeverity } from '../core/severity';
import { fileDiagnostics } from '../analysis/diagnostics';
import type { PackageProvenance } from '../provenance/types';
import type { Triage } from '../triage/types';

/** What every report format is made from: one analysis of a folder. */
export interface ReportInput {
  analysis: WorkspaceAnalysis;
  /** The scanned folder; report paths are relative to it. */
  root: string;
  toolVersion: string;
  /** Fixed time for reproducible output (tests); defaults to now. */
  now?: Date;
  /** How an advisory without a rating ranks where a format ranks (SARIF levels); default high. */
  unknownAs?: RatedSeverity;
  /** Signature and provenance results, for the formats that show them. */
  provenance?: readonly PackageProvenance[];
  /** VEX, policy and KEV applied to the analysis (triage/apply.ts); absent: every finding is `affected`. */
  triage?: Pick<Triage, 'of'>;
  /** Who the OpenVEX export names as its author (default `Chainsight`). */
  author?: string;
  /** Caps for human-readable formats (table, Markdown); machine-readable ones list everything. */
  limits?: Partial<Pick<EngineLimits, 'maxAdvisoriesPerPackage'>>;
}

/**
 * A path relative to the scan root, with `/` separators, as CI systems and SARIF viewers expect;
 * absolute for what lies outside it (an include that was refused, `/dev/zero`).
 */
export function relativePath(input: Pick<ReportInput, 'root'>, file: string): string {
  const rel = relative(input.root, file);
  return (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? file : rel).split(sep).join('/');
}

/** 1-based line and column. */
export function oneBased(input: ReportInput, location: FileLocation): { file: string; line: number; column: number } {
  return { file: relativePath(input, location.file), line: location.range.start.line + 1, column: location.range.start.character + 1 };
}

/** Files that could not be read, as `file:line:column: message` entries. */
export function parseProblems(input: ReportInput): Array<{ file: string; line: number; column: number; message: string; fatal: boolean }> {
  const out: Array<{ file: string; line: number; column: number; message: string; fatal: boolean }> = [];
  for (const report of input.analysis.reports.values()) {
    for (const d of fileDiagnostics({ ...report, dependencies: [] })) {
      if (d.kind !== 'parse-error' && d.kind !== 'parse-warning') continue;
      out.push({ ...oneBased(input, { file: report.path, range: d.range }), message: d.message, fatal: d.kind === 'parse-error' });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** What was not read, relative to the scan root: the answer is incomplete while this is not empty. */
export function omissionRows(input: ReportInput): Array<{ path: string; reason: OmissionReason; detail: string; includedFrom?: string }> {
  return input.analysis.omissions.map((o) => ({
    path: relativePath(input, o.path),
    reason: o.reason,
    detail: o.detail,
    ...(o.includedFrom ? { includedFrom: relativePath(input, o.includedFrom) } : {}),
  }));
}
