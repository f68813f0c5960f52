import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { DEFAULT_LIMITS, formatBytes, type ReadLimits } from './limits';
import type { Omission } from './omissions';

/** The text of a file, or why there is none: missing is normal (a probe), refused is reported. */
export type FileRead = { kind: 'text'; text: string } | { kind: 'missing' } | { kind: 'refused'; omission: Omission };

/** Where file text comes from: open editor buffers first, then disk. Sync, since parsers are sync. */
export interface TextSource {
  /** A dependency file, or (with `includedFrom`) a file that one includes. */
  read(path: string, includedFrom?: string): FileRead;
}

/** The folders a workspace may read in, and the limits; asked on every read so settings apply at once. */
export interface ReadPolicy {
  roots: readonly string[];
  limits: ReadLimits;
}

/**
 * Every read of a dependency file or of a file it includes, in the CLI and the language server:
 * regular files only (a symbolic link is followed, then judged by what it points at), at most
 * `maxFileBytes`, and inside the workspace folder unless `allowIncludesOutsideWorkspace`. A FIFO
 * never blocks the read and a device is never opened.
 */
export class DependencyFileReader implements TextSource {
  private readonly realRoots = new Map<string, string>();

  constructor(private readonly policy: () => ReadPolicy) {}

  read(path: string, includedFrom?: string): FileRead {
    const absolute = resolve(path);
    const { roots, limits } = this.policy();
    const refuse = (reason: Omission['reason'], detail: string) => refusal(absolute, includedFrom, reason, detail);
    let real: string;
    try {
      real = realpathSync(absolute);
    } catch (err) {
      return failure(err, refuse);
    }
    if (!limits.allowIncludesOutsideWorkspace) {
      const root = rootFor(roots, includedFrom ? resolve(includedFrom) : absolute);
      if (!isInside(real, this.realRoot(root))) {
        const where = outside(root);
        return refuse('outside-workspace', real === absolute ? where : `a symbolic link to ${real}, ${where}`);
      }
    }
    let fd: number | undefined;
    try {
      const before = statSync(real);
      if (!before.isFile()) return refuse('not-a-file', `${kindOf(before)}, not a regular file`);
      if (before.size > limits.maxFileBytes) return refuse('too-large', tooLarge(before.size, limits.maxFileBytes));
      // Non-blocking, and checked again once open: the path may have been swapped for a FIFO since.
      fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      const opened = fstatSync(fd);
      if (!opened.isFile()) return refuse('not-a-file', `${kindOf(opened)}, not a regular file`);
      const bytes = readAtMost(fd, opened.size, limits.maxFileBytes);
      if (bytes === undefined) return refuse('too-large', `over the ${formatBytes(limits.maxFileBytes)} limit`);
      return { kind: 'text', text: bytes.toString('utf8') };
    } catch (err) {
      return failure(err, refuse);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** The same rules for text an editor already holds (an open buffer): its size and where it is. */
  checkText(path: string, text: string, includedFrom?: string): FileRead {
    const absolute = resolve(path);
    const { roots, limits } = this.policy();
    const omission = (reason: Omission['reason'], detail: string) => refusal(absolute, includedFrom, reason, detail);
    if (includedFrom && !limits.allowIncludesOutsideWorkspace) {
      const root = rootFor(roots, resolve(includedFrom));
      if (!isInside(absolute, root)) return omission('outside-workspace', outside(root));
    }
    // UTF-16 length bounds the UTF-8 size from below; count exactly only when it could matter.
    if (text.length > limits.maxFileBytes / 3) {
      const size = Buffer.byteLength(text, 'utf8');
      if (size > limits.maxFileBytes) return omission('too-large', tooLarge(size, limits.maxFileBytes));
    }
    return { kind: 'text', text };
  }

  /** The folder as the disk knows it (`/tmp` may be `/private/tmp`), remembered per folder. */
  private realRoot(root: string): string {
    let real = this.realRoots.get(root);
    if (real === undefined) {
      try {
        real = realpathSync(root);
      } catch {
        real = root;
      }
      this.realRoots.set(root, real);
    }
    return real;
  }
}

/** A reader with fixed folders and limits, for one CLI or library scan. */
export function diskReader(roots: readonly string[], limits: Partial<ReadLimits> = {}): DependencyFileReader {
  const policy: ReadPolicy = { roots, limits: { ...DEFAULT_LIMITS, ...limits } };
  return new DependencyFileReader(() => policy);
}

/** The deepest workspace folder holding `path`; a file outside all of them is its own folder's. */
function rootFor(roots: readonly string[], path: string): string {
  let best: string | undefined;
  for (const root of roots) if (isInside(path, resolve(root)) && (!best || root.length > best.length)) best = resolve(root);
  return best ?? dirname(path);
}

export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** Reads up to `max` bytes; undefined when the file holds more (it may have grown since `stat`). */
function readAtMost(fd: number, expected: number, max: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  // One byte more than expected shows whether the file grew past the limit; /proc files say size 0.
  let buffer = Buffer.allocUnsafe(Math.min(expected, max) + 1);
  for (;;) {
    const n = readSync(fd, buffer, 0, buffer.length, null);
    if (n === 0) break;
    total += n;
    if (total > max) return undefined;
    chunks.push(buffer.subarray(0, n));
    buffer = Buffer.allocUnsafe(Math.min(64 * 1024, max + 1 - total));
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

function refusal(path: string, includedFrom: string | undefined, reason: Omission['reason'], detail: string): FileRead {
  return { kind: 'refused', omission: { path, reason, detail, ...(includedFrom ? { includedFrom: resolve(includedFrom) } : {}) } };
}

function failure(err: unknown, refuse: (reason: Omission['reason'], detail: string) => FileRead): FileRead {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  if (code === 'ELOOP') return refuse('not-a-file', 'a loop of symbolic links');
  if (code === 'EACCES' || code === 'EPERM') return refuse('unreadable', 'permission denied');
  if (code === 'EISDIR') return refuse('not-a-file', 'a folder, not a regular file');
  return refuse('unreadable', code ?? (err as Error).message);
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

function outside(root: string): string {
  return `outside the workspace folder ${root}`;
}

function tooLarge(size: number, max: number): string {
  return `${formatBytes(size)}, over the ${formatBytes(max)} limit`;
}
