import { basename, relative, sep } from 'node:path';
import { scanTarget } from '../analysis/scan';
import { parserForFile } from '../ecosystems';
import { existingPath, parseCommandArgs, showUsage, tableOrJson } from './arguments';
import { type CliIO, EXIT_ERROR, EXIT_OK } from './io';

export const INVENTORY_USAGE = `Usage: chainsight inventory [PATH] [--format table|json]

Lists every package in every dependency file under PATH (default: the current folder), with the
file and position it was read from. Needs no vulnerability data and makes no network request.

Options:
  --format FORMAT        table (default) | json
  --exclude NAME         Skip folders with this name (repeatable)
  -h, --help             Show this help

Exit codes: 0 done, 2 usage error or a file that could not be parsed.`;

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
  const { values, positionals } = parseCommandArgs(argv, { format: { type: 'string' }, exclude: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return showUsage(io, INVENTORY_USAGE);
  const format = tableOrJson(values.format ?? 'table');
  const path = await existingPath(io, positionals[0]);
  const target = await scanTarget(path, { exclude: values.exclude ?? [] });
  const rows: InventoryRow[] = [];
  const errors: Array<{ file: string; line: number; column: number; message: string }> = [];
  const rel = (p: string) => (relative(target.root, p) || p).split(sep).join('/');
  for (const file of target.paths) {
    const parsedFile = target.files.get(file);
    if (!parsedFile) continue;
    const ecosystem = parserForFile(basename(file))!.ecosystem;
    for (const e of parsedFile.result.errors) errors.push({ file: rel(file), line: e.range.start.line + 1, column: e.range.start.character + 1, message: e.message });
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
  if (format === 'json') io.stdout(`${JSON.stringify({ schemaVersion: 1, packages: rows, errors }, null, 2)}\n`);
  else {
    const table = rows.map((r) => [r.ecosystem, r.name, r.version || r.requirement || '', r.direct ? 'direct' : '', r.source === 'registry' ? r.groups.join(',') : r.source, `${r.file}${r.line ? `:${r.line}:${r.column}` : ''}`]);
    const header = ['ECOSYSTEM', 'NAME', 'VERSION', 'DIRECT', 'GROUPS/SOURCE', 'LOCATION'];
    const widths = header.map((h, i) => Math.min(50, Math.max(h.length, ...table.map((r) => r[i]!.length))));
    for (const r of [header, ...table]) io.stdout(`${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}\n`);
    io.stdout(`\n${rows.length} packages in ${target.paths.length} files\n`);
  }
  for (const e of errors) io.stderr(`${e.file}:${e.line}:${e.column}: error: ${e.message}\n`);
  return errors.length ? EXIT_ERROR : EXIT_OK;
}
