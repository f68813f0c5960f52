import { spawn } from 'node:child_process';
import type { PackageManagerRun } from '../protocol';

export interface RunOutcome {
  /** Exit code, or null when it could not start or was killed. */
  code: number | null;
  output: string;
}

const MAX_OUTPUT = 256 * 1024;

/**
 * Runs a planned package-manager command for clients that do not run it themselves: no shell (the
 * arguments are ours, never file text), in the project's folder, output kept for the log. Windows
 * resolves `npm` to npm.cmd only through a shell, hence the one exception.
 */
export function runPackageManager(run: PackageManagerRun, signal?: AbortSignal): Promise<RunOutcome> {
  return new Promise((resolve) => {
    let output = '';
    const append = (d: Buffer) => {
      if (output.length < MAX_OUTPUT) output += d.toString();
    };
    const child = spawn(run.command, run.args, { cwd: run.cwd, shell: process.platform === 'win32', env: process.env, ...(signal ? { signal } : {}) });
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    child.on('error', (err) => resolve({ code: null, output: `${output}could not start ${run.command}: ${err.message}\n` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}
