import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { exportOrigin, exportOrigins } from '../graph/guac-export';
import type { IngestPredicates } from '../graph/guac-shapes';
import { parseCommandArgs, showUsage } from './arguments';
import { STORE_OPTION, STORE_USAGE, withGraph } from './graph-context';
import { type CliIO, EXIT_OK, UsageError } from './io';

export const EXPORT_USAGE = `Usage: chainsight export --format guac [options]

Writes the aggregated store's facts as GUAC IngestPredicates JSON, which "guacone collect files"
loads (GUAC registers that document type when GUAC_DANGER is set; docs/store.md has the mapping).

Options:
  --format guac          The export format (required)
  --output PATH          A file for one document; an existing folder for one document per recorded
                         snapshot or ingested document (large stores); default: standard output
${STORE_USAGE}
  -h, --help             Show this help`;

export async function exportCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...STORE_OPTION, format: { type: 'string' }, output: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return showUsage(io, EXPORT_USAGE);
  if (positionals.length) throw new UsageError(`export takes no PATH (got ${positionals.join(' ')}); use --output`);
  if (values.format !== 'guac') throw new UsageError(values.format ? `--format must be guac (got "${values.format}")` : '--format guac is required');
  const output = values.output ? resolve(io.cwd, values.output) : undefined;
  const folder = output ? await fs.stat(output).then((s) => s.isDirectory(), () => false) : false;
  await withGraph(values, io, (graph) =>
    graph.read(async (s) => {
      const merged: IngestPredicates = {};
      const origins = await exportOrigins(s, graph.dialect);
      for (const [i, origin] of origins.entries()) {
        const doc = await exportOrigin(s, graph.dialect, origin);
        if (folder) await fs.writeFile(join(output!, `${String(i + 1).padStart(5, '0')}-${origin.kind}-${slug(origin.kind === 'scan' ? origin.projectName : origin.fileName)}.json`), `${JSON.stringify(doc, null, 2)}\n`);
        else merge(merged, doc);
      }
      if (folder) return;
      const text = `${JSON.stringify(merged, null, 2)}\n`;
      if (output) await fs.writeFile(output, text);
      else io.stdout(text);
    }),
  );
  return EXIT_OK;
}

function merge(into: IngestPredicates, doc: IngestPredicates): void {
  for (const [key, list] of Object.entries(doc) as Array<[keyof IngestPredicates, unknown[]]>) {
    const held = (into[key] ?? []) as unknown[];
    held.push(...list);
    (into as Record<string, unknown[]>)[key] = held;
  }
}

/** A file-name-safe version of an untrusted name. */
function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 60) || 'origin';
}
