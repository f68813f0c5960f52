import { basename } from 'node:path';
import type { ExtractedPackage, PackageSource, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { IdAllocator, PackagesByName, commitHash } from './lock-graph';
import { normalizePypiName } from './names';
import { type TomlTable, type TomlValue, arrayAt, booleanAt, parseTomlDocument, stringAt, stringContentRange, tableAt, tablesIn } from './toml-document';

/**
 * poetry.lock (lock-version 1.x and 2.x). Every `[[package]]` with its `[package.dependencies]`
 * edges. Groups come from `groups` (2.x) or `category` (1.x); a package in `main` is in the
 * default group, `optional = true` (installed only through an extra) adds `optional`.
 *
 * poetry.lock records no roots, so `importers` is left undefined and the engine takes the direct
 * dependencies from pyproject.toml.
 */
export function parsePoetryLock(path: string, text: string): ParseResult {
  const doc = parseTomlDocument(text, basename(path));
  if (!doc.ok) return { kind: 'lockfile', packages: [], errors: [doc.error] };
  const index = new LineIndex(text);
  const ids = new IdAllocator();
  const entries: Array<{ pkg: ExtractedPackage; table: TomlTable }> = [];
  for (const table of tablesIn(arrayAt(doc.root, 'package'))) {
    const nameValue = stringAt(table, 'name');
    if (!nameValue) continue;
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
      groups: poetryGroups(table),
      source: 'registry',
      nameRange: index.range(nameStart, nameEnd),
      dependencies: [],
    };
    if (versionValue) {
      const [start, end] = stringContentRange(versionValue, text);
      pkg.versionRange = index.range(start, end);
    }
    applySource(pkg, tableAt(table, 'source'));
    entries.push({ pkg, table });
  }

  const byName = new PackagesByName(entries.map((e) => e.pkg));
  for (const { pkg, table } of entries) {
    const children = new Set<string>();
    for (const [depName, dep] of tableAt(table, 'dependencies')?.entries ?? []) {
      for (const constraint of constraintsOf(dep.value)) {
        for (const id of byName.resolve(normalizePypiName(depName), { constraint })) if (id !== pkg.id) children.add(id);
      }
    }
    pkg.dependencies = [...children];
  }
  return { kind: 'lockfile', packages: entries.map((e) => e.pkg), errors: [] };
}

function poetryGroups(table: TomlTable): string[] {
  const groups = arrayAt(table, 'groups')?.items.flatMap((g) => (g.kind === 'string' ? [g.value] : [])) ?? [stringAt(table, 'category')?.value ?? 'main'];
  const out = groups.includes('main') ? [] : groups.map(normalizePypiName);
  if (booleanAt(table, 'optional')) out.push('optional');
  return [...new Set(out)];
}

/** `[package.source]`: git, a local directory or file, or a URL; `legacy` / `explicit` indexes are registries. */
function applySource(pkg: ExtractedPackage, source: TomlTable | undefined): void {
  const type = stringAt(source, 'type')?.value;
  const url = stringAt(source, 'url')?.value;
  if (!type) return;
  const kinds: Record<string, PackageSource> = { git: 'git', directory: 'path', file: 'path', url: 'url' };
  const kind = kinds[type];
  if (!kind) return;
  pkg.source = kind;
  if (url) pkg.resolved = url;
  const commit = commitHash(stringAt(source, 'resolved_reference')?.value);
  if (commit) pkg.commit = commit;
}

/** A dependency's constraint(s): `"^1.0"`, `{version = "^1.0", markers = ...}` or an array of those. */
function constraintsOf(value: TomlValue): string[] {
  if (value.kind === 'string') return [value.value];
  if (value.kind === 'table') return [stringAt(value, 'version')?.value ?? '*'];
  if (value.kind === 'array') return value.items.flatMap(constraintsOf);
  return ['*'];
}
