// Entry for `npm run test:vscode`: the standard @vscode/test-electron suite, at the API level, against the
// minimum VS Code in package.json `engines.vscode` and against stable. It needs to download VS Code from
// Microsoft; where that is impossible it says so and exits non-zero having run nothing.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import * as semver from 'semver';
import { cacheDir } from '../e2e/tools';
import { buildSuite } from './build-suite';

const REPO_ROOT = join(__dirname, '..', '..');
const WORKSPACE = join(REPO_ROOT, 'test', 'e2e', 'workspaces', 'npm-app');
/** Outside the repo, beside the e2e tools: VS Code builds are ~200 MB each. */
const VSCODE_CACHE = join(cacheDir(), 'vscode-test');
const DOWNLOAD_IDLE_TIMEOUT_MS = 30_000;

/** The versions to test: those named on the command line, or the engines.vscode minimum and stable. */
function versionsToTest(argv: string[]): string[] {
  if (argv.length > 0) return argv;
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines?: { vscode?: string } };
  const range = pkg.engines?.vscode;
  const minimum = range ? semver.minVersion(range)?.version : undefined;
  if (!minimum) throw new Error(`package.json engines.vscode ("${range}") has no minimum version`);
  return [minimum, 'stable'];
}

async function downloadAll(versions: string[]): Promise<Map<string, string> | undefined> {
  const executables = new Map<string, string>();
  const failures: string[] = [];
  for (const version of versions) {
    try {
      executables.set(version, await downloadAndUnzipVSCode({ version, cachePath: VSCODE_CACHE, timeout: DOWNLOAD_IDLE_TIMEOUT_MS }));
    } catch (e) {
      const cause = e instanceof Error ? [e.message, (e.cause as Error | undefined)?.message].filter(Boolean).join(': ') : String(e);
      failures.push(`  VS Code ${version}: ${cause}`);
    }
  }
  if (failures.length === 0) return executables;
  console.error(
    [
      '',
      '[test:vscode] could not download VS Code, so no test ran:',
      ...failures,
      '',
      '  This suite needs to download VS Code from Microsoft (update.code.visualstudio.com), which this machine',
      '  cannot reach. On a machine without that access, `npm run test:e2e` runs the same scenarios in a real',
      '  VS Code workbench (code-server) installed from the npm registry.',
      `  Downloads are cached in ${VSCODE_CACHE}.`,
      '',
    ].join('\n'),
  );
  return undefined;
}

async function runOne(version: string, executable: string, suiteIndex: string): Promise<boolean> {
  const scratch = mkdtempSync(join(tmpdir(), 'chainsight-vscode-test-'));
  try {
    // A copy, because the quick-fix tests edit package.json and the settings test writes .vscode/settings.json.
    const workspace = join(scratch, 'npm-app');
    cpSync(WORKSPACE, workspace, { recursive: true });
    console.log(`\n[test:vscode] VS Code ${version}: ${executable}`);
    const code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: suiteIndex,
      extensionTestsEnv: { CHAINSIGHT_REPO_ROOT: REPO_ROOT },
      launchArgs: [
        workspace,
        '--user-data-dir', join(scratch, 'user-data'),
        '--extensions-dir', join(scratch, 'extensions'),
        // Only the extension under development: nothing from the machine's own VS Code.
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
      ],
    });
    return code === 0;
  } catch (e) {
    console.error(`[test:vscode] VS Code ${version} failed: ${e instanceof Error ? e.message : String(e)}`);
    if (process.platform === 'linux' && !process.env.DISPLAY) {
      console.error('[test:vscode] no DISPLAY is set: on Linux run it under a virtual display, e.g. `xvfb-run -a npm run test:vscode`.');
    }
    return false;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  const versions = versionsToTest(argv);
  const executables = await downloadAll(versions);
  if (!executables) return 1;
  for (const [what, path] of [
    ['the extension bundle (run `npm run build`)', join(REPO_ROOT, 'dist', 'client.js')],
    ['the npm-app workspace', join(WORKSPACE, 'package.json')],
  ] as const) {
    if (!existsSync(path)) {
      console.error(`[test:vscode] ${what} is missing: ${path}`);
      return 1;
    }
  }
  const out = mkdtempSync(join(tmpdir(), 'chainsight-vscode-suite-'));
  try {
    const suiteIndex = await buildSuite(out);
    const results: Array<[string, boolean]> = [];
    for (const version of versions) results.push([version, await runOne(version, executables.get(version)!, suiteIndex)]);
    for (const [version, ok] of results) console.log(`[test:vscode] VS Code ${version}: ${ok ? 'passed' : 'FAILED'}`);
    return results.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[test:vscode] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
