import { promises as fs } from 'node:fs';
import * as os from 'node:os';

/**
 * node-sqlite3-wasm locks a database by creating the directory `<db>.lock` and removes it on unlock.
 * A process killed while holding it leaves the directory behind, and every later open would wait
 * forever. So whoever holds the lock also writes `<db>.lock-owner` (pid and host), and a waiter that
 * finds the lock held by a dead process on this host removes it.
 */
export interface LockOwner {
  pid: number;
  host: string;
  since: number;
}

export function lockDir(dbPath: string): string {
  return `${dbPath}.lock`;
}

export function ownerFile(dbPath: string): string {
  return `${dbPath}.lock-owner`;
}

export function thisProcess(now = Date.now()): LockOwner {
  return { pid: process.pid, host: os.hostname(), since: now };
}

export async function writeOwner(dbPath: string, owner: LockOwner = thisProcess()): Promise<void> {
  await fs.writeFile(ownerFile(dbPath), JSON.stringify(owner));
}

/** Removes the owner file if it is ours (a later holder may already have written its own). */
export async function clearOwner(dbPath: string): Promise<void> {
  const owner = await readOwner(ownerFile(dbPath));
  if (owner && owner.pid === process.pid && owner.host === os.hostname()) await fs.rm(ownerFile(dbPath), { force: true });
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const value = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string') return { pid: value.pid, host: value.host, since: Number(value.since) || 0 };
  } catch {
    // Missing or half-written: treated as "owner unknown".
  }
  return undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface StaleLockCheck {
  /** How old an ownerless lock must be before it is presumed abandoned. */
  ownerlessAfterMs: number;
  now: () => number;
}

/**
 * Removes `<db>.lock` when its holder is certainly gone: a dead pid on this host, or no owner file and
 * a lock older than `ownerlessAfterMs`. Returns what it found, for the busy error message.
 */
export async function removeStaleLock(dbPath: string, check: StaleLockCheck): Promise<{ removed: boolean; holder?: LockOwner }> {
  const dir = lockDir(dbPath);
  let lockTime: number;
  try {
    lockTime = (await fs.stat(dir)).mtimeMs;
  } catch {
    return { removed: false };
  }
  const holder = await readOwner(ownerFile(dbPath));
  if (holder) {
    const sameHost = holder.host === os.hostname();
    if (!sameHost || holder.pid === process.pid || isAlive(holder.pid)) return { removed: false, holder };
    return { removed: await reap(dbPath, holder), holder };
  }
  if (check.now() - lockTime < check.ownerlessAfterMs) return { removed: false };
  await fs.rmdir(dir).catch(() => undefined);
  return { removed: true };
}

/**
 * Claims the dead owner's file by renaming it (only one waiter can win a rename), checks that it still
 * names the dead process, and only then removes the lock directory.
 */
async function reap(dbPath: string, dead: LockOwner): Promise<boolean> {
  const claimed = `${ownerFile(dbPath)}.reaping-${process.pid}`;
  try {
    await fs.rename(ownerFile(dbPath), claimed);
  } catch {
    return false;
  }
  const owner = await readOwner(claimed);
  if (!owner || owner.pid !== dead.pid || owner.host !== dead.host) {
    // Someone else took the lock in between: give their owner file back.
    await fs.rename(claimed, ownerFile(dbPath)).catch(() => undefined);
    return false;
  }
  await fs.rmdir(lockDir(dbPath)).catch(() => undefined);
  await fs.rm(claimed, { force: true });
  return true;
}

/** A waiter leaves this mark so that a long import holding the lock knows to step aside for a moment. */
export function wantedFile(dbPath: string): string {
  return `${dbPath}.lock-wanted`;
}

export async function markWanted(dbPath: string): Promise<void> {
  await fs.writeFile(wantedFile(dbPath), String(process.pid)).catch(() => undefined);
}

/** Whether someone asked for the lock within the last `withinMs`. */
export async function isWanted(dbPath: string, now: number, withinMs = 2_000): Promise<boolean> {
  try {
    return now - (await fs.stat(wantedFile(dbPath))).mtimeMs < withinMs;
  } catch {
    return false;
  }
}

export async function clearWanted(dbPath: string): Promise<void> {
  await fs.rm(wantedFile(dbPath), { force: true }).catch(() => undefined);
}
