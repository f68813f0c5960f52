import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLI = join(__dirname, '../../dist/cli.js');

/** Tests never touch the user's real store: unless a test says otherwise, the CLI gets a private one. */
const PRIVATE_STORE = join(mkdtempSync(join(tmpdir(), 'chainsight-cli-store-')), 'chainsight.db');

/** Runs the built CLI as users do, and collects its output and exit code. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? process.cwd(), env: options.env ?? { ...process.env, CHAINSIGHT_STORE: PRIVATE_STORE } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
