import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileKindFor, SKIPPED_FOLDERS } from '../ecosystems/files';

export interface DiscoverOptions {
  /** Folder names to skip besides installed trees and VCS folders. */
  exclude?: readonly string[];
  signal?: AbortSignal;
  /** Stop after this many files, so a mis-opened home folder cannot stall the server. */
  limit?: number;
}

/**
 * Every dependency file under `root`, skipping installed dependency trees (node_modules, ...) and VCS
 * folders. Symbolic links to folders are not followed: monorepo tools link workspace members into
 * node_modules, and following them would read each member twice (or loop).
 */
export async function discoverDependencyFiles(root: string, options: DiscoverOptions = {}): Promise<string[]> {
  const skip = new Set([...SKIPPED_FOLDERS, ...(options.exclude ?? [])]);
  const limit = options.limit ?? 20_000;
  const found: string[] = [];
  const queue = [root];
  while (queue.length && found.length < limit) {
    options.signal?.throwIfAborted();
    const dir = queue.shift()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folders are not the user's dependency files
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) queue.push(join(dir, entry.name));
      } else if (entry.isFile() && fileKindFor(entry.name)) {
        found.push(join(dir, entry.name));
      }
    }
  }
  return found.sort();
}
