import type { LockfileCommand } from '../format';

/**
 * yarn.lock is written by two generations of yarn under one name: yarn 2+ ("berry") writes YAML
 * with a `__metadata` entry, yarn 1 ("classic") its own line format. Plain string tests, so the
 * format registry can pick the lockfile command without loading the parsers.
 */

/** A `__metadata:` key at the start of a line (a native search first: yarn 1 files never contain it). */
export function isBerryLockfile(text: string): boolean {
  for (let i = text.indexOf('__metadata'); i !== -1; i = text.indexOf('__metadata', i + 1)) {
    const lineStart = text.lastIndexOf('\n', i) + 1;
    const before = text.slice(lineStart, i);
    if ((before === '' || before === '"' || before === '\uFEFF' || before === '\uFEFF"') && /^"?[ \t]*:/.test(text.slice(i + '__metadata'.length, i + '__metadata'.length + 8))) return true;
  }
  return false;
}

/** `__metadata.version` of a berry lockfile: 4 for yarn 2, 5–6 for yarn 3, 8 for yarn 4. */
export function berryLockfileVersion(text: string): number | undefined {
  const m = /^"?__metadata"?[ \t]*:[ \t]*\r?\n(?:[ \t]+.*\r?\n)*?[ \t]+"?version"?[ \t]*:[ \t]*"?(\d+)/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * The command that refreshes a yarn.lock. yarn 3+ (lockfile version 5 and up) can update the
 * lockfile alone (`--mode=update-lockfile`: no linking, no build scripts). yarn 1 and yarn 2 have no
 * such mode, so a plain `yarn install` it is — with yarn 1, skipping scripts would be worse: its
 * integrity check then treats the half-built node_modules as up to date on every later install.
 * Without the text the version is unknown, and `yarn install` is what every version accepts.
 */
export function yarnLockfileCommand(text: string | undefined): LockfileCommand {
  const version = text !== undefined && isBerryLockfile(text) ? berryLockfileVersion(text) : undefined;
  if (version !== undefined && version >= 5) return { command: 'yarn', args: ['install', '--mode=update-lockfile'] };
  return { command: 'yarn', args: ['install'] };
}
