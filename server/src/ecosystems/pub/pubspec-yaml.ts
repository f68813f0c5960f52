import { basename } from 'node:path';
import { type YAMLMap, isMap, isScalar } from 'yaml';
import type { ExtractedPackage, PackageSource, ParseResult, ProjectInfo } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { syntaxError } from '../../core/syntax-error';
import { EXACT_PUB_VERSION } from './requirements';
import { isPubDev, pubSource } from './sources';
import { asMap, mapEntries, mapGet, parseYamlText, scalarText, stringList, stringOf } from './yaml-tree';

/** The three dependency maps of a pubspec, and the group each puts its packages in. */
export const PUBSPEC_SECTIONS: ReadonlyArray<{ key: string; groups: string[] }> = [
  { key: 'dependencies', groups: [] },
  { key: 'dev_dependencies', groups: ['dev'] },
  { key: 'dependency_overrides', groups: ['override'] },
];

/**
 * pubspec.yaml (https://dart.dev/tools/pub/pubspec): one package per entry of `dependencies`,
 * `dev_dependencies` and `dependency_overrides`. A constraint may be written bare (`^1.2.3`,
 * `'>=1.0.0 <2.0.0'`, `any`, nothing at all = any) or under `version:` in a source map; `hosted`
 * (pub.dev or another server), `git`, `path` and `sdk` sources are marked. The project is the
 * package's `name`/`version`; a pub workspace root lists its members under `workspace:`.
 */
export function parsePubspecYaml(path: string, text: string): ParseResult {
  const index = new LineIndex(text);
  const fail = (message: string, start: number, end: number): ParseResult => ({ kind: 'manifest', packages: [], errors: [syntaxError(index, basename(path), message, start, end)] });
  const parsed = parseYamlText(text);
  if ('error' in parsed) return fail(parsed.error.message, parsed.error.start, parsed.error.end);
  const root = parsed.doc.contents;
  if (root === null || root === undefined) return { kind: 'manifest', packages: [], errors: [], project: {} };
  const top = asMap(root);
  if (!top) return fail('expected a mapping (name:, dependencies:, …)', root.range?.[0] ?? 0, root.range?.[1] ?? 0);

  const project: ProjectInfo = {};
  const name = stringOf(mapGet(top, 'name'));
  if (name !== undefined) project.name = name;
  const version = scalarText(mapGet(top, 'version'), text);
  if (version) project.version = version.text;
  const workspace = stringList(mapGet(top, 'workspace'));
  if (workspace.length) project.workspaces = workspace;

  const packages: ExtractedPackage[] = [];
  for (const section of PUBSPEC_SECTIONS) {
    const map = mapGet(top, section.key);
    if (!isMap(map)) continue;
    for (const entry of mapEntries(map)) packages.push(dependencyPackage(section.key, section.groups, entry.key, entry.keyNode, entry.pair.value, text, index));
  }
  return { kind: 'manifest', packages, errors: [], project };
}

function dependencyPackage(section: string, groups: string[], key: string, keyNode: unknown, value: unknown, text: string, index: LineIndex): ExtractedPackage {
  const details: YAMLMap | undefined = asMap(value);
  const constraint = details ? scalarText(mapGet(details, 'version'), text) : scalarText(value, text);
  const hosted = mapGet(details, 'hosted');
  const hostedUrl = isScalar(hosted) ? stringOf(hosted) : stringOf(mapGet(asMap(hosted), 'url'));
  const kind = ['git', 'path', 'sdk'].find((k) => mapGet(details, k) !== undefined) ?? 'hosted';
  const source: PackageSource = pubSource(kind, hostedUrl);

  const requirement = constraint?.text ?? 'any';
  const pkg: ExtractedPackage = {
    id: `${section}:${key}`,
    ecosystem: 'Pub',
    name: stringOf(mapGet(asMap(hosted), 'name')) ?? key,
    version: EXACT_PUB_VERSION.test(requirement.trim()) ? requirement.trim() : '',
    requirement,
    direct: true,
    groups: [...groups],
    source,
  };
  const keyText = scalarText(keyNode, text);
  if (keyText) pkg.nameRange = index.range(keyText.start, keyText.end);
  if (constraint) pkg.versionRange = index.range(constraint.start, constraint.end);
  if (pkg.name !== key) pkg.alias = key;

  if (kind === 'git') {
    const git = mapGet(details, 'git');
    const url = isScalar(git) ? stringOf(git) : stringOf(mapGet(asMap(git), 'url'));
    const ref = isScalar(git) ? undefined : stringOf(mapGet(asMap(git), 'ref'));
    if (url) pkg.resolved = url;
    if (ref && /^[0-9a-f]{7,40}$/i.test(ref)) pkg.commit = ref;
  } else if (kind === 'path') {
    const folder = stringOf(mapGet(details, 'path'));
    if (folder) pkg.resolved = folder;
  } else if (kind === 'sdk') {
    pkg.resolved = `sdk:${stringOf(mapGet(details, 'sdk')) ?? ''}`;
  } else if (!isPubDev(hostedUrl) && hostedUrl) {
    pkg.resolved = hostedUrl;
  }
  return pkg;
}

/** Flutter apps and plugins depend on the `flutter` SDK package; their pub commands go through `flutter`. */
export function usesFlutter(result: ParseResult): boolean {
  return result.packages.some((p) => p.resolved === 'sdk:flutter');
}
