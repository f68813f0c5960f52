import { basename } from 'node:path';
import type { ExtractedPackage, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { IdAllocator, PackagesByName, commitHash, memberPath } from './lock-graph';
import { normalizePypiName } from './names';
import { type TomlTable, arrayAt, parseTomlDocument, stringAt, stringContentRange, tableAt, tablesIn } from './toml-document';

/**
 * pylock.toml (PEP 751). Every `[[packages]]` entry; `vcs` is git (with `commit-id`),
 * `directory` a local folder, `archive` a URL or file; the rest come from an index. A directory
 * at `.` is the project the lockfile was made for, not a dependency, and is left out. Edges come
 * from the optional `dependencies` references.
 *
 * PEP 751 records no roots: `importers` is left undefined and the engine takes the direct
 * dependencies from pyproject.toml.
 */
export function parsePylockToml(path: string, text: string): ParseResult {
  const doc = parseTomlDocument(text, basename(path));
  if (!doc.ok) return { kind: 'lockfile', packages: [], errors: [doc.error] };
  const index = new LineIndex(text);
  const ids = new IdAllocator();
  const entries: Array<{ pkg: ExtractedPackage; table: TomlTable }> = [];
  for (const table of tablesIn(arrayAt(doc.root, 'packages'))) {
    const nameValue = stringAt(table, 'name');
    if (!nameValue) continue;
    const directory = tableAt(table, 'directory');
    const directoryPath = stringAt(directory, 'path')?.value;
    if (directoryPath !== undefined && memberPath(directoryPath) === '') continue;
    const name = normalizePypiName(nameValue.value);
    const versionValue = stringAt(table, 'version');
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
    const vcs = tableAt(table, 'vcs');
    const archive = tableAt(table, 'archive');
    if (vcs) {
      pkg.source = 'git';
      const url = stringAt(vcs, 'url')?.value ?? stringAt(vcs, 'path')?.value;
      if (url) pkg.resolved = url;
      const commit = commitHash(stringAt(vcs, 'commit-id')?.value);
      if (commit) pkg.commit = commit;
    } else if (directory) {
      pkg.source = 'path';
      if (directoryPath) pkg.resolved = directoryPath;
    } else if (archive) {
      const url = stringAt(archive, 'url')?.value;
      pkg.source = url ? 'url' : 'path';
      const where = url ?? stringAt(archive, 'path')?.value;
      if (where) pkg.resolved = where;
    }
    entries.push({ pkg, table });
  }

  const byName = new PackagesByName(entries.map((e) => e.pkg));
  for (const { pkg, table } of entries) {
    const children = new Set<string>();
    for (const ref of tablesIn(arrayAt(table, 'dependencies'))) {
      const depName = stringAt(ref, 'name')?.value;
      if (!depName) continue;
      const version = stringAt(ref, 'version')?.value;
      for (const id of byName.resolve(normalizePypiName(depName), version ? { version } : {})) if (id !== pkg.id) children.add(id);
    }
    pkg.dependencies = [...children];
  }
  return { kind: 'lockfile', packages: entries.map((e) => e.pkg), errors: [] };
}
