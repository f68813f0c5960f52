import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileKindFor, SKIPPED_FOLDERS } from '../ecosystems/files';
import { DEFAULT_LIMITS } from './limits';
import type { Omission } from './omissions';

export interface DiscoverOptions {
  /** Folder names to skip besides installed trees and VCS folders. */
  exclude?: readonly string[];
  signal?: AbortSignal;
  /** Stop after this many files, so a mis-opened home folder cannot stall the server (default 20,000). */
  limit?: number;
  /** Which files to list, by full path and name (default: dependency files, by name). */
  accept?: (path: string, name: string) => boolean;
}

export interface Discovery {
  paths: string[];
  /** Folders that could not be listed, and the limit when it stopped discovery. */
  omissions: Omission[];
}

/**
 * Every dependency file under `root`, skipping installed dependency trees (node_modules, ...) and VCS
 * folders. Symbolic links to folders are not followed: monorepo tools link workspace members into
 * node_modules, and following them would read each member twice (or loop). Anything else with a
 * dependency file's name is listed, links and special files included, so that reading it decides
 * (and says) whether it is a regular file inside the workspace.
 */
export async function discoverDependencyFiles(root: string, options: DiscoverOptions = {}): Promise<Discovery> {
  const skip = new Set([...SKIPPED_FOLDERS, ...(options.exclude ?? [])]);
  const limit = options.limit ?? DEFAULT_LIMITS.maxFiles;
  const accept = options.accept ?? ((_path: string, name: string) => fileKindFor(name) !== undefined);
  const found: string[] = [];
  const omissions: Omission[] = [];
  const queue = [root];
  while (queue.length) {
    options.signal?.throwIfAborted();
    const dir = queue.shift()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // A folder removed (or replaced by a file) while we walk was never there to read.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') omissions.push({ path: dir, reason: 'unreadable', detail: `could not list the folder (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'error')})` });
      continue;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) queue.push(join(dir, entry.name));
      } else if (accept(join(dir, entry.name), entry.name)) {
        if (found.length === limit) {
          omissions.push({ path: root, reason: 'file-limit', detail: `stopped after ${limit} ${options.accept ? 'files' : 'dependency files'}: the rest of the folder was not searched` });
          return { paths: found.sort(), omissions };
        }
        found.push(join(dir, entry.name));
      }
    }
  }
  return { paths: found.sort(), omissions };
}
