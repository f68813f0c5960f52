import { dirname, resolve } from 'node:path';
import { buildUnits } from '../analysis/workspace-analysis';
import { scanTarget } from '../analysis/scan';
import { verifyExitCode, verifyReportJson, verifyReportTable } from '../provenance/present/verify-report';
import { WorkspaceProvenance } from '../provenance/workspace-check';
import { existingPath, mustExist, onePath, parseCommandArgs, showUsage, tableOrJson } from './arguments';
import { cliDispatcher, openCliStore, storePathFor } from './data-context';
import { type CliIO, EXIT_ERROR } from './io';

export const VERIFY_USAGE = `Usage: chainsight verify [PATH] [options]

Checks the registry signature and the Sigstore provenance attestations of every resolved npm package
in the lockfiles under PATH (default: the current folder), like "npm audit signatures", and shows
where each package was built from.

Options:
  --registry URL         Registry to ask (default: from the user's ~/.npmrc or npm_config_userconfig,
                         the global npmrc or npm_config_registry, else registry.npmjs.org)
  --trust-workspace      Also read the project's .npmrc (registry and \${VAR} expansion), as npm does.
                         Off by default: a repository must not choose where Chainsight connects
  --offline              No connection at all: show each package's last verdict from the store, with
                         its age, or "offline: not checked"
  --trusted-root FILE    A Sigstore trusted_root.json to verify against (air-gapped sites);
                         default: Sigstore's public-good root through TUF
  --format FORMAT        table (default) | json
  --store PATH           The metadata store used as cache (default $CHAINSIGHT_STORE, else ~/.cache/chainsight/chainsight.db)
  --exclude NAME         Skip folders with this name (repeatable)
  -h, --help             Show this help

Exit codes: 0 nothing invalid (unavailable checks are not failures), 1 an invalid signature or
attestation, 2 usage or runtime error.`;

export async function verifyCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    registry: { type: 'string' },
    'trust-workspace': { type: 'boolean' },
    offline: { type: 'boolean' },
    'trusted-root': { type: 'string' },
    format: { type: 'string' },
    store: { type: 'string' },
    exclude: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return showUsage(io, VERIFY_USAGE);
  const format = tableOrJson(values.format ?? 'table');
  const path = await existingPath(io, onePath('verify', positionals));
  const trustedRoot = values['trusted-root'] ? resolve(io.cwd, values['trusted-root']) : undefined;
  if (trustedRoot) await mustExist(trustedRoot, 'no such trusted root file');
  const target = await scanTarget(path, { exclude: values.exclude ?? [] });
  const { units, broken } = buildUnits(target.files, target.paths, target.root);
  for (const file of broken) for (const e of file.result.errors) io.stderr(`${file.path}:${e.range.start.line + 1}:${e.range.start.character + 1}: error: ${e.message}\n`);
  const storePath = storePathFor(values, io);
  const store = await openCliStore(storePath, io);
  const offline = values.offline ?? false;
  // Offline makes no connection: not even a connection pool.
  const dispatcher = offline ? undefined : await cliDispatcher(io);
  try {
    const checker = new WorkspaceProvenance({
      ...(dispatcher ? { dispatcher } : {}),
      offline,
      trusted: values['trust-workspace'] ?? false,
      tufCachePath: dirname(storePath),
      cache: store.keyedCache(),
      env: io.env,
      ...(trustedRoot ? { trustedRootPath: trustedRoot } : {}),
      ...(values.registry ? { registry: values.registry } : {}),
    });
    const results = [...(await checker.check(units.map((u) => u.lockfile).filter((l): l is NonNullable<typeof l> => l !== undefined))).values()];
    io.stdout(format === 'json' ? `${verifyReportJson(results)}\n` : verifyReportTable(results));
    for (const problem of checker.networkProblems()) io.stderr(`chainsight: warning: ${problem}\n`);
    if (broken.length) return EXIT_ERROR;
    return verifyExitCode(results);
  } finally {
    await dispatcher?.close().catch(() => undefined);
    await store.close();
  }
}
