import { basename } from 'node:path';
import type { ExtractedPackage, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { IdAllocator, PackagesByName, commitHash } from './lock-graph';
import { normalizePypiName } from './names';
import { parsePep508 } from './pep508';
import { type TomlTable, arrayAt, parseTomlDocument, stringAt, stringContentRange, tablesIn } from './toml-document';

/**
 * pdm.lock. Every `[[package]]` with the PEP 508 strings of its `dependencies` as edges. Groups
 * come from `groups`: `default` is the default group, any other name (dev groups and extras alike,
 * the lockfile does not say which) is kept as the group's name.
 *
 * pdm.lock records no roots: `importers` is left undefined and the engine takes the direct
 * dependencies from pyproject.toml.
 */
export function parsePdmLock(path: string, text: string): ParseResult {
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
    const groups = arrayAt(table, 'groups')?.items.flatMap((g) => (g.kind === 'string' ? [g.value] : [])) ?? ['default'];
    const pkg: ExtractedPackage = {
      id: ids.next(version ? `${name}@${version}` : name),
      ecosystem: 'PyPI',
      name,
      version,
      direct: false,
      groups: groups.includes('default') ? [] : [...new Set(groups.map(normalizePypiName))],
      source: 'registry',
      nameRange: index.range(nameStart, nameEnd),
      dependencies: [],
    };
    if (versionValue) {
      const [start, end] = stringContentRange(versionValue, text);
      pkg.versionRange = index.range(start, end);
    }
    const git = stringAt(table, 'git')?.value;
    const local = stringAt(table, 'path')?.value;
    const url = stringAt(table, 'url')?.value;
    if (git) {
      pkg.source = 'git';
      pkg.resolved = git;
      const commit = commitHash(stringAt(table, 'revision')?.value);
      if (commit) pkg.commit = commit;
    } else if (local !== undefined) {
      pkg.source = 'path';
      pkg.resolved = local;
    } else if (url) {
      pkg.source = url.startsWith('file:') ? 'path' : 'url';
      pkg.resolved = url;
    }
    entries.push({ pkg, table });
  }

  const byName = new PackagesByName(entries.map((e) => e.pkg));
  for (const { pkg, table } of entries) {
    const children = new Set<string>();
    for (const item of arrayAt(table, 'dependencies')?.items ?? []) {
      if (item.kind !== 'string') continue;
      const parsed = parsePep508(item.value);
      if (!parsed.ok) continue;
      const { name, specifier } = parsed.requirement;
      for (const id of byName.resolve(normalizePypiName(name), { constraint: specifier })) if (id !== pkg.id) children.add(id);
    }
    pkg.dependencies = [...children];
  }
  return { kind: 'lockfile', packages: entries.map((e) => e.pkg), errors: [] };
}
