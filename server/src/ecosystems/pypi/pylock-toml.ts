import { basename } from 'node:path';
import type { ParseResult } from '../../core/package';
import { lockedPackages, tableReferences } from './lock-entries';
import { commitHash, linkReferences, memberPath } from './lock-graph';
import { type TomlTable, arrayAt, parseTomlDocument, stringAt, tableAt } from '../../core/toml-document';
import { PYTHON_TOML } from './python-toml';

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
  const doc = parseTomlDocument(text, basename(path), PYTHON_TOML);
  if (!doc.ok) return { kind: 'lockfile', packages: [], errors: [doc.error] };
  // A directory at `.` is the project itself.
  const notTheProject = (table: TomlTable) => {
    const directoryPath = stringAt(tableAt(table, 'directory'), 'path')?.value;
    return directoryPath === undefined || memberPath(directoryPath) !== '';
  };
  const entries = lockedPackages(doc.root, 'packages', text, notTheProject);
  for (const { pkg, table } of entries) {
    const directory = tableAt(table, 'directory');
    const directoryPath = stringAt(directory, 'path')?.value;
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
  }

  linkReferences(entries, (table) => tableReferences(arrayAt(table, 'dependencies')));
  return { kind: 'lockfile', packages: entries.map((e) => e.pkg), errors: [] };
}
