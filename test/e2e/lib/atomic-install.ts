import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Written last into a finished install, so a half-copied folder is never mistaken for a good one. */
const COMPLETE = '.complete';
const TEMP_PREFIX = '.tmp-';

export function isInstalled(dir: string): boolean {
  return existsSync(join(dir, COMPLETE));
}

/**
 * Installs into `<cache>/.tmp-<name>-<pid>` and renames it to `<cache>/<name>` only when `install`
 * succeeded, so an interrupted run leaves nothing that looks installed. If another run finished the same
 * install first, its copy is kept and ours is dropped.
 */
export async function installAtomically(cache: string, name: string, install: (dir: string) => Promise<void>): Promise<string> {
  const final = join(cache, name);
  if (isInstalled(final)) return final;
  mkdirSync(cache, { recursive: true });
  // A folder without the marker is the leftover of a manual change; it cannot be trusted.
  rmSync(final, { recursive: true, force: true });
  const temp = join(cache, `${TEMP_PREFIX}${name}-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  try {
    await install(temp);
    writeFileSync(join(temp, COMPLETE), `${new Date().toISOString()}\n`);
    try {
      renameSync(temp, final);
    } catch (e) {
      if (!isInstalled(final)) throw e;
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return final;
}

/** Temp folders whose installing process is gone were interrupted; they only take disk (~600 MB). */
export function removeStaleTemps(cache: string): void {
  if (!existsSync(cache)) return;
  for (const entry of readdirSync(cache)) {
    const pid = Number(/^\.tmp-.*-(\d+)$/.exec(entry)?.[1]);
    if (pid && !isAlive(pid)) rmSync(join(cache, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
