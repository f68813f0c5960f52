import { readdirSync, readFileSync } from 'node:fs';

/**
 * Ending processes by id, the whole tree. Killing only code-server leaves its file watcher and extension
 * host running for hours (E2E.md), and a re-parented orphan can no longer be found through its parent;
 * so every process the harness starts also carries a marker in its environment, and both ways of finding
 * them are used.
 */

interface ProcInfo {
  pid: number;
  ppid: number;
  state: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses; the fields after the last ')' are fixed.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, state: rest[0] ?? '?', ppid: Number(rest[1]) };
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number);
}

/** `marker` is `KEY=value` or a prefix of it (`KEY=<runner pid>:` finds everything one runner started). */
function hasEnvMarker(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1')
      .split('\0')
      .some((kv) => kv.startsWith(marker));
  } catch {
    return false;
  }
}

/** `roots` and all their descendants, plus every process whose environment holds `marker`. */
export function collectTree(roots: number[], marker?: string): number[] {
  const procs = allPids()
    .map(readProc)
    .filter((p): p is ProcInfo => p !== undefined && p.pid !== process.pid);
  const found = new Set(roots.filter((pid) => procs.some((p) => p.pid === pid)));
  if (marker) for (const p of procs) if (hasEnvMarker(p.pid, marker)) found.add(p.pid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return [...found];
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone: that is the goal.
  }
}

function isGone(pid: number): boolean {
  const p = readProc(pid);
  return p === undefined || p.state === 'Z' || p.state === 'X';
}

/**
 * Stops the tree first (SIGSTOP), collecting again until no new process appears, so nothing forks or gets
 * re-parented while we look; then SIGKILLs each pid and waits until each is gone. Returns the pids ended.
 */
export async function killTree(roots: number[], marker?: string, timeoutMs = 10_000): Promise<number[]> {
  const stopped = new Set<number>();
  for (;;) {
    const pids = collectTree([...roots, ...stopped], marker).filter((p) => !stopped.has(p));
    if (pids.length === 0) break;
    for (const pid of pids) {
      signal(pid, 'SIGSTOP');
      stopped.add(pid);
    }
  }
  for (const pid of stopped) signal(pid, 'SIGKILL');
  await waitUntil(() => [...stopped].every(isGone), timeoutMs, () => {
    const left = [...stopped].filter((p) => !isGone(p));
    return `processes still alive ${timeoutMs} ms after SIGKILL: ${left.join(', ')}`;
  });
  return [...stopped];
}

/** Synchronous variant for `process.on('exit')`, where nothing asynchronous runs any more. */
export function killTreeSync(roots: number[], marker?: string): void {
  const pids = collectTree(roots, marker);
  for (const pid of pids) signal(pid, 'SIGSTOP');
  for (const pid of collectTree([...roots, ...pids], marker)) signal(pid, 'SIGKILL');
}

/** Polls a cheap local condition (here: /proc) until it holds; the kernel gives no event for another process's exit. */
function waitUntil(done: () => boolean, timeoutMs: number, message: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (done()) resolve();
      else if (Date.now() > deadline) reject(new Error(message()));
      else setTimeout(check, 25);
    };
    check();
  });
}
