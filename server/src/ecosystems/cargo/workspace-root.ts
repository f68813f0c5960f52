import { dirname, join } from 'node:path';
import type { ParseContext } from '../types';
import { parseTomlSyntax } from '../../core/toml-syntax';
import { type TomlEntry, type TomlProgram, hasTopLevelTable, stringValue, tomlEntries } from './toml-entries';

export interface WorkspaceRoot {
  /** Absolute path of the root Cargo.toml (the manifest itself when it declares `[workspace]`). */
  path: string;
  text: string;
  entries: TomlEntry[];
}

const MAX_LEVELS = 64;

/**
 * The workspace root a member inherits from, found the way Cargo finds it: the manifest itself if
 * it has a `[workspace]` table, else `package.workspace` if set, else the nearest ancestor folder
 * whose Cargo.toml has a `[workspace]` table. Files are read through the parse context only; every
 * file read is returned in `inputs`.
 */
export function findWorkspaceRoot(manifestPath: string, manifestText: string, ast: TomlProgram, entries: TomlEntry[], context: ParseContext | undefined): { root?: WorkspaceRoot; inputs: string[] } {
  const inputs: string[] = [];
  if (hasTopLevelTable(ast, 'workspace')) return { root: { path: manifestPath, text: manifestText, entries }, inputs };
  if (!context) return { inputs };

  const read = (path: string): WorkspaceRoot | undefined => {
    const text = context.readFile(path);
    if (text === undefined) return undefined;
    inputs.push(path);
    const parsed = parseTomlSyntax(text);
    if ('error' in parsed) return undefined;
    return hasTopLevelTable(parsed.ast, 'workspace') ? { path, text, entries: tomlEntries(parsed.ast) } : undefined;
  };

  const explicit = stringValue(entries.find((e) => e.path.length === 2 && e.path[0] === 'package' && e.path[1] === 'workspace')?.value);
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
