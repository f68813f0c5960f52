import { plainText } from '../core/terminal-text';
import { RunError, UsageError } from './io';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a path component is not a folder',
  EISDIR: 'is a folder',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
  EEXIST: 'already exists',
};

/** A file-system error in words (`permission denied`), without Node's `EACCES: …, open '…'` prefix. */
export function describeFileError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  return (code && REASONS[code]) ?? (err as Error)?.message ?? String(err);
}

/**
 * The one line a failed command prints: the message of a known error, the path and reason of a
 * system error, and for anything else only its message, never a stack trace (which
 * CHAINSIGHT_DEBUG=1 shows, for bug reports). Plain text: messages can quote file contents.
 */
export function errorLine(command: string, err: unknown, debug: boolean): string {
  const prefix = `chainsight${command ? ` ${plainText(command, 40)}` : ''}`;
  if (err instanceof UsageError || err instanceof RunError) return `${prefix}: error: ${plainText(err.message, 2_000)}`;
  const sys = err as NodeJS.ErrnoException;
  if (sys?.code && sys.path) return `${prefix}: error: ${plainText(sys.path, 500)}: ${describeFileError(err)}`;
  const message = plainText((err as Error)?.message ?? String(err), 2_000);
  const detail = debug ? `\n${(err as Error)?.stack ?? ''}` : ' (set CHAINSIGHT_DEBUG=1 for details)';
  return `${prefix}: internal error: ${message}${detail}`;
}
