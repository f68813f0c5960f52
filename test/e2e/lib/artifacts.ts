import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

/** git-ignored; one folder per scenario, emptied at the start of each of its runs. */
export const ARTIFACTS_ROOT = join(__dirname, '..', 'artifacts');

/** `--readme-screenshots` saves here; the runner copies the files into media/ when the run passed. */
export const README_SHOTS_DIR = join(ARTIFACTS_ROOT, 'readme');

export function artifactsDir(scenario: string): string {
  return join(ARTIFACTS_ROOT, scenario.replace(/[^\w.-]+/g, '_'));
}

export function resetArtifacts(scenario: string): string {
  const dir = artifactsDir(scenario);
  rmSync(dir, { recursive: true, force: true });
  return dir;
}

/**
 * The logs worth reading after a failure: code-server writes them under `<user-data>/logs/<session>/`;
 * the extension host log (`exthost*`/`remoteexthost.log`) and output channels whose name holds "Chainsight"
 * (our client, our server's trace, the smoke extension).
 */
export function isInterestingLog(path: string): boolean {
  const name = basename(path);
  return /exthost/i.test(name) || /chainsight/i.test(name);
}

/** Copies the interesting logs under `userDataDir/logs` into `dest/logs/`, keeping their relative paths. */
export function copyLogs(userDataDir: string, dest: string): string[] {
  const root = join(userDataDir, 'logs');
  const copied: string[] = [];
  for (const file of walk(root)) {
    if (!isInterestingLog(file)) continue;
    const target = join(dest, 'logs', relative(root, file));
    mkdirSync(join(target, '..'), { recursive: true });
    copyFileSync(file, target);
    copied.push(target);
  }
  return copied;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
