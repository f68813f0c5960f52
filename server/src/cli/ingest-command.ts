import { dirname, join, relative, resolve } from 'node:path';
import { ingestPaths, type IngestFileResult, type ReadDocument } from '../graph/ingest-files';
import { mustExist, parseCommandArgs, showUsage, tableOrJson } from './arguments';
import { storePathFor } from './data-context';
import { ingestDocumentReader, type IngestReaderOptions } from '../graph/ingest-reader';
import { printJson, STORE_OPTION, STORE_USAGE, withGraph } from './graph-context';
import { type CliIO, EXIT_ERROR, EXIT_OK, UsageError } from './io';
import { textTable } from './text-table';
import { plainText } from '../core/terminal-text';

export const INGEST_USAGE = `Usage: chainsight ingest PATH... [options]

Adds SBOMs (CycloneDX, SPDX), VEX (OpenVEX, CycloneDX, CSAF) and attestations (in-toto statements,
Sigstore bundles) to the aggregated store. A folder is read recursively (*.json, *.jsonl, *.xml,
*.spdx, *.cdx, *.sigstore, *.intoto, *.bundle). Each document is stored whole or not at all; the
same document twice (same digest) adds nothing.

Sigstore bundles are verified against Sigstore's public-good trusted root (through TUF, cached
beside the store) or the --trusted-root file; a bare statement is stored as unverified.

Options:
${STORE_USAGE}
  --trusted-root FILE    A Sigstore trusted_root.json to verify bundles against, offline
  --offline              Fetch nothing: without --trusted-root, bundles are stored as unverified
  --format FORMAT        table (default) | json
  -h, --help             Show this help

Exit codes: 0 every file ingested (or already there), 2 usage error or a file that could not be
read (file:line:column: error: … on standard error; every other file is still ingested).`;

/** The command, with the reader chosen by the caller (tests may pass their own). */
export function makeIngestCommand(makeReader: (options: IngestReaderOptions) => ReadDocument) {
  return async function ingestCommand(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      ...STORE_OPTION,
      format: { type: 'string' },
      'trusted-root': { type: 'string' },
      offline: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return showUsage(io, INGEST_USAGE);
    const format = tableOrJson(values.format ?? 'table');
    if (positionals.length === 0) throw new UsageError('ingest needs at least one PATH');
    const paths = positionals.map((p) => resolve(io.cwd, p));
    const trustedRootPath = values['trusted-root'] ? resolve(io.cwd, values['trusted-root']) : undefined;
    if (trustedRootPath) await mustExist(trustedRootPath, 'no such trusted root file');
    const read = makeReader({ ...(trustedRootPath ? { trustedRootPath } : {}), offline: values.offline ?? false, tufCachePath: join(dirname(storePathFor(values, io)), 'tuf') });
    const results = await withGraph(values, io, (graph, store) => ingestPaths(graph, paths, read, { between: () => store.yieldLock() }));
    const shown = (file: string) => relative(io.cwd, file) || file;
    for (const r of results) {
      for (const [level, list] of [['error', r.errors], ['warning', r.warnings]] as const) {
        for (const p of list) io.stderr(`${plainText(shown(r.file), 400)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${level}: ${plainText(p.message, 400)}\n`);
      }
    }
    if (format === 'json') printJson(io, { schemaVersion: 1, query: { paths: positionals }, results: results.map((r) => jsonResult(r, shown(r.file))) });
    else io.stdout(ingestTable(results, shown));
    return results.some((r) => r.status === 'error') ? EXIT_ERROR : EXIT_OK;
  };
}

export const ingestCommand = makeIngestCommand(ingestDocumentReader);

function jsonResult(r: IngestFileResult, file: string) {
  const at = (p: IngestFileResult['errors'][number]) => ({ line: p.range.start.line + 1, column: p.range.start.character + 1, message: p.message });
  return {
    file,
    ...(r.index ? { index: r.index } : {}),
    status: r.status,
    ...(r.kind ? { kind: r.kind } : {}),
    ...(r.format ? { format: r.format } : {}),
    ...(r.digest ? { digest: r.digest } : {}),
    ...(r.counts ? { counts: r.counts } : {}),
    ...(r.errors.length ? { errors: r.errors.map(at) } : {}),
    ...(r.warnings.length ? { warnings: r.warnings.map(at) } : {}),
  };
}

function ingestTable(results: readonly IngestFileResult[], shown: (file: string) => string): string {
  if (results.length === 0) return 'No document files found.\n';
  const rows = results.map((r) => {
    const c = r.counts;
    const details = r.status === 'error' ? (r.errors[0]?.message ?? '') : c ? [c.packages && `${c.packages} packages`, c.dependencies && `${c.dependencies} dependencies`, c.statements && `${c.statements} VEX statements`, c.attestations && `${c.attestations} attestation facts`].filter(Boolean).join(', ') : '';
    return [`${shown(r.file)}${r.index ? ` #${r.index}` : ''}`, r.status, r.kind ?? '', r.format ?? '', details];
  });
  const added = results.filter((r) => r.status === 'added').length;
  const same = results.filter((r) => r.status === 'unchanged').length;
  const failed = results.length - added - same;
  return `${textTable(['FILE', 'RESULT', 'KIND', 'FORMAT', 'DETAILS'], rows)}\n${added} added, ${same} already in the store, ${failed} failed.\n`;
}
