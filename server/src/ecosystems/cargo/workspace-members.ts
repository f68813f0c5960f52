import { dirname, join, posix } from 'node:path';
import type { ParseContext } from '../types';
import { type TomlTable, arrayAt, parseTomlDocument, stringAt } from '../../core/toml-document';
import { parseCargoToml } from './cargo-toml';

export interface LocalCrateFolders {
  /** Crate name → folder relative to the lockfile ('' for the root crate, '/'-separated). */
  folders: Map<string, string>;
  /** Crates the workspace lists as members (the root crate included). */
  members: Set<string>;
  inputs: string[];
}

/**
 * Where the local crates of a Cargo.lock live, so importers carry folders the engine can pair with
 * member manifests. Read through the parse context: the Cargo.toml beside the lockfile, each
 * `[workspace] members` entry (a glob such as `crates/*` is tried with the crate's own name, the
 * usual layout, and confirmed by reading that folder's Cargo.toml), and the `path` dependencies
 * of the manifests read. Crates found nowhere keep no folder.
 */
export function localCrateFolders(lockPath: string, names: string[], context: ParseContext | undefined): LocalCrateFolders {
  const out: LocalCrateFolders = { folders: new Map(), members: new Set(), inputs: [] };
  if (!context || names.length === 0) return out;
  const lockDir = dirname(lockPath);
  const wanted = new Set(names);
  const manifests: Array<{ folder: string; text: string; table?: TomlTable }> = [];

  const crateAt = (folder: string): string | undefined => {
    const file = join(lockDir, folder, 'Cargo.toml');
    const text = context.readFile(file);
    if (text === undefined) return undefined;
    out.inputs.push(file);
    const parsed = parseTomlDocument(text, 'Cargo.toml');
    manifests.push({ folder, text, ...(parsed.ok ? { table: parsed.root } : {}) });
    return parsed.ok ? stringAt(parsed.root, 'package', 'name')?.value : undefined;
  };
  const record = (name: string | undefined, folder: string, member: boolean) => {
    if (name === undefined || !wanted.has(name) || out.folders.has(name)) return;
    out.folders.set(name, folder);
    if (member) out.members.add(name);
  };

  const rootName = crateAt('');
  record(rootName, '', true);
  const members = arrayAt(manifests[0]?.table, 'workspace', 'members');
  const memberPatterns = (members?.items ?? []).flatMap((item) => (item.kind === 'string' ? [item.value] : []));

  for (const pattern of memberPatterns.map(normalizeFolder)) {
    if (!/[*?[]/.test(pattern)) {
      record(crateAt(pattern), pattern, true);
      continue;
    }
    const slash = pattern.lastIndexOf('/');
    const last = pattern.slice(slash + 1);
    if (/[*?[]/.test(pattern.slice(0, slash + 1)) || !last.includes('*')) continue;
    for (const name of wanted) {
      if (out.folders.has(name)) continue;
      for (const candidate of new Set([name, name.replace(/_/g, '-'), name.replace(/-/g, '_')])) {
        if (!globMatches(last, candidate)) continue;
        const folder = pattern.slice(0, slash + 1) + candidate;
        if (crateAt(folder) === name) {
          record(name, folder, true);
          break;
        }
      }
    }
  }

  // Path dependencies of the manifests read so far (members' path dependencies included).
  for (let i = 0; i < manifests.length && out.folders.size < wanted.size; i++) {
    const m = manifests[i]!;
    for (const dep of parseCargoToml(join(lockDir, m.folder, 'Cargo.toml'), m.text).packages) {
      if (dep.source !== 'path' || dep.resolved === undefined || !wanted.has(dep.name) || out.folders.has(dep.name)) continue;
      const folder = normalizeFolder(posix.join(m.folder || '.', dep.resolved.replace(/\\/g, '/')));
      if (crateAt(folder) === dep.name) record(dep.name, folder, false);
    }
  }
  return out;
}

function normalizeFolder(folder: string): string {
  const n = posix.normalize(folder.replace(/\\/g, '/')).replace(/\/+$/, '');
  return n === '.' ? '' : n;
}

function globMatches(glob: string, name: string): boolean {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(name);
}
