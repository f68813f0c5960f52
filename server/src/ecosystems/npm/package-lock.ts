import { basename } from 'node:path';
import type { ExtractedPackage, Importer, PackageSource, ParseError, ParseResult } from '../../core/package';
import { blankByteOrderMark } from '../../core/byte-order-mark';
import { duplicateWarnings, findDuplicateKeys } from '../../core/json-duplicate-keys';
import { firstJsonSyntaxError } from '../../core/json-syntax';
import { type JsonPattern, locateJsonProperties } from '../../core/json-locations';
import { LineIndex } from '../../core/text-range';
import { type OrderedEntry, findKeysInOrder, findStringProperty, locateEntriesInOrder } from '../../core/json-ordered-keys';
import { isJsonObject } from '../../core/json-data';
import { EdgeSpecs, commitOf, entrySource } from './lock-sources';
import { EntryOffsets } from './entry-offsets';
import { InstallLayout } from './node-resolution';
import { unusualTarballWarnings } from './registry-tarballs';
import { lockfileFailure, shapeError } from './lockfile-result';

/**
 * package-lock.json and npm-shrinkwrap.json, lockfile versions 1, 2 and 3. Version 2 carries both
 * layouts; the `packages` map is the one npm itself reads, so it wins.
 */
export function parsePackageLock(path: string, text: string): ParseResult {
  const what = basename(path);
  let data: unknown;
  try {
    data = JSON.parse(blankByteOrderMark(text));
  } catch {
    return lockfileFailure(firstJsonSyntaxError(text, what));
  }
  const index = new LineIndex(text);
  if (!isJsonObject(data)) return lockfileFailure(shapeError(index, what, 'the top level is not a JSON object'));
  // npm reads the last of two equal keys (JSON.parse); the ordered search finds the first, so a
  // file with duplicates is located by the full scan, where the last occurrence wins.
  const duplicates = findDuplicateKeys(text, { parsed: data });
  const ordered = duplicates.length === 0;
  let result: ParseResult;
  if (isJsonObject(data.packages)) result = parsePackagesLayout(text, index, data.packages, ordered);
  else if (data.dependencies === undefined || isJsonObject(data.dependencies)) result = parseDependenciesLayout(text, index, data.dependencies ?? {}, ordered);
  else return lockfileFailure(shapeError(index, what, '"dependencies" is not an object'));
  result.errors.push(...duplicateWarnings(duplicates, what, index));
  return result;
}

interface LockEntry {
  version?: unknown;
  name?: unknown;
  resolved?: unknown;
  integrity?: unknown;
  link?: unknown;
  dev?: unknown;
  optional?: unknown;
  devOptional?: unknown;
  peer?: unknown;
  dependencies?: unknown;
  optionalDependencies?: unknown;
  peerDependencies?: unknown;
  devDependencies?: unknown;
  requires?: unknown;
  hasInstallScript?: unknown;
  license?: unknown;
}

// ---- lockfile v2 / v3: a flat map from install location to package ---------------------------------

const PACKAGES_PATTERN: JsonPattern = { packages: { '*': { version: true } } };

/**
 * Where each entry's key and version are, by index in `keys`. The fast path searches the keys in
 * document order and checks every hit; anything unexpected (hand-edited layouts, repeated keys)
 * falls back to the full scanner, where a repeated key's last occurrence wins.
 */
function locatePackages(text: string, packages: Record<string, unknown>, keys: readonly string[], ordered: boolean): EntryOffsets {
  const out = new EntryOffsets(keys.length);
  const container = ordered ? findKeysInOrder(text, ['packages']) : undefined;
  const found = container ? locateEntriesInOrder(text, keys, keys.map((key) => stringVersion(packages[key])), 'version', container[0]!.valueStart) : undefined;
  if (found) {
    found.forEach((at, i) => record(out, i, at));
    return out;
  }
  const indexOf = new Map(keys.map((key, i) => [key, i]));
  for (const loc of locateJsonProperties(text, PACKAGES_PATTERN)) {
    const i = loc.path[1] === undefined ? undefined : indexOf.get(loc.path[1]);
    if (i === undefined) continue;
    if (loc.path.length === 2) out.setKey(i, loc.keyStart, loc.keyEnd);
    else out.setVersion(i, loc.valueStart, loc.valueEnd);
  }
  return out;
}

function stringVersion(entry: unknown): string | undefined {
  return isJsonObject(entry) && typeof entry.version === 'string' ? entry.version : undefined;
}

function record(out: EntryOffsets, i: number, at: OrderedEntry): void {
  out.setKey(i, at.keyStart, at.keyEnd);
  if (at.property) out.setVersion(i, at.property.valueStart, at.property.valueEnd);
}

function parsePackagesLayout(text: string, index: LineIndex, packages: Record<string, unknown>, ordered: boolean): ParseResult {
  const keys = Object.keys(packages);
  const locations = locatePackages(text, packages, keys, ordered);

  // Links point a node_modules location at a folder in the project (workspaces, `file:` folders).
  const links = new Map<string, string>();
  for (const key of keys) {
    const raw = packages[key];
    if (key !== '' && isJsonObject(raw) && raw.link === true && typeof raw.resolved === 'string') links.set(key, raw.resolved);
  }
  const linkTargets = new Set(links.values());
  // A workspace folder's package name is the name it is linked under (its entry may not say).
  const linkedName = new Map<string, string>();
  for (const [from, to] of links) if (!linkedName.has(to)) linkedName.set(to, packageNameFromLocation(from));
  const layout = new InstallLayout(keys);
  const resolve = (from: string, name: string): string | undefined => {
    const found = layout.resolve(from, name);
    if (found === undefined) return undefined;
    const target = links.get(found);
    if (target === undefined) return found;
    return target in packages && !links.has(target) ? target : undefined;
  };

  // The specs that lead to each entry decide whether it is a registry package, as in npm.
  // One pass over the edges: each resolved once, for its spec and for the entry's dependencies.
  const specs = new EdgeSpecs();
  const children: string[][] = new Array<string[]>(keys.length);
  keys.forEach((key, i) => {
    const raw = packages[key];
    if (!isJsonObject(raw) || links.has(key)) return;
    const project = key === '' || linkTargets.has(key);
    const ids: string[] = [];
    for (const section of project ? PROJECT_SECTIONS : ENTRY_SECTIONS) {
      const declared = raw[section];
      if (!isJsonObject(declared)) continue;
      for (const name in declared) {
        const target = resolve(key, name);
        if (target === undefined) continue;
        specs.add(target, name, declared[name]);
        if (section !== 'devDependencies') ids.push(target);
      }
    }
    children[i] = unique(ids);
  });

  const result: ExtractedPackage[] = [];
  const positions: number[] = [];
  keys.forEach((key, i) => {
    const raw = packages[key];
    if (key === '' || !isJsonObject(raw) || links.has(key)) return;
    const entry = raw as LockEntry;
    const folderName = packageNameFromLocation(key);
    const name = typeof entry.name === 'string' ? entry.name : (linkedName.get(key) ?? folderName);
    const inNodeModules = key.includes('node_modules/');
    const source: PackageSource = !inNodeModules ? (linkTargets.has(key) ? 'workspace' : 'path') : specs.sourceOf(key, entry.resolved, entry.version);
    const pkg: ExtractedPackage = {
      id: key,
      ecosystem: 'npm',
      name,
      version: typeof entry.version === 'string' ? entry.version : '',
      direct: false,
      groups: groupsOf(entry),
      source,
      dependencies: children[i] ?? [],
    };
    setRanges(pkg, index, locations, i);
    if (typeof entry.integrity === 'string') pkg.integrity = entry.integrity;
    if (typeof entry.resolved === 'string') pkg.resolved = entry.resolved;
    const commit = commitOf(entry.resolved);
    if (commit) pkg.commit = commit;
    if (inNodeModules && folderName !== name) pkg.alias = folderName;
    // v2+ records `hasInstallScript: true` for every package with a preinstall/install/postinstall
    // script (or a binding.gyp), and nothing for the others: absent means none.
    if (inNodeModules) pkg.installScripts = entry.hasInstallScript === true;
    if (typeof entry.license === 'string' && entry.license.trim()) pkg.license = entry.license;
    result.push(pkg);
    positions.push(i);
    // Read once: letting the parsed entry go now keeps the peak down on a big lockfile.
    if (inNodeModules) packages[key] = undefined;
  });

  const importers: Importer[] = [];
  for (const folder of ['', ...linkTargets]) {
    const raw = packages[folder];
    if (!isJsonObject(raw)) continue;
    const entry = raw as LockEntry;
    const requirements = declaredRequirements(entry);
    const ids = Object.keys(requirements)
      .map((dep) => resolve(folder, dep))
      .filter((id): id is string => id !== undefined);
    const name = typeof entry.name === 'string' ? entry.name : linkedName.get(folder);
    importers.push({ path: folder, ...(name ? { name } : {}), dependencies: unique(ids), requirements });
  }
  markDirect(result, importers);
  return { kind: 'lockfile', packages: result, errors: tarballWarnings(text, index, result, positions, locations), importers };
}

/** The first value in a sorted list above `value` (binary search), or `otherwise`. */
function firstAbove(sorted: ArrayLike<number>, value: number, otherwise: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return lo < sorted.length ? sorted[lo]! : otherwise;
}

const ENTRY_SECTIONS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;
const PROJECT_SECTIONS = [...ENTRY_SECTIONS, 'devDependencies'] as const;

/**
 * A warning at the `resolved` value of each registry package fetched from an unusual place (see
 * registry-tarballs.ts). Rare, so each value is searched for only when it is to be reported.
 */
function tarballWarnings(text: string, index: LineIndex, packages: readonly ExtractedPackage[], positions: readonly number[], locations: EntryOffsets): ParseError[] {
  let keyStarts: Int32Array | undefined;
  return unusualTarballWarnings(packages, (pkg, n) => {
    const i = positions[n]!;
    if (!locations.hasKey(i) || pkg.resolved === undefined) return undefined;
    keyStarts ??= locations.sortedKeyStarts();
    const keyEnd = locations.keyEnd[i]!;
    const at = findStringProperty(text, 'resolved', pkg.resolved, keyEnd, firstAbove(keyStarts, keyEnd, text.length));
    return at ? index.range(at.valueStart, at.valueEnd) : undefined;
  });
}

function setRanges(pkg: ExtractedPackage, index: LineIndex, locations: EntryOffsets, i: number): void {
  if (locations.hasKey(i)) pkg.nameRange = index.range(locations.keyStart[i]!, locations.keyEnd[i]!);
  if (locations.hasVersion(i)) pkg.versionRange = index.range(locations.versionStart[i]!, locations.versionEnd[i]!);
}

// ---- lockfile v1: a nested tree of `dependencies` ---------------------------------------------------

function parseDependenciesLayout(text: string, index: LineIndex, dependencies: Record<string, unknown>, ordered: boolean): ParseResult {
  const entries = new Map<string, LockEntry>();
  const order: string[] = [];
  const walk = (deps: Record<string, unknown>, parent: string) => {
    for (const [name, raw] of Object.entries(deps)) {
      if (!isJsonObject(raw)) continue;
      const id = parent === '' ? `node_modules/${name}` : `${parent}/node_modules/${name}`;
      entries.set(id, raw as LockEntry);
      order.push(id);
      if (isJsonObject(raw.dependencies)) walk(raw.dependencies, id);
    }
  };
  walk(dependencies, '');
  const locations = locateTree(text, entries, order, ordered);
  const layout = new InstallLayout(entries.keys());
  const resolve = (from: string, name: string) => layout.resolve(from, name);
  const required = new Set<string>();
  const result: ExtractedPackage[] = [];
  const positions: number[] = [];
  order.forEach((id, i) => {
    const entry = entries.get(id)!;
    const folderName = packageNameFromLocation(id);
    const rawVersion = typeof entry.version === 'string' ? entry.version : '';
    let name = folderName;
    let version = rawVersion;
    let alias: string | undefined;
    if (rawVersion.startsWith('npm:')) {
      // An alias records `npm:<real name>@<version>` as its version.
      const target = rawVersion.slice(4);
      const at = target.lastIndexOf('@');
      if (at > 0) {
        name = target.slice(0, at);
        version = target.slice(at + 1);
        alias = folderName;
      }
    }
    // An alias's version is the real package's, after `npm:<name>@`.
    const source = entrySource(entry.resolved, version);
    if (source !== 'registry') version = '';
    const children = isJsonObject(entry.requires)
      ? unique(Object.keys(entry.requires).map((dep) => resolve(id, dep)).filter((c): c is string => c !== undefined))
      : [];
    for (const c of children) required.add(c);
    const pkg: ExtractedPackage = { id, ecosystem: 'npm', name, version, direct: false, groups: groupsOf(entry), source, dependencies: children };
    setRanges(pkg, index, locations, i);
    if (typeof entry.integrity === 'string') pkg.integrity = entry.integrity;
    if (typeof entry.resolved === 'string') pkg.resolved = entry.resolved;
    const commit = commitOf(rawVersion) ?? commitOf(entry.resolved);
    if (commit) pkg.commit = commit;
    if (alias) pkg.alias = alias;
    result.push(pkg);
    positions.push(i);
  });
  // v1 does not record the project's own requirements: a top-level package nothing else requires
  // must be direct; the manifest settles the rest when the engine pairs the two files.
  for (const pkg of result) pkg.direct = !pkg.id.includes('/node_modules/') && !required.has(pkg.id);
  return { kind: 'lockfile', packages: result, errors: tarballWarnings(text, index, result, positions, locations) };
}

/** Key and version offsets of a v1 tree: the ordered fast path, else the full scanner. */
function locateTree(text: string, entries: Map<string, LockEntry>, order: readonly string[], ordered: boolean): EntryOffsets {
  const out = new EntryOffsets(order.length);
  const container = ordered ? findKeysInOrder(text, ['dependencies'], 0, true) : undefined;
  const names = order.map(packageNameFromLocation);
  const versions = order.map((id) => stringVersion(entries.get(id)));
  const found = container ? locateEntriesInOrder(text, names, versions, 'version', container[0]!.valueStart, text.length, true) : undefined;
  if (found) {
    found.forEach((at, i) => record(out, i, at));
    return out;
  }
  const indexOf = new Map(order.map((id, i) => [id, i]));
  const entryPattern: JsonPattern = { version: true };
  const nested: JsonPattern = { '*': entryPattern };
  entryPattern.dependencies = nested;
  for (const loc of locateJsonProperties(text, { dependencies: nested })) {
    // Entry keys sit at even depths (dependencies > name > dependencies > name); `version` one below.
    const isEntry = loc.path.length % 2 === 0;
    const isVersion = !isEntry && loc.path[loc.path.length - 1] === 'version';
    if (!isEntry && !isVersion) continue;
    const i = indexOf.get(v1Location(isVersion ? loc.path.slice(0, -1) : loc.path));
    if (i === undefined) continue;
    if (isVersion) out.setVersion(i, loc.valueStart, loc.valueEnd);
    else out.setKey(i, loc.keyStart, loc.keyEnd);
  }
  return out;
}

function v1Location(keyPath: string[]): string {
  // ['dependencies', 'a', 'dependencies', 'b'] → node_modules/a/node_modules/b
  const names: string[] = [];
  for (let i = 1; i < keyPath.length; i += 2) names.push(keyPath[i]!);
  return names.map((n) => `node_modules/${n}`).join('/');
}

// ---- shared helpers ---------------------------------------------------------------------------------

function declaredRequirements(entry: LockEntry): Record<string, string> {
  const out: Record<string, string> = {};
  for (const section of [entry.peerDependencies, entry.optionalDependencies, entry.devDependencies, entry.dependencies]) {
    if (!isJsonObject(section)) continue;
    for (const [name, spec] of Object.entries(section)) if (typeof spec === 'string') out[name] = spec;
  }
  return out;
}

function markDirect(packages: ExtractedPackage[], importers: Importer[]): void {
  const direct = new Set(importers.flatMap((i) => i.dependencies));
  for (const pkg of packages) pkg.direct = direct.has(pkg.id);
}

// Built as literals, not by push: an array grown by push keeps room for 17 entries, and a big
// lockfile holds one groups and one dependencies array per package.
function groupsOf(entry: LockEntry): string[] {
  if (entry.devOptional === true) return ['dev', 'optional'];
  const dev = entry.dev === true;
  const optional = entry.optional === true;
  const peer = entry.peer === true;
  if (!dev && !optional && !peer) return [];
  if (!optional && !peer) return ['dev'];
  if (!dev && !peer) return ['optional'];
  return [dev && 'dev', optional && 'optional', peer && 'peer'].filter((g): g is string => g !== false);
}

/** `node_modules/@scope/name/node_modules/x` → `x`; `packages/app` → `app`. */
export function packageNameFromLocation(location: string): string {
  const i = location.lastIndexOf('node_modules/');
  if (i === -1) return location.split('/').pop() ?? location;
  return location.slice(i + 'node_modules/'.length);
}

/** Without repeats, in an array of exactly that length. */
function unique<T>(list: T[]): T[] {
  return list.length < 2 ? list.slice() : [...new Set(list)];
}
