import { verifyReportJson, verifyReportTable } from '../provenance/present/verify-report';
import { toCycloneDx } from './cyclonedx';
import { toJsonReport } from './json';
import { toMarkdown } from './markdown';
import type { ReportInput } from './report-input';
import { toSarif } from './sarif';
import { toSpdx } from './spdx';
import { toTable } from './table';

/** One report format: everything the CLI, the language server and the editor's picker need. */
export interface ReportFormat {
  id: string;
  /** For pickers: `SARIF 2.1.0`. */
  label: string;
  /** For pickers: what it is for. */
  description: string;
  /** The default file name when it is saved. */
  fileName: string;
  mediaType: string;
  /** Offered by `chainsight scan --format`. */
  cli: boolean;
  /** Offered by the editor's Export Report command. */
  export: boolean;
  render(input: ReportInput): string;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** THE list of report formats, in the order pickers show them. */
export const REPORT_FORMATS = [
  { id: 'table', label: 'Table', description: 'for terminals and CI logs', fileName: 'chainsight.txt', mediaType: 'text/plain', cli: true, export: false, render: toTable },
  { id: 'sarif', label: 'SARIF 2.1.0', description: 'for code scanning', fileName: 'chainsight.sarif', mediaType: 'application/sarif+json', cli: true, export: true, render: (i) => json(toSarif(i)) },
  { id: 'cyclonedx', label: 'CycloneDX 1.6 SBOM', description: 'with vulnerabilities', fileName: 'bom.cdx.json', mediaType: 'application/vnd.cyclonedx+json', cli: true, export: true, render: (i) => json(toCycloneDx(i)) },
  { id: 'spdx', label: 'SPDX 2.3 SBOM', description: 'with advisory references', fileName: 'bom.spdx.json', mediaType: 'application/spdx+json', cli: true, export: true, render: (i) => json(toSpdx(i)) },
  { id: 'markdown', label: 'Markdown', description: 'for pull requests', fileName: 'chainsight-report.md', mediaType: 'text/markdown', cli: true, export: true, render: toMarkdown },
  { id: 'json', label: 'JSON', description: 'the CLI schema', fileName: 'chainsight.json', mediaType: 'application/json', cli: true, export: true, render: (i) => json(toJsonReport(i)) },
  {
    id: 'verify-json',
    label: 'Signatures & provenance (JSON)',
    description: 'like chainsight verify --format json',
    fileName: 'chainsight-verify.json',
    mediaType: 'application/json',
    cli: false,
    export: true,
    render: (i) => `${verifyReportJson(i.provenance ?? [])}\n`,
  },
  {
    id: 'verify-table',
    label: 'Signatures & provenance (text)',
    description: 'like npm audit signatures',
    fileName: 'chainsight-verify.txt',
    mediaType: 'text/plain',
    cli: false,
    export: true,
    render: (i) => verifyReportTable(i.provenance ?? []),
  },
] as const satisfies readonly ReportFormat[];

export type ReportFormatId = (typeof REPORT_FORMATS)[number]['id'];

/** The formats one host offers, by id. */
export function formatsFor(host: 'cli' | 'export'): ReportFormat[] {
  return REPORT_FORMATS.filter((f) => f[host]);
}

export function reportFormat(id: string): ReportFormat | undefined {
  return REPORT_FORMATS.find((f) => f.id === id);
}
