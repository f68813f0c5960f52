import { basename } from 'node:path';
import { isMap, isScalar } from 'yaml';
import type { ExtractedPackage, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { syntaxError } from '../../core/syntax-error';
import { pubSource } from './sources';
import { asMap, mapEntries, mapGet, parseYamlText, scalarText, stringOf } from './yaml-tree';

/**
 * pubspec.lock (written by `dart pub get`): `packages:` maps each package to its `dependency`
 * (`direct main`, `direct dev`, `direct overridden`, `transitive`), `source` (`hosted`, `git`,
 * `path`, `sdk`), `description` and `version`. The lock says which packages are direct, so it has
 * one importer (the package at the lockfile's folder, or the workspace root), but it records no
 * edges between packages: paths below the direct dependencies cannot be shown.
 *
 * Groups: `dev` for `direct dev`. Overrides and transitive packages have no group (the lock does not
 * say whether a transitive package is only reached from dev dependencies).
 */
export function parsePubspecLock(path: string, text: string): ParseResult {
  const index = new LineIndex(text);
  const fail = (message: string, start: number, end: number): ParseResult => ({ kind: 'lockfile', packages: [], errors: [syntaxError(index, basename(path), message, start, end)] });
  const parsed = parseYamlText(text);
  if ('error' in parsed) return fail(parsed.error.message, parsed.error.start, parsed.error.end);
  const root = parsed.doc.contents;
  if (root === null || root === undefined) return { kind: 'lockfile', packages: [], errors: [] };
  const top = asMap(root);
  if (!top) return fail('expected a mapping with a `packages` key', root.range?.[0] ?? 0, root.range?.[1] ?? 0);
  const packagesNode = mapGet(top, 'packages');
  if (packagesNode === undefined || (isScalar(packagesNode) && packagesNode.value === null)) return { kind: 'lockfile', packages: [], errors: [] };
  if (!isMap(packagesNode)) {
    const range = (packagesNode as { range?: [number, number, number] | null }).range;
    return fail('`packages` is not a mapping', range?.[0] ?? 0, range?.[1] ?? 0);
  }

  const packages: ExtractedPackage[] = [];
  for (const { key, pair, keyNode } of mapEntries(packagesNode)) {
    const entry = asMap(pair.value);
    if (!entry) continue;
    const version = scalarText(mapGet(entry, 'version'), text);
    const dependency = stringOf(mapGet(entry, 'dependency')) ?? '';
    const sourceKind = stringOf(mapGet(entry, 'source'));
    const descriptionNode = mapGet(entry, 'description');
    const description = asMap(descriptionNode);
    const hostedUrl = stringOf(mapGet(description, 'url'));
    const pkg: ExtractedPackage = {
      id: key,
      ecosystem: 'Pub',
      name: stringOf(mapGet(description, 'name')) ?? key,
      version: version?.text ?? '',
      direct: dependency.startsWith('direct'),
      groups: dependency === 'direct dev' ? ['dev'] : [],
      source: pubSource(sourceKind, hostedUrl),
    };
    const keyText = scalarText(keyNode, text);
    if (keyText) pkg.nameRange = index.range(keyText.start, keyText.end);
    if (version) pkg.versionRange = index.range(version.start, version.end);
    const sha256 = stringOf(mapGet(description, 'sha256'));
    if (sha256 && /^[0-9a-f]{64}$/i.test(sha256)) pkg.integrity = `sha256-${Buffer.from(sha256, 'hex').toString('base64')}`;
    if (sourceKind === 'git') {
      const url = stringOf(mapGet(description, 'url'));
      const commit = stringOf(mapGet(description, 'resolved-ref'));
      if (url) pkg.resolved = url;
      if (commit) pkg.commit = commit;
    } else if (sourceKind === 'path') {
      const folder = stringOf(mapGet(description, 'path'));
      if (folder) pkg.resolved = folder;
    } else if (sourceKind === 'sdk') {
      pkg.resolved = `sdk:${stringOf(descriptionNode) ?? ''}`;
    } else if (pkg.source === 'url' && hostedUrl) {
      pkg.resolved = hostedUrl;
    }
    packages.push(pkg);
  }
  const importers = [{ path: '', dependencies: packages.filter((p) => p.direct).map((p) => p.id) }];
  return { kind: 'lockfile', packages, errors: [], importers };
}
