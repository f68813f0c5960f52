import { resolve } from 'node:path';
import { parseCommandArgs, showUsage, tableOrJson } from './arguments';
import { printJson, STORE_OPTION, STORE_USAGE, withGraph } from './graph-context';
import { type CliIO, EXIT_OK, UsageError } from './io';
import { diffTable, projectTable, provenanceTable, vulnTable, whoUsesTable } from './query-tables';

export const QUERY_USAGE = `Usage: chainsight query <question> [arguments] [options]

Asks the aggregated store (recorded scans and ingested SBOMs, VEX and attestations).

Questions:
  who-uses <purl | name[@range]>       Every project snapshot and SBOM subject that contains the package
  vuln <ID>                            Every affected package instance and subject (any alias of the
                                       issue), with the VEX status that applies to each
  project <name | path>                Its packages, open findings after VEX and provenance coverage
  provenance                           Packages without verified provenance or signatures
  diff <project> <commitA> <commitB>   Packages added, removed and changed; findings opened and closed

Options:
${STORE_USAGE}
  --format FORMAT        table (default) | json
  --history              who-uses, vuln: every recorded snapshot, not only each project's latest
  --commit SHA           project: the snapshot at this commit (a unique prefix will do)
  --missing              provenance: only packages with nothing verified
  --invalid              provenance: only packages with an invalid signature or provenance
  -h, --help             Show this help

Exit codes: 0 answered (also when nothing matched), 2 usage or runtime error (an unknown project).`;

const QUESTIONS: Record<string, { args: [number, number]; flags: string[] }> = {
  'who-uses': { args: [1, 1], flags: ['history'] },
  vuln: { args: [1, 1], flags: ['history'] },
  project: { args: [1, 1], flags: ['commit'] },
  provenance: { args: [0, 0], flags: ['missing', 'invalid'] },
  diff: { args: [3, 3], flags: [] },
};

export async function queryCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...STORE_OPTION,
    format: { type: 'string' },
    history: { type: 'boolean' },
    commit: { type: 'string' },
    missing: { type: 'boolean' },
    invalid: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return showUsage(io, QUERY_USAGE);
  const [question, ...args] = positionals;
  const spec = question ? QUESTIONS[question] : undefined;
  if (!question || !spec) throw new UsageError(question ? `unknown question "${question}"` : 'which question? who-uses, vuln, project, provenance or diff');
  if (args.length < spec.args[0] || args.length > spec.args[1]) throw new UsageError(`${question} takes ${spec.args[0]} argument${spec.args[0] === 1 ? '' : 's'}, got ${args.length}`);
  for (const flag of ['history', 'commit', 'missing', 'invalid'] as const) {
    if (values[flag] !== undefined && !spec.flags.includes(flag)) throw new UsageError(`--${flag} does not apply to ${question}`);
  }
  const format = tableOrJson(values.format ?? 'table');
  const out = (answer: unknown, table: string) => (format === 'json' ? printJson(io, answer) : io.stdout(table));
  await withGraph(values, io, async (graph) => {
    switch (question) {
      case 'who-uses': {
        const answer = await graph.whoUses({ package: args[0]!, ...(values.history ? { history: true } : {}) });
        return out(answer, whoUsesTable(answer));
      }
      case 'vuln': {
        const answer = await graph.vuln({ id: args[0]!, ...(values.history ? { history: true } : {}) });
        return out(answer, vulnTable(answer));
      }
      case 'project': {
        const answer = await graph.project({ project: args[0]!, path: resolve(io.cwd, args[0]!), ...(values.commit ? { commit: values.commit } : {}) });
        return out(answer, projectTable(answer));
      }
      case 'provenance': {
        const answer = await graph.provenance({ ...(values.missing ? { missing: true } : {}), ...(values.invalid ? { invalid: true } : {}) });
        return out(answer, provenanceTable(answer));
      }
      default: {
        const answer = await graph.diff({ project: args[0]!, path: resolve(io.cwd, args[0]!), from: args[1]!, to: args[2]! });
        return out(answer, diffTable(answer));
      }
    }
  });
  return EXIT_OK;
}
