import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { scanFolder } from '../analysis/scan';
import { severityRank, type Severity } from '../core/severity';
import { toCycloneDx } from '../reports/cyclonedx';
import { toSpdx } from '../reports/spdx';
import { toJsonReport } from '../reports/json';
import { toMarkdown } from '../reports/markdown';
import { parseProblems, type ReportInput } from '../reports/report-input';
import { toSarif } from '../reports/sarif';
import { toTable } from '../reports/table';
import { VERSION } from '../version';
import { existingPath, onePath, parseCommandArgs, showUsage } from './arguments';
import { DATA_OPTIONS, DATA_USAGE, openDataContext } from './data-context';
import { type CliIO, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError } from './io';
import { RECORD_OPTIONS, RECORD_USAGE, recordScan } from './record-scan';

export const FORMATS = ['table', 'json', 'sarif', 'cyclonedx', 'spdx', 'markdown'] as const;
export const FAIL_LEVELS = ['none', 'low', 'moderate', 'high', 'critical'] as const;

export const SCAN_USAGE = `Usage: chainsight scan [PATH] [options]

Scans the dependency files under PATH (default: the current folder) for known vulnerabilities.

Options:
${DATA_USAGE}
  --format FORMAT        ${FORMATS.join(' | ')} (default: table)
  --output FILE          Write the report to FILE instead of standard output
  --fail-on LEVEL        ${FAIL_LEVELS.join(' | ')} (default: high)
  --exclude NAME         Skip folders with this name (repeatable)
${RECORD_USAGE}
  -h, --help             Show this help

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, parse or runtime error.`;

export async function scanCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...DATA_OPTIONS,
    ...RECORD_OPTIONS,
    format: { type: 'string' },
    output: { type: 'string' },
    'fail-on': { type: 'string' },
    exclude: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return showUsage(io, SCAN_USAGE);
  const format = oneOf(values.format ?? 'table', FORMATS, '--format');
  const failOn = oneOf(values['fail-on'] ?? 'high', FAIL_LEVELS, '--fail-on');
  const path = await existingPath(io, onePath('scan', positionals));
  const data = await openDataContext(values, io);
  let input: ReportInput;
  try {
    const { target, analysis } = await scanFolder(path, data.source, { exclude: values.exclude ?? [] });
    input = { analysis, root: target.root, toolVersion: VERSION };
    await recordScan(values, io, { target, analysis, ...(data.store ? { store: data.store } : {}) });
  } finally {
    await data.dispose();
  }

  const output = render(format, input);
  if (values.output) await fs.writeFile(resolve(io.cwd, values.output), output);
  else io.stdout(output);

  let code = EXIT_OK;
  const problems = parseProblems(input);
  for (const p of problems) io.stderr(`${p.file}:${p.line}:${p.column}: ${p.fatal ? 'error' : 'warning'}: ${p.message}\n`);
  if (problems.some((p) => p.fatal)) code = EXIT_ERROR;
  const status = input.analysis.status;
  if (status.error) io.stderr(`chainsight: ${status.incomplete ? 'error' : 'warning'}: ${status.error}\n`);
  if (status.incomplete) code = EXIT_ERROR;
  if (code === EXIT_OK && failOn !== 'none') {
    const threshold = severityRank(failOn as Severity);
    if (input.analysis.findings.some((f) => f.vulnerabilities.some((v) => severityRank(v.severity) >= threshold))) code = EXIT_FINDINGS;
  }
  return code;
}

function render(format: (typeof FORMATS)[number], input: ReportInput): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(toJsonReport(input), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(input), null, 2)}\n`;
    case 'cyclonedx':
      return `${JSON.stringify(toCycloneDx(input), null, 2)}\n`;
    case 'spdx':
      return `${JSON.stringify(toSpdx(input), null, 2)}\n`;
    case 'markdown':
      return toMarkdown(input);
    case 'table':
      return toTable(input);
  }
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}
