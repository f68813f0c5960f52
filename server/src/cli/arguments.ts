import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type CliIO, EXIT_OK, RunError, UsageError } from './io';

/** What every command does with its arguments before its own work: parse, help, PATH, formats. */

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options and positionals, strictly: an unknown or malformed option is a usage error. */
export function parseCommandArgs<const O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Prints the command's usage for `--help`; the exit code to return. */
export function showUsage(io: CliIO, usage: string): number {
  io.stdout(`${usage}\n`);
  return EXIT_OK;
}

/** The one PATH a command reads; more than one is a usage error rather than silently ignored. */
export function onePath(command: string, positionals: readonly string[]): string | undefined {
  if (positionals.length > 1) throw new UsageError(`${command} takes one PATH, got ${positionals.length}`);
  return positionals[0];
}

/** PATH (default: the working folder) resolved against the working folder; it must exist. */
export async function existingPath(io: CliIO, path = '.'): Promise<string> {
  const full = resolve(io.cwd, path);
  await mustExist(full);
  return full;
}

/** Fails early with the path in the message, before any work that would fail less clearly. */
export async function mustExist(path: string, missing = 'no such file or folder'): Promise<void> {
  try {
    await fs.stat(path);
  } catch {
    throw new RunError(`${path}: ${missing}`);
  }
}

/** `--format` of the commands that print a table or JSON. */
export function tableOrJson(format: string): 'table' | 'json' {
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json (got "${format}")`);
  return format;
}
