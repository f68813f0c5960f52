import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { killTree } from './process-tree';

/** Environment key every harness-started process carries; the value is `<runner pid>:<temp root>`. */
export const MARKER_KEY = 'CHAINSIGHT_E2E_OWNER';

export function markerValue(root: string): string {
  return `${process.pid}:${root}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Ends what an earlier run left behind when it was killed too hard to clean up (SIGKILL, a lost
 * machine session): processes whose marker names a runner that no longer exists. A run still going
 * on (another terminal, another engineer) has a live runner and is left alone.
 */
export async function reapOrphans(log: (m: string) => void): Promise<void> {
  const markers = new Set<string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let env: string;
    try {
      env = readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue;
    }
    const value = env.split('\0').find((kv) => kv.startsWith(`${MARKER_KEY}=`))?.slice(MARKER_KEY.length + 1);
    const runner = Number(value?.split(':')[0]);
    if (value && runner && !isAlive(runner)) markers.add(value);
  }
  for (const value of markers) {
    const pids = await killTree([], `${MARKER_KEY}=${value}`);
    const root = value.slice(value.indexOf(':') + 1);
    if (root.includes('chainsight-e2e-')) rmSync(root, { recursive: true, force: true });
    log(`ended ${pids.length} process(es) left by an earlier run (${root})`);
  }
}
