/**
 * THE list of report formats, in the order pickers show them: plain data, so the VS Code client can
 * import it for its export picker without pulling the renderers into its bundle. `formats.ts` pairs
 * each id with its renderer, and the compiler checks that every format has one.
 */
export const REPORT_FORMAT_LIST = [
  { id: 'table', label: 'Table', description: 'for terminals and CI logs', fileName: 'chainsight.txt', mediaType: 'text/plain', cli: true, export: false },
  { id: 'sarif', label: 'SARIF 2.1.0', description: 'for code scanning', fileName: 'chainsight.sarif', mediaType: 'application/sarif+json', cli: true, export: true },
  { id: 'cyclonedx', label: 'CycloneDX 1.6 SBOM', description: 'with vulnerabilities', fileName: 'bom.cdx.json', mediaType: 'application/vnd.cyclonedx+json', cli: true, export: true },
  { id: 'openvex', label: 'OpenVEX 0.2.0', description: 'every finding with its VEX status, to publish with a release', fileName: 'chainsight-vex.json', mediaType: 'application/json', cli: true, export: true },
  { id: 'spdx', label: 'SPDX 2.3 SBOM', description: 'with advisory references', fileName: 'bom.spdx.json', mediaType: 'application/spdx+json', cli: true, export: true },
  { id: 'markdown', label: 'Markdown', description: 'for pull requests', fileName: 'chainsight-report.md', mediaType: 'text/markdown', cli: true, export: true },
  { id: 'json', label: 'JSON', description: 'the CLI schema', fileName: 'chainsight.json', mediaType: 'application/json', cli: true, export: true },
  { id: 'verify-json', label: 'Signatures & provenance (JSON)', description: 'like chainsight verify --format json', fileName: 'chainsight-verify.json', mediaType: 'application/json', cli: false, export: true },
  { id: 'verify-table', label: 'Signatures & provenance (text)', description: 'like npm audit signatures', fileName: 'chainsight-verify.txt', mediaType: 'text/plain', cli: false, export: true },
] as const;

export type ReportFormatId = (typeof REPORT_FORMAT_LIST)[number]['id'];

/** The formats the editor's Export Report command offers. */
export type ExportFormat = Extract<(typeof REPORT_FORMAT_LIST)[number], { export: true }>['id'];
