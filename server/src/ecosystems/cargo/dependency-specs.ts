import { type TomlEntry, type TomlString, type TomlTable, type TomlValue, tableAt } from '../../core/toml-document';

/**
 * The dependency declarations of a Cargo.toml, however they are spelled: `name = "1.0"`,
 * `name = { version = "1.0", … }`, `name.version = "1.0"` or a `[dependencies.name]` table, in
 * `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]` (and their old `_` spellings),
 * `[target.'cfg(…)'.*]` and `[workspace.dependencies]`. The TOML document model puts every
 * spelling in the same table shape.
 */
export type DependencyKind = 'normal' | 'dev' | 'build';

export interface DependencySpec {
  /** The table, e.g. `dependencies`, `target.cfg(unix).dev-dependencies`, `workspace.dependencies`. */
  table: string;
  kind: DependencyKind;
  /** The key the manifest uses (the crate name unless `package = "…"` renames it). */
  key: string;
  /** The key's entry: its offsets are where the name is written. */
  entry: TomlEntry;
  /** The string form `name = "1.0"`. */
  requirement?: TomlString;
  /** Fields of the table form (`version`, `path`, `git`, `package`, `workspace`, `optional`, …). */
  fields: ReadonlyMap<string, TomlEntry>;
}

const KINDS: ReadonlyArray<readonly [string, DependencyKind]> = [
  ['dependencies', 'normal'],
  ['dev-dependencies', 'dev'],
  ['dev_dependencies', 'dev'],
  ['build-dependencies', 'build'],
  ['build_dependencies', 'build'],
];

const NO_FIELDS: ReadonlyMap<string, TomlEntry> = new Map();

export function dependencySpecs(root: TomlTable): DependencySpec[] {
  const specs: DependencySpec[] = [];
  const read = (table: TomlTable | undefined, name: string, kind: DependencyKind) => {
    for (const [key, entry] of table?.entries ?? []) specs.push(spec(name, kind, key, entry));
  };
  for (const [section, kind] of KINDS) read(tableAt(root, section), section, kind);
  for (const [cfg, target] of tableAt(root, 'target')?.entries ?? []) {
    if (target.value.kind !== 'table') continue;
    for (const [section, kind] of KINDS) read(tableAt(target.value, section), `target.${cfg}.${section}`, kind);
  }
  read(tableAt(root, 'workspace', 'dependencies'), 'workspace.dependencies', 'normal');
  return specs;
}

function spec(table: string, kind: DependencyKind, key: string, entry: TomlEntry): DependencySpec {
  const value: TomlValue = entry.value;
  if (value.kind === 'string') return { table, kind, key, entry, requirement: value, fields: NO_FIELDS };
  return { table, kind, key, entry, fields: value.kind === 'table' ? value.entries : NO_FIELDS };
}

export function stringOf(entry: TomlEntry | undefined): string | undefined {
  return entry?.value.kind === 'string' ? entry.value.value : undefined;
}

export function isTrue(entry: TomlEntry | undefined): boolean {
  return entry?.value.kind === 'boolean' && entry.value.value === true;
}
