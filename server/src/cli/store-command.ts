import { LATEST_SCHEMA_VERSION } from '../store';
import { parseCommandArgs, showUsage, tableOrJson } from './arguments';
import { printJson, STORE_OPTION, STORE_USAGE, withGraph } from './graph-context';
import { type CliIO, EXIT_OK, UsageError } from './io';
import { shortCommit, shortTime, textTable } from './text-table';
import { plainText } from '../core/terminal-text';

export const STORE_COMMAND_USAGE = `Usage: chainsight store <status | forget TARGET> [options]

  status                 What the aggregated store holds: projects and their snapshots, documents,
                         nodes and facts
  forget TARGET          Removes a project (by name, every snapshot) or a document (by digest, a
                         unique digest prefix, or file name) with every fact it taught, and the
                         nodes nothing else references

Options:
${STORE_USAGE}
  --project              forget: TARGET is a project
  --document             forget: TARGET is a document
  --format FORMAT        table (default) | json
  -h, --help             Show this help

Exit codes: 0 done, 2 usage or runtime error (nothing by that name, or more than one).`;

export async function storeCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...STORE_OPTION,
    format: { type: 'string' },
    project: { type: 'boolean' },
    document: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return showUsage(io, STORE_COMMAND_USAGE);
  const format = tableOrJson(values.format ?? 'table');
  const [action, ...args] = positionals;
  if (action === 'status') {
    if (args.length) throw new UsageError('status takes no argument');
    await withGraph(values, io, async (graph, store) => {
      const graphStatus = await graph.status();
      const file = await store.status();
      const answer = { schemaVersion: 1, query: { action: 'status' }, results: [{ path: file.path, storeSchema: file.schemaVersion, latestSchema: LATEST_SCHEMA_VERSION, sizeBytes: file.sizeBytes, ...graphStatus }] };
      if (format === 'json') return printJson(io, answer);
      const r = answer.results[0]!;
      const projects = r.projects.length
        ? textTable(['PROJECT', 'SNAPSHOTS', 'LATEST', 'RECORDED', 'PATH'], r.projects.map((p) => [p.name, String(p.snapshots), shortCommit(p.latest?.commit) || '(no commit)', shortTime(p.latest?.at ?? ''), p.path]))
        : 'No project recorded (chainsight scan --record).\n';
      const documents = r.documents.length ? r.documents.map((d) => `${d.count} ${d.kind}`).join(', ') : 'none (chainsight ingest PATH…)';
      io.stdout(
        `Store: ${plainText(r.path, 400)} (schema ${r.storeSchema}, ${(r.sizeBytes / 1024 / 1024).toFixed(1)} MB)\n\n${projects}\n` +
          `At most ${r.historyLimit} snapshots are kept per project.\nDocuments: ${documents}\n` +
          `Nodes: ${r.nodes.packages} packages, ${r.nodes.sources} sources, ${r.nodes.artifacts} artifacts, ${r.nodes.builders} builders, ${r.nodes.vulnerabilities} vulnerabilities\n` +
          `Facts: ${r.facts.dependencies} dependencies, ${r.facts.occurrences} occurrences, ${r.facts.sourceAt} source links, ${r.facts.slsa} SLSA, ` +
          `${r.facts.certifyVuln} findings, ${r.facts.vulnEqual} aliases, ${r.facts.vex} VEX statements, ${r.facts.metadata} verdicts\n`,
      );
    });
    return EXIT_OK;
  }
  if (action === 'forget') {
    if (args.length !== 1) throw new UsageError(`forget takes one TARGET, got ${args.length}`);
    if (values.project && values.document) throw new UsageError('--project and --document exclude each other');
    const kind = values.project ? 'project' : values.document ? 'document' : undefined;
    await withGraph(values, io, async (graph) => {
      const result = await graph.forget(args[0]!, kind);
      if (format === 'json') return printJson(io, { schemaVersion: 1, query: { action: 'forget', target: args[0], ...(kind ? { kind } : {}) }, results: [result] });
      io.stdout(`Forgot ${result.kind} ${plainText(result.name, 300)}: ${result.origins} ${result.kind === 'project' ? 'snapshot' : 'document'}${result.origins === 1 ? '' : 's'}, ${result.nodesRemoved} nodes no longer referenced.\n`);
    });
    return EXIT_OK;
  }
  throw new UsageError(action ? `unknown store action "${action}"` : 'which action? status or forget');
}
