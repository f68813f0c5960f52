import { basename } from 'node:path';
import type { ParseResult } from '../../core/package';
import { lockedPackages } from './lock-entries';
import { commitHash, linkReferences } from './lock-graph';
import { normalizePypiName } from './names';
import { parsePep508 } from './pep508';
import { arrayAt, parseTomlDocument, stringAt } from '../../core/toml-document';
import { PYTHON_TOML } from './python-toml';

/**
 * pdm.lock. Every `[[package]]` with the PEP 508 strings of its `dependencies` as edges. Groups
 * come from `groups`: `default` is the default group, any other name (dev groups and extras alike,
 * the lockfile does not say which) is kept as the group's name.
 *
 * pdm.lock records no roots: `importers` is left undefined and the engine takes the direct
 * dependencies from pyproject.toml.
 */
export function parsePdmLock(path: string, text: string): ParseResult {
  const doc = parseTomlDocument(text, basename(path), PYTHON_TOML);
  if (!doc.ok) return { kind: 'lockfile', packages: [], errors: [doc.error] };
  const entries = lockedPackages(doc.root, 'package', text);
  for (const { pkg, table } of entries) {
    const groups = arrayAt(table, 'groups')?.items.flatMap((g) => (g.kind === 'string' ? [g.value] : [])) ?? ['default'];
    pkg.groups = groups.includes('default') ? [] : [...new Set(groups.map(normalizePypiName))];
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
  }

  linkReferences(entries, (table) =>
    (arrayAt(table, 'dependencies')?.items ?? []).flatMap((item) => {
      const parsed = item.kind === 'string' ? parsePep508(item.value) : undefined;
      return parsed?.ok ? [{ name: parsed.requirement.name, constraint: parsed.requirement.specifier }] : [];
    }),
  );
  return { kind: 'lockfile', packages: entries.map((e) => e.pkg), errors: [] };
}
