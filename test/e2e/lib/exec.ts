import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';

export interface LoggedCommand {
  cmd: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Output goes here instead of the console: installs are long and noisy, the tail is printed on failure. */
  logFile: string;
}

/** Runs a command to completion; rejects with the command line and the tail of its log. */
export function runLogged(c: LoggedCommand): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(c.logFile, { flags: 'a' });
    out.write(`\n$ ${c.cmd} ${c.args.join(' ')}\n`);
    const child = spawn(c.cmd, c.args, {
      cwd: c.cwd,
      env: c.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const fail = (why: string): void => {
      out.end(() => reject(new Error(`${c.cmd} ${c.args.join(' ')} ${why}\n--- last lines of ${c.logFile} ---\n${tail(c.logFile)}`)));
    };
    child.on('error', (e) => fail(`could not start: ${e.message}`));
    child.on('close', (code, signal) => {
      if (code === 0) out.end(() => resolve());
      else fail(signal ? `was killed by ${signal}` : `exited with ${code}`);
    });
  });
}

/** Runs a short command and returns its stdout; for version checks. */
export function capture(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout.trim()) : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`)),
    );
  });
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
