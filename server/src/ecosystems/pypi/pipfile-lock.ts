import { type Node, type ParseError as JsoncError, parseTree } from 'jsonc-parser';
import { basename } from 'node:path';
import type { ExtractedPackage, ParseError, ParseResult } from '../../core/package';
import { duplicateKeyWarnings } from '../../core/json-duplicate-keys';
import { jsonSyntaxError } from '../../core/json-syntax';
import { jsonMembers, jsonProperty } from '../../core/json-tree';
import { LineIndex } from '../../core/text-range';
import { IdAllocator, commitHash } from './lock-graph';
import { sha256Hex } from './locked-artifacts';
import { normalizePypiName } from './names';

/**
 * Pipfile.lock (pipenv): `default` (default group), `develop` (dev) and custom categories (their
 * name), each `name → { version: "==x", hashes, markers }` or a git / path / file entry. The same
 * name and version in two categories is one package in the more important one (`default` first).
 *
 * Pipfile.lock records neither edges nor roots: `importers` is left undefined and the engine takes
 * the direct dependencies from the Pipfile.
 */
export function parsePipfileLock(path: string, text: string): ParseResult {
  const fileLabel = basename(path);
  // An empty file is what pipenv leaves before its first lock: nothing to read, nothing wrong.
  if (text.trim() === '') return { kind: 'lockfile', packages: [], errors: [] };
  const index = new LineIndex(text);
  const syntax: JsoncError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, syntax, { disallowComments: true, allowTrailingComma: false });
  } catch {
    root = undefined;
  }
  if (syntax.length || root?.type !== 'object') return { kind: 'lockfile', packages: [], errors: [syntaxError(text, index, fileLabel, syntax[0], root)] };

  const ids = new IdAllocator();
  const packages: ExtractedPackage[] = [];
  const seen = new Map<string, ExtractedPackage>();
  // pipenv reads the file with Python's json, where a repeated key's last value counts.
  const categories = jsonMembers(root).flatMap(([key, value]) => (key.value !== '_meta' && value.type === 'object' ? [{ name: String(key.value), value }] : []));
  // `default` first, so a package in both sections lands in the default group.
  categories.sort((a, b) => rank(a.name) - rank(b.name));
  for (const category of categories) {
    const groups = category.name === 'default' ? [] : category.name === 'develop' ? ['dev'] : [normalizePypiName(category.name)];
    for (const [key, value] of jsonMembers(category.value)) {
      if (value.type !== 'object') continue;
      const pkg = lockedPackage(index, key, value, groups, `${category.name}/`, ids);
      const identity = `${pkg.name}@${pkg.version}@${pkg.source}`;
      if (seen.has(identity)) continue;
      seen.set(identity, pkg);
      packages.push(pkg);
    }
  }
  return { kind: 'lockfile', packages, errors: duplicateKeyWarnings(text, fileLabel, index) };
}

function rank(category: string): number {
  return category === 'default' ? 0 : category === 'develop' ? 1 : 2;
}

function lockedPackage(index: LineIndex, key: Node, value: Node, groups: string[], idPrefix: string, ids: IdAllocator): ExtractedPackage {
  const name = normalizePypiName(String(key.value));
  const field = (k: string) => {
    const node = jsonProperty(value, k);
    return node?.type === 'string' ? node : undefined;
  };
  const pkg: ExtractedPackage = {
    id: ids.next(`${idPrefix}${name}`),
    ecosystem: 'PyPI',
    name,
    version: '',
    direct: false,
    groups,
    source: 'registry',
    nameRange: index.range(key.offset + 1, key.offset + key.length - 1),
  };
  const version = field('version');
  if (version) {
    const raw = String(version.value);
    const op = /^\s*(===|==)\s*/.exec(raw);
    pkg.version = op ? raw.slice(op[0].length).trim() : raw.trim();
    const start = version.offset + 1 + (op ? op[0].length : 0);
    pkg.versionRange = index.range(start, start + pkg.version.length);
  }
  // Pipfile.lock names no files, only their hashes: the index's file list tells which is which.
  const hashes = jsonProperty(value, 'hashes');
  const artifacts = (hashes?.type === 'array' ? (hashes.children ?? []) : []).flatMap((h) => {
    const hex = h.type === 'string' ? sha256Hex(String(h.value)) : undefined;
    return hex ? [{ hash: `sha256:${hex}` }] : [];
  });
  if (artifacts.length > 0) pkg.artifacts = artifacts;
  const git = field('git');
  const location = git ?? field('path') ?? field('file');
  if (location) {
    const url = String(location.value);
    pkg.source = git ? 'git' : /^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith('file:') ? 'url' : 'path';
    pkg.resolved = url;
    const commit = commitHash(field('ref')?.value as string | undefined);
    if (commit) pkg.commit = commit;
    // The `version` pipenv writes for a VCS or local package is what that checkout declared, not a release.
    if (!version) pkg.versionRange = pkg.nameRange;
  }
  return pkg;
}

function syntaxError(text: string, index: LineIndex, fileLabel: string, error: JsoncError | undefined, root: Node | undefined): ParseError {
  if (!error) {
    const at = root?.offset ?? 0;
    return { message: `could not read ${fileLabel}: the top level is not a JSON object`, range: index.range(at, Math.min(text.length, at + 1)), severity: 'error' };
  }
  return jsonSyntaxError(text, fileLabel, error, index);
}
