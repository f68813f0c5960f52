import { basename } from 'node:path';
import type { ExtractedPackage, Importer, ParseResult } from '../../core/package';
import { type LockEntry, lockedPackages, tableReferences } from './lock-entries';
import { PackagesByName, commitHash, memberPath, propagateGroups } from './lock-graph';
import { normalizePypiName } from './names';
import { type TomlTable, type TomlValue, arrayAt, parseTomlDocument, stringAt, tableAt, tablesIn } from '../../core/toml-document';
import { PYTHON_TOML } from './python-toml';

/**
 * uv.lock. Every `[[package]]` with its `dependencies`, `optional-dependencies` (extras) and
 * `dev-dependencies` (groups) edges.
 *
 * Workspace members (`[manifest] members`, or without a manifest the project at `.`) are the
 * graph roots: each becomes an importer at its folder, with the requirements uv recorded in
 * `[package.metadata]` (so a stale lockfile can be told from a fresh one). The member at `.` is the
 * project itself and is not a package; other members are also packages (source `workspace`), so a
 * path through a sibling member is kept.
 */
export function parseUvLock(path: string, text: string): ParseResult {
  const doc = parseTomlDocument(text, basename(path), PYTHON_TOML);
  if (!doc.ok) return { kind: 'lockfile', packages: [], errors: [doc.error] };
  const memberNames = new Set((arrayAt(doc.root, 'manifest', 'members')?.items ?? []).flatMap((m) => (m.kind === 'string' ? [normalizePypiName(m.value)] : [])));

  // `member`: the folder of a workspace member, relative to the lockfile.
  const entries: Array<LockEntry & { member?: string }> = lockedPackages(doc.root, 'package', text);
  for (const entry of entries) {
    const { pkg, table } = entry;
    const local = applySource(pkg, tableAt(table, 'source'));
    if (local !== undefined && (memberNames.has(pkg.name) || (memberNames.size === 0 && memberPath(local) === ''))) {
      entry.member = memberPath(local);
      pkg.source = 'workspace';
    }
  }

  const byName = new PackagesByName(entries.map((e) => e.pkg));
  const resolve = (refs: TomlValue | undefined, self: string) =>
    tableReferences(refs?.kind === 'array' ? refs : undefined).flatMap((ref) => byName.resolve(normalizePypiName(ref.name), ref).filter((id) => id !== self));

  const importers: Importer[] = [];
  const roots: Array<{ ids: string[]; group?: string }> = [];
  for (const { pkg, table, member } of entries) {
    const main = resolve(table.entries.get('dependencies')?.value, pkg.id);
    const extras = [...(tableAt(table, 'optional-dependencies')?.entries ?? [])].map(([, e]) => resolve(e.value, pkg.id));
    const devGroups = [...(tableAt(table, 'dev-dependencies')?.entries ?? [])].map(([group, e]) => ({ group: normalizePypiName(group), ids: resolve(e.value, pkg.id) }));
    pkg.dependencies = [...new Set([...main, ...extras.flat(), ...devGroups.flatMap((g) => g.ids)])];
    if (member === undefined) continue;
    const importer: Importer = { path: member, name: pkg.name, dependencies: pkg.dependencies };
    const requirements = recordedRequirements(table);
    if (requirements) importer.requirements = requirements;
    importers.push(importer);
    roots.push({ ids: main }, ...extras.map((ids) => ({ ids, group: 'optional' })), ...devGroups);
  }

  const directIds = new Set(importers.flatMap((i) => i.dependencies));
  const packages = entries.filter((e) => e.member !== '').map((e) => e.pkg);
  for (const pkg of packages) pkg.direct = directIds.has(pkg.id);
  propagateGroups(packages, roots);
  return { kind: 'lockfile', packages, errors: [], ...(importers.length ? { importers } : {}) };
}

/**
 * Marks a non-registry source; returns the folder for `editable` / `virtual` / `directory` /
 * `path` sources (candidates for workspace members), undefined otherwise.
 */
function applySource(pkg: ExtractedPackage, source: TomlTable | undefined): string | undefined {
  if (!source) return undefined;
  const git = stringAt(source, 'git')?.value;
  if (git) {
    pkg.source = 'git';
    pkg.resolved = git;
    // uv writes `git = "https://host/repo?rev=main#<commit>"`.
    const commit = commitHash(git.split('#')[1]);
    if (commit) pkg.commit = commit;
    return undefined;
  }
  const url = stringAt(source, 'url')?.value;
  if (url) {
    pkg.source = 'url';
    pkg.resolved = url;
    return undefined;
  }
  for (const key of ['editable', 'virtual', 'directory', 'path']) {
    const local = stringAt(source, key)?.value;
    if (local !== undefined) {
      pkg.source = 'path';
      pkg.resolved = local;
      return local;
    }
  }
  return undefined;
}

/** name → specifier from `[package.metadata] requires-dist` and `requires-dev` (first entry per name). */
function recordedRequirements(table: TomlTable): Record<string, string> | undefined {
  const metadata = tableAt(table, 'metadata');
  if (!metadata) return undefined;
  const lists = [arrayAt(metadata, 'requires-dist'), ...[...(tableAt(metadata, 'requires-dev')?.entries ?? [])].map(([, e]) => (e.value.kind === 'array' ? e.value : undefined))];
  const out: Record<string, string> = {};
  for (const list of lists) {
    for (const item of tablesIn(list)) {
      const name = stringAt(item, 'name')?.value;
      if (!name) continue;
      const key = normalizePypiName(name);
      if (!(key in out)) out[key] = stringAt(item, 'specifier')?.value ?? '';
    }
  }
  return out;
}
