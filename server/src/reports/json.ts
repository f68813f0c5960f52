import type { Severity } from '../core/severity';
import type { OmissionReason } from '../analysis/omissions';
import { omissionRows, oneBased, parseProblems, type ReportInput } from './report-input';

/** The `--format json` document. Its schema is documented in docs/cli.md; bump schemaVersion on breaking changes. */
export interface JsonReport {
  schemaVersion: 1;
  packages: number;
  findings: JsonFinding[];
  errors: Array<{ file: string; line: number; column: number; message: string }>;
  /** What was not read, so the answer is incomplete (also printed to stderr; exit code 2). */
  omissions: Array<{ path: string; reason: OmissionReason; detail: string; includedFrom?: string }>;
  source: { kind: string; description: string; incomplete: boolean; stale: boolean; dataTime?: string; error?: string; unreadable?: { files: string[]; count: number } };
}

export interface JsonFinding {
  ecosystem: string;
  name: string;
  version: string;
  purl: string;
  direct: boolean;
  paths: string[][];
  locations: Array<{ file: string; line: number; column: number }>;
  vulnerabilities: Array<{ id: string; aliases: string[]; severity: Severity; score: number | null; fixed: string | null; summary: string }>;
  fix: { version: string; major: boolean } | null;
}

export function toJsonReport(input: ReportInput): JsonReport {
  const { analysis } = input;
  const status = analysis.status;
  return {
    schemaVersion: 1,
    packages: analysis.packagesScanned,
    findings: analysis.findings.map((f) => ({
      ecosystem: f.ecosystem,
      name: f.name,
      version: f.version,
      purl: f.purl,
      direct: f.direct,
      paths: f.paths,
      locations: f.locations.map((l) => oneBased(input, l)),
      vulnerabilities: f.vulnerabilities.map((v) => ({ id: v.id, aliases: v.aliases, severity: v.severity, score: v.score ?? null, fixed: v.fixed ?? null, summary: v.summary })),
      fix: f.fix ? { version: f.fix.version, major: f.fix.major } : null,
    })),
    errors: parseProblems(input).map(({ fatal: _fatal, ...rest }) => rest),
    omissions: omissionRows(input),
    source: {
      kind: status.kind,
      description: status.description,
      incomplete: status.incomplete,
      stale: status.stale,
      ...(status.dataTime !== undefined ? { dataTime: new Date(status.dataTime).toISOString() } : {}),
      ...(status.error ? { error: status.error } : {}),
      ...(status.unreadable ? { unreadable: status.unreadable } : {}),
    },
  };
}
