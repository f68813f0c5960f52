import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

/** A fresh temp folder per test, removed afterwards: the real store on disk, never a mock. */
export function tempDirs(): { make(): string; cleanup(): void } {
  const made: string[] = [];
  return {
    make() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'chainsight-store-'));
      made.push(dir);
      return dir;
    },
    cleanup() {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A sleep that returns at once and remembers what it was asked to wait: retries take no time in tests. */
export function recordingSleep(): { sleep: (ms: number, signal?: AbortSignal) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      waits.push(ms);
    },
  };
}

/** test/support/store-child.ts, run with tsx's require hook in one process, so SIGKILL reaches the code itself. */
const CHILD = path.resolve(__dirname, '../../support/store-child.ts');

/** Starts the store child and resolves once it printed `line`. */
export function spawnStoreChild(args: string[], until: string): Promise<{ child: ChildProcess; lines: string[] }> {
  return spawnChild(CHILD, args, until);
}

/** Starts a TypeScript child script and resolves once it printed `line`. */
export function spawnChild(script: string, args: string[], until: string): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line === until) resolve({ child, lines });
    });
    child.on('exit', (code) => reject(new Error(`store child exited (${code}) before "${until}": ${stderr}`)));
  });
}

export async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

