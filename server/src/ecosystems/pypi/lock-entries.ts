import type { ExtractedPackage } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { IdAllocator, type PackageReference } from './lock-graph';
import { lockedArtifacts } from './locked-artifacts';
import { normalizePypiName } from './names';
import { type TomlArray, type TomlTable, arrayAt, stringAt, stringContentRange, tablesIn } from '../../core/toml-document';

export interface LockEntry {
  pkg: ExtractedPackage;
  table: TomlTable;
}

/**
 * The package of every `[[<key>]]` table of a lockfile, in file order, with ids unique in the file.
 * `include` leaves tables out before they take an id (a lockfile's entry for its own project).
 */
export function lockedPackages(root: TomlTable, key: 'package' | 'packages', text: string, include: (table: TomlTable) => boolean = () => true): LockEntry[] {
  const index = new LineIndex(text);
  const ids = new IdAllocator();
  const entries: LockEntry[] = [];
  for (const table of tablesIn(arrayAt(root, key))) {
    if (!include(table)) continue;
    const pkg = lockedPackage(table, text, index, ids);
    if (pkg) entries.push({ pkg, table });
  }
  return entries;
}

/**
 * A registry package from one lockfile entry (`[[package]]`, `[[packages]]`): every PyPI lockfile
 * records its name and version the same way, so the id, the normalised name and the ranges of both
 * tokens are read here once; each parser then sets source, groups and edges from its own fields.
 * An entry without a name is undefined: nothing could be matched or shown for it.
 */
function lockedPackage(table: TomlTable, text: string, index: LineIndex, ids: IdAllocator): ExtractedPackage | undefined {
  const nameValue = stringAt(table, 'name');
  if (!nameValue) return undefined;
  const versionValue = stringAt(table, 'version');
  const name = normalizePypiName(nameValue.value);
  const version = versionValue?.value ?? '';
  const [nameStart, nameEnd] = stringContentRange(nameValue, text);
  const pkg: ExtractedPackage = {
    id: ids.next(version ? `${name}@${version}` : name),
    ecosystem: 'PyPI',
    name,
    version,
    direct: false,
    groups: [],
    source: 'registry',
    nameRange: index.range(nameStart, nameEnd),
    dependencies: [],
  };
  if (versionValue) {
    const [start, end] = stringContentRange(versionValue, text);
    pkg.versionRange = index.range(start, end);
  }
  const artifacts = lockedArtifacts(table);
  if (artifacts.length > 0) pkg.artifacts = artifacts;
  return pkg;
}

/** `{ name = "...", version = "..." }` edges (uv.lock, pylock.toml); one without a name is skipped. */
export function tableReferences(array: TomlArray | undefined): PackageReference[] {
  return tablesIn(array).flatMap((ref) => {
    const name = stringAt(ref, 'name')?.value;
    return name ? [{ name, version: stringAt(ref, 'version')?.value }] : [];
  });
}
