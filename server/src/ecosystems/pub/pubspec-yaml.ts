import { basename } from 'node:path';
import type { ExtractedPackage, PackageSource, ParseResult, ProjectInfo } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { syntaxError } from '../../core/syntax-error';
import { type YamlEntry, type YamlMap, mapValue } from '../../core/yaml';
import { EXACT_PUB_VERSION } from './requirements';
import { isPubDev, pubSource } from './sources';
import { asMap, readPubYaml, scalarOf, stringList, stringOf } from './yaml-document';

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
  const parsed = readPubYaml(text);
  if ('error' in parsed) return fail(parsed.error.message, parsed.error.start, parsed.error.end);
  const root = parsed.root;
  if (root === null || (root.kind === 'scalar' && scalarOf(root) === undefined)) return { kind: 'manifest', packages: [], errors: [], project: {} };
  const top = asMap(root);
  if (!top) return fail('expected a mapping (name:, dependencies:, …)', root.kind === 'scalar' ? root.start : 0, root.kind === 'scalar' ? root.end : 0);

  const project: ProjectInfo = {};
  const name = stringOf(mapValue(top, 'name'));
  if (name !== undefined) project.name = name;
  const version = scalarOf(mapValue(top, 'version'));
  if (version) project.version = version.value;
  const workspace = stringList(mapValue(top, 'workspace'));
  if (workspace.length) project.workspaces = workspace;

  const packages: ExtractedPackage[] = [];
  for (const section of PUBSPEC_SECTIONS) {
    const map = asMap(mapValue(top, section.key));
    for (const entry of map?.entries ?? []) packages.push(dependencyPackage(section.key, section.groups, entry, index));
  }
  return { kind: 'manifest', packages, errors: [], project };
}

function dependencyPackage(section: string, groups: string[], entry: YamlEntry, index: LineIndex): ExtractedPackage {
  const { key, value } = entry;
  const details: YamlMap | undefined = asMap(value);
  const constraint = details ? scalarOf(mapValue(details, 'version')) : scalarOf(value);
  const hosted = mapValue(details, 'hosted');
  const hostedUrl = hosted?.kind === 'scalar' ? stringOf(hosted) : stringOf(mapValue(asMap(hosted), 'url'));
  const kind = ['git', 'path', 'sdk'].find((k) => mapValue(details, k) !== undefined) ?? 'hosted';
  const source: PackageSource = pubSource(kind, hostedUrl);

  const requirement = constraint?.value ?? 'any';
  const pkg: ExtractedPackage = {
    id: `${section}:${key}`,
    ecosystem: 'Pub',
    name: stringOf(mapValue(asMap(hosted), 'name')) ?? key,
    version: EXACT_PUB_VERSION.test(requirement.trim()) ? requirement.trim() : '',
    requirement,
    direct: true,
    groups: [...groups],
    source,
  };
  pkg.nameRange = index.range(entry.keyStart, entry.keyEnd);
  if (constraint) pkg.versionRange = index.range(constraint.start, constraint.end);
  if (pkg.name !== key) pkg.alias = key;

  if (kind === 'git') {
    const git = mapValue(details, 'git');
    const url = git?.kind === 'scalar' ? stringOf(git) : stringOf(mapValue(asMap(git), 'url'));
    const ref = git?.kind === 'scalar' ? undefined : stringOf(mapValue(asMap(git), 'ref'));
    if (url) pkg.resolved = url;
    if (ref && /^[0-9a-f]{7,40}$/i.test(ref)) pkg.commit = ref;
  } else if (kind === 'path') {
    const folder = stringOf(mapValue(details, 'path'));
    if (folder) pkg.resolved = folder;
  } else if (kind === 'sdk') {
    pkg.resolved = `sdk:${stringOf(mapValue(details, 'sdk')) ?? ''}`;
  } else if (!isPubDev(hostedUrl) && hostedUrl) {
    pkg.resolved = hostedUrl;
  }
  return pkg;
}

/** Flutter apps and plugins depend on the `flutter` SDK package; their pub commands go through `flutter`. */
export function usesFlutter(result: ParseResult): boolean {
  return result.packages.some((p) => p.resolved === 'sdk:flutter');
}
