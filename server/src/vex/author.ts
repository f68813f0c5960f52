import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseGitConfig } from './git-config';

/** What reading git's identity needs from the machine, injected so tests use temporary folders. */
export interface GitIdentityEnvironment {
  /** The user's home folder (`os.homedir()`). */
  home: string;
  /** `$XDG_CONFIG_HOME`, when set. */
  xdgConfigHome?: string;
  readFile?: (file: string) => string | undefined;
  isDirectory?: (file: string) => boolean;
}

export interface GitIdentity {
  name?: string;
  email?: string;
  /** The files read, in the order git applies them (later ones win). */
  files: string[];
}

/** git follows includes at most this deep (git's own limit), which also ends include cycles. */
const MAX_INCLUDE_DEPTH = 10;

/**
 * `user.name` and `user.email` as git would report them for a repository, without running git
 * (docs/vex.md): `$XDG_CONFIG_HOME/git/config` (or `~/.config/git/config`), then `~/.gitconfig`, then
 * the repository's own config (a worktree's shared config, then its `config.worktree`), later files
 * winning; `include.path` is followed (relative to the including file, `~/` for home). Conditional
 * includes (`includeIf`) and the system-wide file are not read.
 */
export function readGitIdentity(folder: string, env: GitIdentityEnvironment): GitIdentity {
  const readFile = env.readFile ?? readTextFile;
  const isDirectory = env.isDirectory ?? directoryExists;
  const files = [path.join(env.xdgConfigHome || path.join(env.home, '.config'), 'git', 'config'), path.join(env.home, '.gitconfig'), ...repositoryConfigFiles(folder, readFile, isDirectory)];
  const identity: GitIdentity = { files: [] };
  const visit = (file: string, depth: number) => {
    const text = readFile(file);
    if (text === undefined) return;
    identity.files.push(file);
    for (const entry of parseGitConfig(text)) {
      if (entry.section === 'user' && entry.subsection === undefined && (entry.key === 'name' || entry.key === 'email')) identity[entry.key] = entry.value;
      else if (entry.section === 'include' && entry.subsection === undefined && entry.key === 'path' && depth < MAX_INCLUDE_DEPTH && entry.value) visit(resolveInclude(entry.value, file, env.home), depth + 1);
    }
  };
  for (const file of files) visit(file, 0);
  return identity;
}

/** `Name <email>` as git writes a person, or whichever of the two is known. */
export function formatAuthor(identity: Pick<GitIdentity, 'name' | 'email'>): string | undefined {
  const name = identity.name?.trim();
  const email = identity.email?.trim();
  if (name && email) return `${name} <${email}>`;
  return name || email || undefined;
}

/**
 * The author a triage statement gets: the setting when the user gave one, else git's identity for
 * the folder; undefined when neither says (the caller then asks the user).
 */
export function vexAuthor(setting: string | undefined, folder: string, env: GitIdentityEnvironment): string | undefined {
  return setting?.trim() || formatAuthor(readGitIdentity(folder, env));
}

/** The repository's config files for a folder inside it: `.git/config`, or a worktree's common config and its own. */
function repositoryConfigFiles(folder: string, readFile: (f: string) => string | undefined, isDirectory: (f: string) => boolean): string[] {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, '.git');
    if (isDirectory(dotGit)) return [path.join(dotGit, 'config')];
    const pointer = readFile(dotGit);
    const gitdir = pointer ? /^gitdir:\s*(.+?)\s*$/m.exec(pointer)?.[1] : undefined;
    if (gitdir) {
      // A linked worktree or submodule: `.git` is a file naming its git folder, whose `commondir` names the shared one.
      const own = path.resolve(dir, gitdir);
      const common = readFile(path.join(own, 'commondir'))?.trim();
      const shared = common ? path.resolve(own, common) : own;
      return shared === own ? [path.join(own, 'config')] : [path.join(shared, 'config'), path.join(own, 'config.worktree')];
    }
    if (path.dirname(dir) === dir) return [];
  }
}

function resolveInclude(value: string, from: string, home: string): string {
  if (value === '~' || value.startsWith('~/')) return path.join(home, value.slice(1));
  return path.resolve(path.dirname(from), value);
}

function readTextFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function directoryExists(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
