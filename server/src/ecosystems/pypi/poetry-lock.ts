import { basename } from 'node:path';
import type { ExtractedPackage, PackageSource, ParseResult } from '../../core/package';
import { lockedPackages } from './lock-entries';
import { artifactsIn } from './locked-artifacts';
import { commitHash, linkReferences } from './lock-graph';
import { normalizePypiName } from './names';
import { type TomlTable, type TomlValue, arrayAt, booleanAt, parseTomlDocument, stringAt, tableAt, tablesIn } from '../../core/toml-document';
import { PYTHON_TOML } from './python-toml';

/**
 * poetry.lock (lock-version 1.x and 2.x). Every `[[package]]` with its `[package.dependencies]`
 * edges. Groups come from `groups` (2.x) or `category` (1.x); a package in `main` is in the
 * default group, `optional = true` (installed only through an extra) adds `optional`.
 *
 * poetry.lock records no roots, so `importers` is left undefined and the engine takes the direct
 * dependencies from pyproject.toml.
 */
export function parsePoetryLock(path: string, text: string): ParseResult {
  const doc = parseTomlDocument(text, basename(path), PYTHON_TOML);
  if (!doc.ok) return { kind: 'lockfile', packages: [], errors: [doc.error] };
  const entries = lockedPackages(doc.root, 'package', text);
  // poetry.lock 1.x keeps each package's files apart, under `[metadata.files]` by name.
  const legacyFiles = tableAt(doc.root, 'metadata', 'files');
  for (const { pkg, table } of entries) {
    pkg.groups = poetryGroups(table);
    applySource(pkg, tableAt(table, 'source'));
    const legacy = !pkg.artifacts && legacyFiles ? [...legacyFiles.entries].find(([name]) => normalizePypiName(name) === pkg.name)?.[1].value : undefined;
    const artifacts = artifactsIn(tablesIn(legacy?.kind === 'array' ? legacy : undefined));
    if (artifacts.length) pkg.artifacts = artifacts;
  }

  linkReferences(entries, (table) => [...(tableAt(table, 'dependencies')?.entries ?? [])].flatMap(([name, dep]) => constraintsOf(dep.value).map((constraint) => ({ name, constraint }))));
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
