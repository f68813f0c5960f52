import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { Database } from 'node-sqlite3-wasm';
import { migrate, schemaVersion } from '../../../server/src/store/migrations';

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

/** A store file at an old schema `version`, with one cached advisory for `pkg:npm/old` (GHSA-old), left open. */
export function storeAtVersion(file: string, version: number): Database {
  const db = new Database(file);
  migrate(db, version);
  assert.equal(schemaVersion(db), version);
  db.run(`INSERT INTO advisories (id, modified, json, fetched_at) VALUES ('GHSA-old', '2020-01-01T00:00:00Z', '{"id":"GHSA-old","modified":"2020-01-01T00:00:00Z"}', 1)`);
  db.run(`INSERT INTO package_queries (purl, queried_at) VALUES ('pkg:npm/old', 5)`);
  db.run(`INSERT INTO package_advisories (purl, advisory_id, modified) VALUES ('pkg:npm/old', 'GHSA-old', '2020-01-01T00:00:00Z')`);
  return db;
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

