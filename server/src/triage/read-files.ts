import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { DocumentReader } from '../documents';
import type { BuiltinOptions } from '../policy/builtin';
import { DEFAULT_POLICY_PATH, formatPolicyError } from '../policy/policy-file';
import type { Policy } from '../policy/types';
import { DEFAULT_SETTINGS } from '../settings';
import { DEFAULT_VEX_PATH } from '../vex/openvex-file';
import type { SourcedStatement } from '../vex/types';
import { discoverVexFiles } from './files';
import { PolicyLoader } from './policy-source';
import { readVexFile } from './vex-files';

export interface TriageFileOptions {
  /** VEX documents named by the user (absolute paths): a missing one is an error. */
  vex?: readonly string[];
  /** The policy file named by the user (absolute); default: the folder's own, when it has one. */
  policy?: string;
  /** Read the folder's own VEX files and policy file (default true). */
  own?: boolean;
  /** The built-in rules that end the policy (the CLI's --fail-on). */
  builtins?: BuiltinOptions;
  /** How paths are shown in messages (default: as given). */
  display?: (path: string) => string;
}

export interface TriageFiles {
  statements: SourcedStatement[];
  policy: Policy;
  /** VEX files that do not read, each at its place (`file:line:column`). */
  problems: Array<{ file: string; line: number; column: number; message: string; fatal: boolean }>;
  /** Things worth saying (a named file that is not read as VEX, and why). */
  notes: string[];
}

/** A policy file that does not read, or a file the user named that cannot be read: `file:line:column: message`. */
export class TriageFileError extends Error {}

/**
 * The VEX statements and the policy for a scan of `root`, from files: the ones named, then (unless
 * `own` is false) the folder's `.chainsight/vex.openvex.json`, the files the default
 * `chainsight.vex.files` globs match and `.chainsight/policy.yaml`. A policy that does not read is a
 * TriageFileError (the run stops: never "allow everything"); a VEX file that does not read is a
 * problem at its place, and every other file still applies.
 */
export async function readTriageFiles(root: string, options: TriageFileOptions = {}): Promise<TriageFiles> {
  const display = options.display ?? ((p: string) => p);
  const own = options.own !== false;
  const problems: TriageFiles['problems'] = [];
  const notes: string[] = [];
  const named = new Set(options.vex ?? []);
  const files = [...named];
  if (own) files.push(...(await discoverVexFiles(root, DEFAULT_SETTINGS.vex.files)).paths, resolve(root, DEFAULT_VEX_PATH));
  const reader = new DocumentReader();
  const statements: SourcedStatement[] = [];
  for (const file of [...new Set(files)]) {
    const text = await readText(file, named.has(file));
    if (text === undefined) continue;
    const read = readVexFile(file, text, reader);
    for (const e of read.errors) problems.push({ file: display(file), line: e.range.start.line + 1, column: e.range.start.character + 1, message: e.message, fatal: true });
    if (read.skipped && named.has(file)) notes.push(`${display(file)} is not read as VEX: ${read.skipped}`);
    statements.push(...read.statements);
  }
  const policyFile = options.policy ?? (own ? resolve(root, DEFAULT_POLICY_PATH) : undefined);
  const policyText = policyFile ? await readText(policyFile, options.policy !== undefined) : undefined;
  const loaded = new PolicyLoader().load(policyFile ? display(policyFile) : '', policyText, options.builtins ?? {});
  if (!loaded.ok) throw new TriageFileError(formatPolicyError(loaded.error));
  return { statements, policy: loaded.policy, problems, notes };
}

/** A file's text; a missing file is an error only when the user named it. */
async function readText(file: string, required: boolean): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new TriageFileError(`${file}: not a regular file`);
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof TriageFileError) throw err;
    if (!required && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TriageFileError(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}
