import type { TomlAst as AST } from '../../core/toml-syntax';
import { type TomlEntry, inlineEntries } from './toml-entries';

/**
 * The dependency declarations of a Cargo.toml, however they are spelled: `name = "1.0"`,
 * `name = { version = "1.0", … }`, `name.version = "1.0"` or a `[dependencies.name]` table, in
 * `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]` (and their old `_` spellings),
 * `[target.'cfg(…)'.*]` and `[workspace.dependencies]`.
 */
export type DependencyKind = 'normal' | 'dev' | 'build';

export interface DependencySpec {
  /** The table, e.g. `dependencies`, `target.cfg(unix).dev-dependencies`, `workspace.dependencies`. */
  table: string;
  kind: DependencyKind;
  /** The key the manifest uses (the crate name unless `package = "…"` renames it). */
  key: string;
  keyNode: AST.TOMLBare | AST.TOMLQuoted;
  /** The string form `name = "1.0"`. */
  requirementNode?: AST.TOMLContentNode;
  /** Fields of the table form (`version`, `path`, `git`, `package`, `workspace`, `optional`, …). */
  fields: Map<string, AST.TOMLContentNode>;
}

const KINDS: Record<string, DependencyKind> = {
  dependencies: 'normal',
  'dev-dependencies': 'dev',
  dev_dependencies: 'dev',
  'build-dependencies': 'build',
  build_dependencies: 'build',
};

/** Where the dependency name sits in a key path, and which table it belongs to. */
function tableOf(path: string[]): { length: number; table: string; kind: DependencyKind } | undefined {
  const first = path[0];
  if (first === undefined) return undefined;
  if (KINDS[first]) return { length: 1, table: first, kind: KINDS[first]! };
  if (first === 'target' && path.length >= 3 && KINDS[path[2]!]) return { length: 3, table: `target.${path[1]}.${path[2]}`, kind: KINDS[path[2]!]! };
  if (first === 'workspace' && path[1] === 'dependencies') return { length: 2, table: 'workspace.dependencies', kind: 'normal' };
  return undefined;
}

export function dependencySpecs(entries: TomlEntry[]): DependencySpec[] {
  const specs = new Map<string, DependencySpec>();
  for (const e of entries) {
    const table = tableOf(e.path);
    if (!table || e.path.length <= table.length) continue;
    const key = e.path[table.length]!;
    const keyNode = table.length < e.headerLength ? e.headerKeys[table.length] : e.keys[table.length - e.headerLength];
    if (!keyNode) continue;
    const id = `${table.table}\u0000${key}`;
    let spec = specs.get(id);
    if (!spec) {
      spec = { table: table.table, kind: table.kind, key, keyNode, fields: new Map() };
      specs.set(id, spec);
    }
    const rest = e.path.slice(table.length + 1);
    if (rest.length === 0) {
      if (e.value.type === 'TOMLInlineTable') {
        for (const field of inlineEntries(e.value)) if (field.path.length === 1) spec.fields.set(field.path[0]!, field.value);
      } else {
        spec.requirementNode = e.value;
      }
    } else if (rest.length === 1) {
      spec.fields.set(rest[0]!, e.value);
    }
  }
  return [...specs.values()];
}
