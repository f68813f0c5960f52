import { promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseGitConfig } from '../vex/git-config';
import { remoteUrlFor } from './git-config';

/** What a git checkout says about itself, read from its files (git is never run). */
export interface GitCheckout {
  /** The top of the working tree (the folder holding `.git`). */
  worktree: string;
  /** This worktree's git folder (`.git`, or `.git/worktrees/<name>`, or `.git/modules/<name>`). */
  gitDir: string;
  /** Where refs, packed-refs and config live (the main `.git` for linked worktrees). */
  commonDir: string;
  /** HEAD's commit; undefined on a branch with no commit yet. */
  commit?: string;
  /** The branch HEAD names (`main`); undefined when detached. */
  branch?: string;
  /** The remote's URL, credentials removed. */
  remoteUrl?: string;
}

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** Refs that belong to one worktree (git-worktree(1)); all others are shared through the common dir. */
const PER_WORKTREE = /^(?:HEAD|refs\/bisect\/|refs\/worktree\/|refs\/rewritten\/)/;
const MAX_FILE = 16 * 1024 * 1024;

/**
 * The git checkout `folder` belongs to (looking upwards from it), or undefined when there is none or
 * its files cannot be read. Handles `.git` folders and `.git` files (linked worktrees, submodules),
 * loose refs, packed-refs, symbolic refs and a detached HEAD. Never throws.
 */
export async function readGitCheckout(folder: string): Promise<GitCheckout | undefined> {
  const found = await findGitDir(resolve(folder));
  if (!found) return undefined;
  const { worktree, gitDir } = found;
  const commondir = await readSmall(join(gitDir, 'commondir'));
  const commonDir = commondir ? resolve(gitDir, commondir.trim()) : gitDir;
  const head = (await readSmall(join(gitDir, 'HEAD')))?.trim();
  if (!head) return undefined;
  const dirs = { gitDir, commonDir };
  let commit: string | undefined;
  let branch: string | undefined;
  if (head.startsWith('ref:')) {
    const ref = head.slice(4).trim();
    if (ref.startsWith('refs/heads/')) branch = ref.slice('refs/heads/'.length);
    commit = await resolveRef(dirs, ref);
  } else if (OBJECT_ID.test(head)) commit = head;
  const config = parseGitConfig((await readSmall(join(commonDir, 'config'))) ?? '');
  const remoteUrl = remoteUrlFor(config, branch);
  return { worktree, gitDir, commonDir, ...(commit ? { commit } : {}), ...(branch ? { branch } : {}), ...(remoteUrl ? { remoteUrl } : {}) };
}

async function findGitDir(start: string): Promise<{ worktree: string; gitDir: string } | undefined> {
  for (let dir = start; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const stat = await fs.stat(dotGit).catch(() => undefined);
    if (stat?.isDirectory()) return { worktree: dir, gitDir: dotGit };
    if (stat?.isFile()) {
      // `gitdir: <path>`, relative to the folder holding the file (worktrees, submodules).
      const text = await readSmall(dotGit);
      const match = text ? /^gitdir:\s*(.+?)\s*$/m.exec(text) : null;
      if (!match) return undefined;
      const target = match[1]!;
      return { worktree: dir, gitDir: isAbsolute(target) ? target : resolve(dir, target) };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Follows a ref (symbolic refs included) to an object id: loose file first, then packed-refs. */
async function resolveRef(dirs: { gitDir: string; commonDir: string }, start: string): Promise<string | undefined> {
  let ref = start;
  for (let depth = 0; depth < 10; depth++) {
    if (!/^[\w./-]+$/.test(ref) || ref.split('/').includes('..')) return undefined;
    const base = PER_WORKTREE.test(ref) ? dirs.gitDir : dirs.commonDir;
    const loose = (await readSmall(join(base, ref)))?.trim();
    if (loose && OBJECT_ID.test(loose)) return loose;
    if (loose?.startsWith('ref:')) {
      ref = loose.slice(4).trim();
      continue;
    }
    return packedRef((await readSmall(join(dirs.commonDir, 'packed-refs'))) ?? '', ref);
  }
  return undefined;
}

/** `<id> <ref>` lines; `#` comments and `^<id>` peeled lines skipped. */
export function packedRef(text: string, ref: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('#') || line.startsWith('^')) continue;
    const space = line.indexOf(' ');
    if (space > 0 && line.slice(space + 1).trim() === ref) {
      const id = line.slice(0, space);
      return OBJECT_ID.test(id) ? id : undefined;
    }
  }
  return undefined;
}

async function readSmall(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_FILE) return undefined;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
