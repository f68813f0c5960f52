import { unusualTarballWarnings, urlAfterName } from './registry-tarballs';
import { basename, posix } from 'node:path';
import type { ExtractedPackage, Importer, PackageSource, ParseError, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { syntaxError } from '../../core/syntax-error';
import { addReachGroups, EdgeSet } from './reachability-groups';
import { isDependencyPath, keyForRef, nameOfSourceKey, packageKeyOfSnapshot, parseRegistryKey, type PnpmSyntax, syntaxFor } from './pnpm-keys';
import { mapEntries, mapValue, readYaml, scalarRecord, scalarValue, type YamlEntry, type YamlMap, type YamlScalar, type YamlValue } from '../../core/yaml';
import { commitOf, isGitUrl } from './yarn-descriptors';
import { failedLockfile, lockfileFailure } from './lockfile-result';

/** Importer sections, and whether they are roots of the development graph. */
const IMPORTER_SECTIONS = [
  { key: 'dependencies', dev: false },
  { key: 'optionalDependencies', dev: false },
  { key: 'devDependencies', dev: true },
] as const;

/** Prefix of ids from a leading env document (pnpm's own and config dependencies). */
const ENV_PREFIX = 'env:';

/**
 * pnpm-lock.yaml, lockfile versions 5.x, 6.x and 9.x. pnpm can write a YAML stream whose first
 * document is an "env lockfile" (the pnpm version it manages and config dependencies): the last
 * document is the project's graph; the others' packages are installed too, so they are returned
 * (ids prefixed `env:`), but they are no project's dependencies.
 */
export function parsePnpmLock(path: string, text: string): ParseResult {
  const what = basename(path);
  const read = readYaml(text);
  const index = new LineIndex(text);
  if (read.error) {
    return lockfileFailure(syntaxError(index, what, read.error.message, read.error.start, Math.max(read.error.end, read.error.start + 1)));
  }
  const documents = read.documents.filter((d): d is Exclude<YamlValue, null> => d !== null);
  if (documents.some((d) => d.kind !== 'map')) return failedLockfile(`could not read ${what}: the top level is not a mapping`, index.range(0, 1));
  const maps = documents as YamlMap[];
  if (maps.length === 0) return { kind: 'lockfile', packages: [], errors: [] };

  const main = readDocument(maps[maps.length - 1]!, index, '');
  const packages = [...main.packages];
  const skipped = [...main.skipped];
  for (const env of maps.slice(0, -1)) {
    const doc = readDocument(env, index, ENV_PREFIX);
    for (const pkg of doc.packages) pkg.direct = false;
    packages.push(...doc.packages);
    skipped.push(...doc.skipped);
  }
  const errors: ParseError[] = [];
  if (skipped.length) {
    const first = skipped[0]!;
    const more = skipped.length > 1 ? ` (and ${skipped.length - 1} more)` : '';
    errors.push({ message: `${what}: "${first.key}" is not a pnpm dependency path; skipped${more}`, range: index.range(first.keyStart, first.keyEnd), severity: 'warning' });
  }
  errors.push(...unusualTarballWarnings(packages, urlAfterName(text, index)));
  return { kind: 'lockfile', packages, errors, importers: main.importers };
}

interface DocumentResult {
  packages: ExtractedPackage[];
  importers: Importer[];
  skipped: YamlEntry[];
}

function readDocument(root: YamlMap, index: LineIndex, prefix: string): DocumentResult {
  const packagesMap = mapValue(root, 'packages');
  const snapshots = mapValue(root, 'snapshots');
  const packageEntries = mapEntries(packagesMap);
  const syntax = syntaxFor(scalarValue(mapValue(root, 'lockfileVersion')), snapshots?.kind === 'map', packageEntries[0]?.key);

  const packages: ExtractedPackage[] = [];
  const byId = new Map<string, ExtractedPackage>();
  /** Where each package's edges are written (its snapshot in 9.x), by position in `packages`. */
  const edgeSources: YamlValue[] = [];
  const skipped: YamlEntry[] = [];
  const add = (key: string, keyEntry: YamlEntry, info: YamlValue, flags: YamlValue) => {
    const id = prefix ? prefix + key : key;
    if (byId.has(id)) return;
    const pkg = packageFrom(id, keyEntry, info, flags, syntax, index);
    if (!pkg) return;
    packages.push(pkg);
    byId.set(id, pkg);
    edgeSources.push(flags);
  };

  if (syntax === 9) {
    const info = new Map<string, YamlEntry>();
    for (const entry of packageEntries) {
      if (!isDependencyPath(entry.key, syntax)) skipped.push(entry);
      else info.set(entry.key, entry);
    }
    const covered = new Set<string>();
    for (const snapshot of mapEntries(snapshots)) {
      if (!isDependencyPath(snapshot.key, syntax)) {
        skipped.push(snapshot);
        continue;
      }
      const base = packageKeyOfSnapshot(snapshot.key);
      covered.add(base);
      const meta = info.get(base);
      add(snapshot.key, meta ?? snapshot, meta?.value ?? null, snapshot.value);
    }
    // A packages entry without a snapshot (hand-trimmed files) is still installed metadata.
    for (const [key, entry] of info) if (!covered.has(key)) add(key, entry, entry.value, null);
  } else {
    for (const entry of packageEntries) {
      if (!isDependencyPath(entry.key, syntax)) skipped.push(entry);
      else add(entry.key, entry, entry.value, entry.value);
    }
  }

  // Edges: `dependencies` and `optionalDependencies` of each package (of each snapshot in 9.x).
  const edges = new EdgeSet();
  for (let i = 0; i < packages.length; i++) {
    const pkg = packages[i]!;
    for (const section of mapEntries(edgeSources[i] ?? null)) {
      const optional = section.key === 'optionalDependencies';
      if (!optional && section.key !== 'dependencies') continue;
      for (const dep of mapEntries(section.value)) {
        if (dep.value?.kind !== 'scalar') continue;
        const key = keyForRef(dep.key, dep.value.value, syntax);
        const child = key === undefined ? undefined : byId.get(prefix ? prefix + key : key);
        if (child) edges.add(pkg.id, child.id, optional);
      }
    }
    pkg.dependencies = edges.of(pkg.id);
  }

  const importers = readImporters(root, syntax, prefix, byId);
  // Workspace members linked from another member become packages too, so that paths run through
  // them (app → @demo/lib → lodash): their dependencies are their importer's.
  for (const member of importers.members) {
    const importer = importers.list.find((i) => i.path === member.path);
    for (const to of importer?.dependencies ?? []) edges.add(member.pkg.id, to, false);
    member.pkg.dependencies = edges.of(member.pkg.id);
    packages.push(member.pkg);
  }
  const direct = new Set(importers.list.flatMap((i) => i.dependencies));
  for (const pkg of packages) pkg.direct = direct.has(pkg.id);
  // 5.x and 6.x record `dev` and `optional` on every package; 9.x leaves dev to the graph.
  if (syntax === 9) addReachGroups(packages, edges, importers.roots, { dev: true, optional: false });
  return { packages, importers: importers.list, skipped };
}

interface ImportersResult {
  list: Importer[];
  roots: { prod: string[]; dev: string[] };
  members: Array<{ path: string; pkg: ExtractedPackage }>;
}

function readImporters(root: YamlMap, syntax: PnpmSyntax, prefix: string, byId: Map<string, ExtractedPackage>): ImportersResult {
  const importersNode = mapValue(root, 'importers');
  // Before workspaces were recorded as importers, the single project's sections sat at the top level.
  const projects: Array<{ path: string; node: YamlValue }> = importersNode?.kind === 'map' ? importersNode.entries.map((e) => ({ path: importerPath(e.key), node: e.value })) : [{ path: '', node: root }];
  const paths = new Set(projects.map((p) => p.path));
  const members = new Map<string, ExtractedPackage>();
  const list: Importer[] = [];
  const roots = { prod: [] as string[], dev: [] as string[] };
  for (const project of projects) {
    const specifiers = scalarRecord(mapValue(project.node, 'specifiers'));
    const requirements: Record<string, string> = {};
    const dependencies: string[] = [];
    for (const section of IMPORTER_SECTIONS) {
      for (const entry of mapEntries(mapValue(project.node, section.key))) {
        // 6.x and 9.x: `name: { specifier, version }`; 5.x: `name: version` beside `specifiers:`.
        const ref = entry.value?.kind === 'map' ? scalarValue(mapValue(entry.value, 'version')) : scalarValue(entry.value);
        const specifier = entry.value?.kind === 'map' ? scalarValue(mapValue(entry.value, 'specifier')) : specifiers[entry.key];
        if (specifier !== undefined) requirements[entry.key] = specifier;
        const key = ref === undefined ? undefined : keyForRef(entry.key, ref, syntax);
        const pkg = key === undefined ? (ref === undefined ? undefined : linkedMember(project.path, entry.key, ref, paths, members, prefix)) : byId.get(prefix + key);
        if (!pkg) continue;
        if (!dependencies.includes(pkg.id)) dependencies.push(pkg.id);
        if (entry.key !== pkg.name && pkg.alias === undefined) pkg.alias = entry.key;
        (section.dev ? roots.dev : roots.prod).push(pkg.id);
      }
    }
    list.push({ path: project.path, dependencies, requirements });
  }
  return { list, roots, members: [...members].map(([path, pkg]) => ({ path, pkg })) };
}

function importerPath(key: string): string {
  const path = posix.normalize(key).replace(/\/+$/, '');
  return path === '.' ? '' : path;
}

/** The workspace member a `link:` ref points at, as a package (created once per member). */
function linkedMember(from: string, name: string, ref: string, paths: Set<string>, members: Map<string, ExtractedPackage>, prefix: string): ExtractedPackage | undefined {
  if (!ref.startsWith('link:')) return undefined;
  const target = importerPath(posix.join(from, ref.slice('link:'.length)));
  if (!paths.has(target) || target === from) return undefined;
  let pkg = members.get(target);
  if (!pkg) {
    pkg = { id: `${prefix}workspace:${target}`, ecosystem: 'npm', name, version: '', direct: false, groups: [], source: 'workspace', dependencies: [] };
    members.set(target, pkg);
  }
  return pkg;
}

/** One package from its key (name and version for registry paths) and its metadata fields. */
function packageFrom(id: string, keyEntry: YamlEntry, info: YamlValue, flags: YamlValue, syntax: PnpmSyntax, index: LineIndex): ExtractedPackage | undefined {
  const key = keyEntry.key;
  const fields = metadataOf(info);
  const registryKey = parseRegistryKey(key, syntax);
  const keyName = registryKey ? undefined : syntax === 9 ? nameOfSourceKey(key) : undefined;
  const name = fields.name?.value ?? registryKey?.name ?? keyName?.name;
  const version = fields.version?.value ?? registryKey?.version;
  // Git repositories without metadata, folders without a name: nothing to identify or match.
  if (!name || !version) return undefined;
  const resolution = fields.resolution;
  const tarball = scalarValue(mapValue(resolution, 'tarball'));
  const source = registryKey && !leavesRegistry(resolution, tarball) ? 'registry' : sourceOf(key, resolution, tarball);
  const exactKey = keyEntry.keyEnd - keyEntry.keyStart === key.length;
  const pkg: ExtractedPackage = {
    id,
    ecosystem: 'npm',
    name,
    version,
    direct: false,
    groups: groupFlags(flags, syntax),
    source,
    dependencies: [],
  };
  if (fields.name) pkg.nameRange = index.range(fields.name.start, fields.name.end);
  else if (registryKey && exactKey) pkg.nameRange = index.range(keyEntry.keyStart + registryKey.nameAt, keyEntry.keyStart + registryKey.nameAt + registryKey.name.length);
  else if (keyName && exactKey) pkg.nameRange = index.range(keyEntry.keyStart, keyEntry.keyStart + keyName.name.length);
  if (fields.version) pkg.versionRange = index.range(fields.version.start, fields.version.end);
  else if (registryKey && exactKey) pkg.versionRange = index.range(keyEntry.keyStart + registryKey.versionAt, keyEntry.keyStart + registryKey.versionAt + registryKey.version.length);
  const integrity = scalarValue(mapValue(resolution, 'integrity'));
  if (integrity !== undefined) pkg.integrity = integrity;
  const resolved = tarball ?? scalarValue(mapValue(resolution, 'repo')) ?? scalarValue(mapValue(resolution, 'directory'));
  if (resolved !== undefined) pkg.resolved = resolved;
  if (source === 'git') {
    const commit = scalarValue(mapValue(resolution, 'commit')) ?? commitOf(tarball) ?? /\/([0-9a-f]{40})$/i.exec(key)?.[1];
    if (commit) pkg.commit = commit.toLowerCase();
  }
  return pkg;
}

/** The metadata fields a package entry is read for, in one pass over its keys. */
function metadataOf(info: YamlValue): { name?: YamlScalar; version?: YamlScalar; resolution?: YamlValue } {
  const out: { name?: YamlScalar; version?: YamlScalar; resolution?: YamlValue } = {};
  for (const entry of mapEntries(info)) {
    if (entry.key === 'resolution') out.resolution = entry.value;
    else if (entry.key === 'name' && entry.value?.kind === 'scalar') out.name = entry.value;
    else if (entry.key === 'version' && entry.value?.kind === 'scalar') out.version = entry.value;
  }
  return out;
}

/** A registry-shaped key whose resolution still points elsewhere (a git commit, a folder). */
function leavesRegistry(resolution: YamlValue | undefined, tarball: string | undefined): boolean {
  if (mapValue(resolution, 'type') !== undefined || mapValue(resolution, 'commit') !== undefined || mapValue(resolution, 'directory') !== undefined) return true;
  return tarball !== undefined && (tarball.startsWith('file:') || isGitUrl(tarball));
}

function sourceOf(key: string, resolution: YamlValue | undefined, tarball: string | undefined): PackageSource {
  if (key.startsWith('link:')) return 'link';
  if (key.startsWith('file:') || key.includes('@file:') || mapValue(resolution, 'directory') !== undefined || tarball?.startsWith('file:')) return 'path';
  if (scalarValue(mapValue(resolution, 'type')) === 'git' || mapValue(resolution, 'commit') !== undefined) return 'git';
  if (tarball !== undefined) return isGitUrl(tarball) ? 'git' : 'url';
  if (/^(github\.com|gitlab\.com|bitbucket\.org)\//.test(key)) return 'git';
  return 'url';
}

function groupFlags(flags: YamlValue, syntax: PnpmSyntax): string[] {
  const groups: string[] = [];
  if (syntax !== 9 && scalarValue(mapValue(flags, 'dev')) === 'true') groups.push('dev');
  if (scalarValue(mapValue(flags, 'optional')) === 'true') groups.push('optional');
  return groups;
}
