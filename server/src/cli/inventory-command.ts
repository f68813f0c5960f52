import { basename } from 'node:path';
import { uniqueOmissions } from '../analysis/omissions';
import { scanTarget } from '../analysis/scan';
import { plainText } from '../core/terminal-text';
import { parserForFile } from '../ecosystems';
import { relativePath } from '../reports/report-input';
import { existingPath, onePath, parseCommandArgs, showUsage, tableOrJson } from './arguments';
import { type CliIO, EXIT_ERROR, EXIT_OK } from './io';
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFrom } from './limit-options';
import { nothingFound } from './output';
import { printProblems, type Problems } from './problems';

export const INVENTORY_USAGE = `Usage: chainsight inventory [PATH] [--format table|json]

Lists every package in every dependency file under PATH (default: the current folder), with the
file and position it was read from. Needs no vulnerability data and makes no network request.

Options:
  --format FORMAT        table (default) | json
  --exclude NAME         Skip folders with this name (repeatable)
${LIMIT_USAGE}
  -h, --help             Show this help

Exit codes: 0 done, 2 usage error, a file that could not be parsed or read, or no dependency files.`;

/** One row of `chainsight inventory --format json` (schemaVersion 1). */
export interface InventoryRow {
  ecosystem: string;
  name: string;
  version: string;
  requirement: string | null;
  purl: string | null;
  direct: boolean;
  groups: string[];
  source: string;
  file: string;
  line: number | null;
  column: number | null;
}

export async function inventoryCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...LIMIT_OPTIONS, format: { type: 'string' }, exclude: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return showUsage(io, INVENTORY_USAGE);
  const format = tableOrJson(values.format ?? 'table');
  const path = await existingPath(io, onePath('inventory', positionals));
  const target = await scanTarget(path, { exclude: values.exclude ?? [], limits: limitsFrom(values) });
  const rows: InventoryRow[] = [];
  const problems: Array<Problems['problems'][number]> = [];
  const rel = (p: string) => relativePath(target, p);
  let read = 0;
  for (const file of target.paths) {
    const parsedFile = target.files.get(file);
    if (!parsedFile) continue;
    read++;
    const ecosystem = parserForFile(basename(file))!.ecosystem;
    for (const e of parsedFile.result.errors) problems.push({ file: rel(file), line: e.range.start.line + 1, column: e.range.start.character + 1, message: e.message, fatal: e.severity !== 'warning' });
    for (const p of parsedFile.result.packages) {
      const start = p.versionRange?.start ?? p.nameRange?.start;
      rows.push({
        ecosystem: p.ecosystem,
        name: p.name,
        version: p.version,
        requirement: p.requirement ?? null,
        purl: p.source === 'registry' && p.version ? ecosystem.purl(p.name, p.version) : null,
        direct: p.direct,
        groups: p.groups,
        source: p.source,
        file: rel(file),
        line: start ? start.line + 1 : null,
        column: start ? start.character + 1 : null,
      });
    }
  }
  const omissions = uniqueOmissions([...target.omissions, ...target.paths.flatMap((p) => target.files.omissionsFor(p))]).map((o) => ({
    path: rel(o.path),
    reason: o.reason,
    detail: o.detail,
    ...(o.includedFrom ? { includedFrom: rel(o.includedFrom) } : {}),
  }));
  if (format === 'json') io.stdout(`${JSON.stringify({ schemaVersion: 1, packages: rows, errors: problems.map(({ fatal: _fatal, ...p }) => p), omissions }, null, 2)}\n`);
  else io.stdout(inventoryTable(rows, read));
  const { fatal, omitted } = printProblems(io, { problems, omissions });
  if (read === 0 && !omitted) io.stderr(`chainsight: error: ${nothingFound(path, target)}\n`);
  return fatal || omitted || read === 0 ? EXIT_ERROR : EXIT_OK;
}

/** The table, in plain text: package names and paths cannot move the cursor or hide a link. */
function inventoryTable(rows: readonly InventoryRow[], files: number): string {
  const table = rows.map((r) =>
    [r.ecosystem, r.name, r.version || r.requirement || '', r.direct ? 'direct' : '', r.source === 'registry' ? r.groups.join(',') : r.source, `${r.file}${r.line ? `:${r.line}:${r.column}` : ''}`].map((c) => plainText(c, 200)),
  );
  const header = ['ECOSYSTEM', 'NAME', 'VERSION', 'DIRECT', 'GROUPS/SOURCE', 'LOCATION'];
  const widths = header.map((h, i) => Math.min(50, Math.max(h.length, ...table.map((r) => r[i]!.length))));
  const lines = [header, ...table].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '));
  return `${lines.join('\n')}\n\n${rows.length} packages in ${files} files\n`;
}
