import type { OmissionReason } from '../analysis/omissions';
import { plainText } from '../core/terminal-text';
import type { CliIO } from './io';

export interface Problems {
  /** Positions are 1-based; paths relative to the scanned folder. */
  problems: ReadonlyArray<{ file: string; line: number; column: number; message: string; fatal: boolean }>;
  omissions: ReadonlyArray<{ path: string; reason: OmissionReason; detail: string; includedFrom?: string }>;
}

/** What lifts each kind of omission, in the CLI's terms. */
const REMEDIES: Readonly<Record<OmissionReason, string | undefined>> = {
  'too-large': 'raise the limit with --max-file-bytes',
  'not-a-file': undefined,
  'outside-workspace': 'pass --allow-outside-includes to read files outside the scanned folder',
  unreadable: 'check the permissions, or skip the folder with --exclude',
  'file-limit': 'raise the limit with --max-files, or skip folders with --exclude',
};

/**
 * Prints parse problems and what was not read to stderr, as `file:line:column: level: message`
 * (CI systems and editors annotate those), in plain text: file names and messages can hold
 * terminal sequences. Returns whether the answer is incomplete (exit code 2).
 */
export function printProblems(io: CliIO, { problems, omissions }: Problems): { fatal: boolean; omitted: boolean } {
  for (const p of problems) io.stderr(`${plainText(p.file, 500)}:${p.line}:${p.column}: ${p.fatal ? 'error' : 'warning'}: ${plainText(p.message, 2_000)}\n`);
  // A refused include is already a warning at its line in the file that includes it.
  for (const o of omissions) if (!o.includedFrom) io.stderr(`${plainText(o.path, 500)}: warning: not read: ${plainText(o.detail, 1_000)}\n`);
  for (const reason of new Set(omissions.map((o) => o.reason))) {
    const remedy = REMEDIES[reason];
    if (remedy) io.stderr(`chainsight: hint: ${remedy}\n`);
  }
  if (omissions.length) io.stderr(`chainsight: error: the answer is incomplete: ${omissions.length === 1 ? '1 file or folder was' : `${omissions.length} files or folders were`} not read\n`);
  return { fatal: problems.some((p) => p.fatal), omitted: omissions.length > 0 };
}
