import { promises as fs } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { SKIPPED_FOLDERS } from '../ecosystems/files';

/** More VEX files than this under one folder is a mis-opened home folder, not a project's triage. */
export const MAX_VEX_FILES = 1_000;

/** Whether a path relative to the workspace folder (`/` separators) matches one of the `chainsight.vex.files` globs. */
export function vexFileMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const patterns = globs.map((g) => g.trim()).filter((g) => g !== '');
  if (patterns.length === 0) return () => false;
  // `dot`: triage lives in `.chainsight/`, and globs such as `**/*.openvex.json` must reach it.
  const match = picomatch(patterns, { dot: true });
  return (relativePath) => match(relativePath);
}

/** `path` relative to `root` with `/` separators, or undefined when it is not inside `root`. */
export function relativeInside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** A setting's path (the VEX file, the policy file) as an absolute path: relative ones are the folder's. */
export function folderPath(root: string, setting: string): string {
  return isAbsolute(setting) ? setting : resolve(root, setting);
}

export interface VexDiscovery {
  paths: string[];
  /** The walk stopped at MAX_VEX_FILES. */
  truncated: boolean;
}

/**
 * The VEX files under `root` that the globs match, skipping installed trees and VCS folders as
 * dependency discovery does (and `exclude`). Symbolic links to folders are not followed.
 */
export async function discoverVexFiles(root: string, globs: readonly string[], options: { exclude?: readonly string[]; signal?: AbortSignal } = {}): Promise<VexDiscovery> {
  const match = vexFileMatcher(globs);
  const skip = new Set([...SKIPPED_FOLDERS, ...(options.exclude ?? [])]);
  const found: string[] = [];
  const queue = [root];
  while (queue.length) {
    options.signal?.throwIfAborted();
    const dir = queue.shift()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      // Dependency discovery reports folders it cannot list; saying it twice helps nobody.
      continue;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) queue.push(full);
      } else if (match(relativeInside(root, full) ?? entry.name)) {
        if (found.length === MAX_VEX_FILES) return { paths: found.sort(), truncated: true };
        found.push(full);
      }
    }
  }
  return { paths: found.sort(), truncated: false };
}
