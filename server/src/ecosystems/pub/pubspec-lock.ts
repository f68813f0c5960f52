import { basename } from 'node:path';
import type { ExtractedPackage, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { syntaxError } from '../../core/syntax-error';
import { mapValue } from '../../core/yaml';
import { pubSource } from './sources';
import { asMap, readPubYaml, scalarOf, stringOf } from './yaml-document';

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
  const parsed = readPubYaml(text);
  if ('error' in parsed) return fail(parsed.error.message, parsed.error.start, parsed.error.end);
  const root = parsed.root;
  if (root === null || scalarOf(root) === undefined && root.kind === 'scalar') return { kind: 'lockfile', packages: [], errors: [] };
  const top = asMap(root);
  if (!top) return fail('expected a mapping with a `packages` key', 0, 0);
  const packagesNode = mapValue(top, 'packages');
  if (packagesNode === undefined || packagesNode === null || (packagesNode.kind === 'scalar' && scalarOf(packagesNode) === undefined)) return { kind: 'lockfile', packages: [], errors: [] };
  if (packagesNode.kind !== 'map') {
    const at = packagesNode.kind === 'scalar' ? packagesNode : undefined;
    return fail('`packages` is not a mapping', at?.start ?? 0, at?.end ?? 0);
  }

  const packages: ExtractedPackage[] = [];
  for (const { key, keyStart, keyEnd, value } of packagesNode.entries) {
    const entry = asMap(value);
    if (!entry) continue;
    const version = scalarOf(mapValue(entry, 'version'));
    const dependency = stringOf(mapValue(entry, 'dependency')) ?? '';
    const sourceKind = stringOf(mapValue(entry, 'source'));
    const descriptionNode = mapValue(entry, 'description');
    const description = asMap(descriptionNode);
    const hostedUrl = stringOf(mapValue(description, 'url'));
    const pkg: ExtractedPackage = {
      id: key,
      ecosystem: 'Pub',
      name: stringOf(mapValue(description, 'name')) ?? key,
      version: version?.value ?? '',
      direct: dependency.startsWith('direct'),
      groups: dependency === 'direct dev' ? ['dev'] : [],
      source: pubSource(sourceKind, hostedUrl),
    };
    pkg.nameRange = index.range(keyStart, keyEnd);
    if (version) pkg.versionRange = index.range(version.start, version.end);
    const sha256 = stringOf(mapValue(description, 'sha256'));
    if (sha256 && /^[0-9a-f]{64}$/i.test(sha256)) pkg.integrity = `sha256-${Buffer.from(sha256, 'hex').toString('base64')}`;
    if (sourceKind === 'git') {
      const url = stringOf(mapValue(description, 'url'));
      const commit = stringOf(mapValue(description, 'resolved-ref'));
      if (url) pkg.resolved = url;
      if (commit) pkg.commit = commit;
    } else if (sourceKind === 'path') {
      const folder = stringOf(mapValue(description, 'path'));
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
