import { relative, sep } from 'node:path';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import type { FileLocation } from '../core/findings';
import { fileDiagnostics } from '../analysis/diagnostics';

/** What every report format is made from: one analysis of a folder. */
export interface ReportInput {
  analysis: WorkspaceAnalysis;
  /** The scanned folder; report paths are relative to it. */
  root: string;
  toolVersion: string;
  /** Fixed time for reproducible output (tests); defaults to now. */
  now?: Date;
}

/** A path relative to the scan root, with `/` separators, as CI systems and SARIF viewers expect. */
export function relativePath(input: ReportInput, file: string): string {
  const rel = relative(input.root, file);
  return (rel === '' ? file : rel).split(sep).join('/');
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
