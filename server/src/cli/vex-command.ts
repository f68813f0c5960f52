import { relative } from 'node:path';
import { scanFolder } from '../analysis/scan';
import { plainText } from '../core/terminal-text';
import { lintProblems, type StatementProblem } from '../vex/statement-problems';
import { existingPath, onePath, parseCommandArgs, showUsage, tableOrJson } from './arguments';
import { DATA_OPTIONS, DATA_USAGE, openDataContext } from './data-context';
import { gateFrom } from './gate';
import { type CliIO, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError } from './io';
import { printProblems } from './problems';
import { loadCliTriage, TRIAGE_OPTIONS, TRIAGE_USAGE } from './triage-options';

export const VEX_USAGE = `Usage: chainsight vex lint [PATH] [options]

Checks the VEX statements that apply to the dependency files under PATH (default: the current
folder) against a scan of them: statements that match nothing any more (the package was upgraded
or removed), accepted risks past their date, and statements older than a change to their advisory.
Each is printed as file:line:column: level: message.

Options:
${DATA_USAGE}
${TRIAGE_USAGE}
  --format FORMAT        table (default) | json
  --exclude NAME         Skip folders with this name (repeatable)
  -h, --help             Show this help

Exit codes: 0 nothing to report, 1 statements to look at, 2 usage or runtime error (a VEX file that
does not read, with file:line).`;

/** `chainsight vex lint`: the hints the editor shows in VEX files, for CI. */
export async function vexCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') return showUsage(io, VEX_USAGE);
  if (sub !== 'lint') throw new UsageError(sub === undefined ? 'vex needs a command: vex lint' : `unknown vex command "${sub}" (vex lint is the one there is)`);
  const { values, positionals } = parseCommandArgs(rest, {
    ...DATA_OPTIONS,
    ...TRIAGE_OPTIONS,
    format: { type: 'string' },
    exclude: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return showUsage(io, VEX_USAGE);
  const format = tableOrJson(values.format ?? 'table');
  const path = await existingPath(io, onePath('vex lint', positionals));
  const data = await openDataContext(values, io);
  let problems: StatementProblem[];
  let readProblems: Awaited<ReturnType<typeof loadCliTriage>>['problems'];
  try {
    const { target, analysis } = await scanFolder(path, data.source, { exclude: values.exclude ?? [] });
    const loaded = await loadCliTriage(values, io, { root: target.root, analysis, data, gate: gateFrom({ 'fail-on': 'none' }), mode: values.offline ? 'offline' : (values.mode ?? 'online'), now: Date.now() });
    problems = [...loaded.triage.vex.problems, ...lintProblems(loaded.triage.vex.unused)];
    readProblems = loaded.problems;
    if (analysis.status.incomplete) io.stderr(`chainsight vex lint: warning: the vulnerability data is incomplete${analysis.status.error ? ` (${plainText(analysis.status.error, 500)})` : ''}: statements may look unused\n`);
  } finally {
    await data.dispose();
  }
  const { fatal } = printProblems(io, { problems: readProblems, omissions: [] });
  const rows = problems
    .map((p) => ({ file: p.file ? relative(io.cwd, p.file) || p.file : (p.statement.source.kind === 'document' ? p.statement.source.origin.fileName : ''), line: (p.range?.start.line ?? 0) + 1, column: (p.range?.start.character ?? 0) + 1, kind: p.kind, level: p.level, vulnerability: p.statement.statement.vulnerability.id, message: p.message }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  if (format === 'json') io.stdout(`${JSON.stringify({ schemaVersion: 1, problems: rows }, null, 2)}\n`);
  else {
    for (const r of rows) io.stdout(`${plainText(r.file, 500)}:${r.line}:${r.column}: ${r.level}: ${plainText(r.message, 2_000)} [${r.kind}]\n`);
    io.stdout(rows.length ? `${rows.length} ${rows.length === 1 ? 'statement' : 'statements'} to look at.\n` : 'Every VEX statement applies to something, and none has expired.\n');
  }
  if (fatal) return EXIT_ERROR;
  return rows.length ? EXIT_FINDINGS : EXIT_OK;
}
