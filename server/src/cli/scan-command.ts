import { scanFolder } from '../analysis/scan';
import { formatsFor } from '../reports/formats';
import { omissionRows, parseProblems, type ReportInput } from '../reports/report-input';
import { VERSION } from '../version';
import { existingPath, onePath, parseCommandArgs, showUsage } from './arguments';
import { DATA_OPTIONS, DATA_USAGE, openDataContext } from './data-context';
import { FAIL_ON_LEVELS, gateFrom, oneOf, UNKNOWN_AS_LEVELS } from './gate';
import { type CliIO, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from './io';
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFrom } from './limit-options';
import { nothingFound, writeReport } from './output';
import { printProblems } from './problems';
import { plainText } from '../core/terminal-text';
import { loadCliTriage, TRIAGE_OPTIONS, TRIAGE_USAGE } from './triage-options';
import { unratedNote } from './gate';
import { exportAuthor } from './export-author';
import { RECORD_OPTIONS, RECORD_USAGE, recordScan } from './record-scan';

const FORMATS = formatsFor('cli');

export const SCAN_USAGE = `Usage: chainsight scan [PATH] [options]

Scans the dependency files under PATH (default: the current folder) for known vulnerabilities.

Options:
${DATA_USAGE}
  --format FORMAT        ${FORMATS.map((f) => f.id).join(' | ')} (default: table)
  --output FILE          Write the report to FILE instead of standard output
  --fail-on LEVEL        ${FAIL_ON_LEVELS.join(' | ')} (default: high); unknown fails on any finding that
                         VEX does not suppress (a built-in policy rule after the policy file's rules)
  --unknown-as LEVEL     How an advisory without a severity rating counts: ${UNKNOWN_AS_LEVELS.join(' | ')} (default: high)
${TRIAGE_USAGE}
  --exclude NAME         Skip folders with this name (repeatable)
${LIMIT_USAGE}
${RECORD_USAGE}
  -h, --help             Show this help

Exit codes: 0 nothing the policy makes an error, 1 findings it does (with no policy file: findings
at or above --fail-on that VEX does not suppress), 2 usage, parse or runtime error (a bad policy or
VEX file, with file:line), or an incomplete answer (a file not read, no dependency files, incomplete
data).`;

export async function scanCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...DATA_OPTIONS,
    ...LIMIT_OPTIONS,
    ...TRIAGE_OPTIONS,
    ...RECORD_OPTIONS,
    format: { type: 'string' },
    output: { type: 'string' },
    'fail-on': { type: 'string' },
    'unknown-as': { type: 'string' },
    exclude: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return showUsage(io, SCAN_USAGE);
  const format = FORMATS.find((f) => f.id === oneOf(values.format ?? 'table', FORMATS.map((f) => f.id), '--format'))!;
  const gate = gateFrom(values);
  const limits = limitsFrom(values);
  const path = await existingPath(io, onePath('scan', positionals));
  const data = await openDataContext(values, io);
  let input: ReportInput;
  let triage: Awaited<ReturnType<typeof loadCliTriage>>;
  try {
    const { target, analysis } = await scanFolder(path, data.source, { exclude: values.exclude ?? [], limits });
    triage = await loadCliTriage(values, io, { root: target.root, analysis, data, gate, mode: values.offline ? 'offline' : (values.mode ?? 'online'), now: Date.now() });
    input = { analysis, root: target.root, toolVersion: VERSION, unknownAs: gate.unknownAs, limits, triage: triage.triage, author: exportAuthor(target.root, io) };
    await recordScan(values, io, { target, analysis, ...(data.store ? { store: data.store } : {}) });
  } finally {
    await data.dispose();
  }

  await writeReport(io, values.output, format.render(input));

  let code = EXIT_OK;
  const { fatal, omitted } = printProblems(io, { problems: [...parseProblems(input), ...triage.problems], omissions: omissionRows(input) });
  for (const note of triage.notes) io.stderr(`chainsight: note: ${plainText(note, 2_000)}\n`);
  if (fatal || omitted) code = EXIT_ERROR;
  // With nothing read and nothing refused, PATH holds no dependency file: that is not a clean bill.
  if (input.analysis.reports.size === 0 && !omitted) {
    io.stderr(`chainsight: error: ${nothingFound(path, input)}\n`);
    code = EXIT_ERROR;
  }
  const status = input.analysis.status;
  if (status.error) io.stderr(`chainsight: ${status.incomplete ? 'error' : 'warning'}: ${plainText(status.error, 2_000)}\n`);
  if (status.incomplete) code = EXIT_ERROR;
  // The gate is the policy: --fail-on is its built-in rule, after the policy file's own, and VEX's
  // suppressions come before both, so only `affected` and `under_investigation` findings count.
  const note = unratedNote(input.analysis.findings, gate, (f, v) => !triage.triage.of(f, v).suppressed);
  if (note) io.stderr(`chainsight: note: ${note}\n`);
  if (code === EXIT_OK && triage.triage.policy.fails) code = EXIT_FINDINGS;
  return code;
}
