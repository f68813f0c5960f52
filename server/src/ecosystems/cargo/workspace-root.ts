import { dirname, join } from 'node:path';
import { type TomlTable, parseTomlDocument, stringAt } from '../../core/toml-document';
import type { ParseContext } from '../types';

export interface WorkspaceRoot {
  /** Absolute path of the root Cargo.toml (the manifest itself when it declares `[workspace]`). */
  path: string;
  text: string;
  table: TomlTable;
}

const MAX_LEVELS = 64;

/**
 * The workspace root a member inherits from, found the way Cargo finds it: the manifest itself if
 * it has a `[workspace]` table, else `package.workspace` if set, else the nearest ancestor folder
 * whose Cargo.toml has a `[workspace]` table. Files are read through the parse context only; every
 * file read is returned in `inputs`.
 */
export function findWorkspaceRoot(manifestPath: string, manifestText: string, manifest: TomlTable, context: ParseContext | undefined): { root?: WorkspaceRoot; inputs: string[] } {
  const inputs: string[] = [];
  if (manifest.entries.has('workspace')) return { root: { path: manifestPath, text: manifestText, table: manifest }, inputs };
  if (!context) return { inputs };

  const read = (path: string): WorkspaceRoot | undefined => {
    const text = context.readFile(path);
    if (text === undefined) return undefined;
    inputs.push(path);
    const parsed = parseTomlDocument(text, 'Cargo.toml');
    return parsed.ok && parsed.root.entries.has('workspace') ? { path, text, table: parsed.root } : undefined;
  };

  const explicit = stringAt(manifest, 'package', 'workspace')?.value;
  if (explicit !== undefined) {
    const root = read(join(dirname(manifestPath), explicit, 'Cargo.toml'));
    return root ? { root, inputs } : { inputs };
  }
  let dir = dirname(manifestPath);
  for (let level = 0; level < MAX_LEVELS; level++) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
    const root = read(join(dir, 'Cargo.toml'));
    if (root) return { root, inputs };
  }
  return { inputs };
}
