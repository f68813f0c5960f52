import { dirname, resolve } from 'node:path';
import { buildUnits } from '../analysis/workspace-analysis';
import { scanTarget } from '../analysis/scan';
import { unitFiles } from '../analysis/unit';
import { verifyExitCode, verifyReportJson, verifyReportTable } from '../provenance/present/verify-report';
import { WorkspaceProvenance } from '../provenance/workspace-check';
import { existingPath, mustExist, onePath, parseCommandArgs, showUsage, tableOrJson } from './arguments';
import { cliDispatcher, openCliStore, storePathFor } from './data-context';
import { type CliIO, EXIT_ERROR } from './io';

export const VERIFY_USAGE = `Usage: chainsight verify [PATH] [options]

Checks what vouches for every resolved package in the dependency files under PATH (default: the
current folder): npm registry signatures and Sigstore provenance (like "npm audit signatures"),
PyPI PEP 740 attestations of each locked file (Trusted Publishing), and every go.sum line against
the Go checksum database. Shows where each package was built from.

Options:
  --registry URL         npm registry to ask (default: from the user's ~/.npmrc or npm_config_userconfig,
                         the global npmrc or npm_config_registry, else registry.npmjs.org)
  --index-url URL        PyPI index to ask, like pip's option (default: PIP_INDEX_URL / UV_INDEX_URL, the
                         user's pip.conf or uv.toml, else https://pypi.org/simple)
  --sumdb "NAME+KEY URL" Go checksum database, as GOSUMDB writes it (default: GOSUMDB, else sum.golang.org);
                         GONOSUMDB, GOPRIVATE, GONOSUMCHECK and GOFLAGS=-insecure are honoured
  --trust-workspace      Also read the project's .npmrc, pip.conf and uv.toml (registries and \${VAR}
                         expansion). Off by default: a repository must not choose where Chainsight connects
  --offline              No connection at all: show each package's last verdict from the store, with
                         its age, or "offline: not checked"
  --trusted-root FILE    A Sigstore trusted_root.json to verify against, for every ecosystem (air-gapped
                         sites); default: Sigstore's public-good root through TUF
  --format FORMAT        table (default) | json
  --store PATH           The metadata store used as cache (default $CHAINSIGHT_STORE, else ~/.cache/chainsight/chainsight.db)
  --exclude NAME         Skip folders with this name (repeatable)
  -h, --help             Show this help

Exit codes: 0 nothing invalid (unavailable checks are not failures), 1 an invalid signature or
attestation, or a go.sum line the checksum database contradicts, 2 usage or runtime error.`;

export async function verifyCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    registry: { type: 'string' },
    'index-url': { type: 'string' },
    sumdb: { type: 'string' },
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
      registries: {
        ...(values.registry ? { npm: values.registry } : {}),
        ...(values['index-url'] ? { PyPI: values['index-url'] } : {}),
        ...(values.sumdb ? { Go: values.sumdb } : {}),
      },
    });
    const results = [...(await checker.check(units.map(unitFiles))).values()];
    io.stdout(format === 'json' ? `${verifyReportJson(results)}\n` : verifyReportTable(results));
    for (const problem of checker.networkProblems()) io.stderr(`chainsight: warning: ${problem}\n`);
    if (broken.length) return EXIT_ERROR;
    return verifyExitCode(results);
  } finally {
    await dispatcher?.close().catch(() => undefined);
    await store.close();
  }
}
