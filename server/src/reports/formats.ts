import { verifyReportJson, verifyReportTable } from '../provenance/present/verify-report';
import { toCycloneDx } from './cyclonedx';
import { toJsonReport } from './json';
import { toMarkdown } from './markdown';
import { toOpenVex } from './openvex';
import type { ReportInput } from './report-input';
import { toSarif } from './sarif';
import { toSpdx } from './spdx';
import { toTable } from './table';
import { REPORT_FORMAT_LIST, type ReportFormatId } from './format-list';

export type { ReportFormatId } from './format-list';

/** One report format: everything the CLI, the language server and the editor's picker need. */
export interface ReportFormat {
  id: ReportFormatId;
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

const RENDERERS: Record<ReportFormatId, (input: ReportInput) => string> = {
  table: toTable,
  sarif: (i) => json(toSarif(i)),
  cyclonedx: (i) => json(toCycloneDx(i)),
  openvex: (i) => json(toOpenVex(i)),
  spdx: (i) => json(toSpdx(i)),
  markdown: toMarkdown,
  json: (i) => json(toJsonReport(i)),
  'verify-json': (i) => `${verifyReportJson(i.provenance ?? [])}\n`,
  'verify-table': (i) => verifyReportTable(i.provenance ?? []),
};

/** Every format with its renderer, in the list's order. */
export const REPORT_FORMATS: readonly ReportFormat[] = REPORT_FORMAT_LIST.map((f) => ({ ...f, render: RENDERERS[f.id] }));

/** The formats one host offers, by id. */
export function formatsFor(host: 'cli' | 'export'): ReportFormat[] {
  return REPORT_FORMATS.filter((f) => f[host]);
}

export function reportFormat(id: string): ReportFormat | undefined {
  return REPORT_FORMATS.find((f) => f.id === id);
}
