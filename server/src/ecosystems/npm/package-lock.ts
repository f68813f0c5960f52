import { basename } from 'node:path';
import type { ExtractedPackage, Importer, PackageSource, ParseResult } from '../../core/package';
import { firstJsonSyntaxError } from '../../core/json-syntax';
import { type JsonPattern, locateJsonProperties } from '../../core/json-locations';
import { LineIndex } from '../../core/text-range';
import { type OrderedEntry, findKeysInOrder, locateEntriesInOrder } from '../../core/json-ordered-keys';
import { isJsonObject } from '../../core/json-data';
import { InstallLayout } from './node-resolution';
import { lockfileFailure, shapeError } from './lockfile-result';

/**
 * package-lock.json and npm-shrinkwrap.json, lockfile versions 1, 2 and 3. Version 2 carries both
 * layouts; the `packages` map is the one npm itself reads, so it wins.
 */
export function parsePackageLock(path: string, text: string): ParseResult {
  const what = basename(path);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return lockfileFailure(firstJsonSyntaxError(text, what));
  }
  const index = new LineIndex(text);
  if (!isJsonObject(data)) return lockfileFailure(shapeError(index, what, 'the top level is not a JSON object'));
  if (isJsonObject(data.packages)) return parsePackagesLayout(text, index, data.packages);
  if (data.dependencies === undefined || isJsonObject(data.dependencies)) return parseDependenciesLayout(text, index, data.dependencies ?? {});
  return lockfileFailure(shapeError(index, what, '"dependencies" is not an object'));
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

interface EntryLocation {
  key?: { start: number; end: number };
  version?: { start: number; end: number };
}

/**
 * Where each entry's key and version are. The fast path searches the keys in document order and
 * checks every hit; anything unexpected (hand-edited layouts) falls back to the full scanner.
 */
function locatePackages(text: string, packages: Record<string, unknown>, keys: readonly string[]): Map<string, EntryLocation> {
  const out = new Map<string, EntryLocation>();
  const container = findKeysInOrder(text, ['packages']);
  const versions = keys.map((key) => stringVersion(packages[key]));
  const found = container ? locateEntriesInOrder(text, keys, versions, 'version', container[0]!.valueStart) : undefined;
  if (found) {
    found.forEach((at, i) => out.set(keys[i]!, entryLocation(at)));
    return out;
  }
  for (const loc of locateJsonProperties(text, PACKAGES_PATTERN)) {
    const key = loc.path[1]!;
    const slot = out.get(key) ?? {};
    if (loc.path.length === 2) slot.key = { start: loc.keyStart, end: loc.keyEnd };
    else slot.version = { start: loc.valueStart, end: loc.valueEnd };
    out.set(key, slot);
  }
  return out;
}

function stringVersion(entry: unknown): string | undefined {
  return isJsonObject(entry) && typeof entry.version === 'string' ? entry.version : undefined;
}

function entryLocation(at: OrderedEntry): EntryLocation {
  const slot: EntryLocation = { key: { start: at.keyStart, end: at.keyEnd } };
  if (at.property) slot.version = { start: at.property.valueStart, end: at.property.valueEnd };
  return slot;
}

function parsePackagesLayout(text: string, index: LineIndex, packages: Record<string, unknown>): ParseResult {
  const keys = Object.keys(packages);
  const locations = locatePackages(text, packages, keys);

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

  const result: ExtractedPackage[] = [];
  for (const key of keys) {
    const raw = packages[key];
    if (key === '' || !isJsonObject(raw) || links.has(key)) continue;
    const entry = raw as LockEntry;
    const folderName = packageNameFromLocation(key);
    const name = typeof entry.name === 'string' ? entry.name : (linkedName.get(key) ?? folderName);
    const inNodeModules = key.includes('node_modules/');
    const source: PackageSource = !inNodeModules ? (linkTargets.has(key) ? 'workspace' : 'path') : sourceOf(entry.resolved, entry.version);
    const loc = locations.get(key);
    const pkg: ExtractedPackage = {
      id: key,
      ecosystem: 'npm',
      name,
      version: typeof entry.version === 'string' ? entry.version : '',
      direct: false,
      groups: groupsOf(entry),
      source,
      dependencies: childIds(entry, key, resolve),
    };
    if (loc?.key) pkg.nameRange = index.range(loc.key.start, loc.key.end);
    if (loc?.version) pkg.versionRange = index.range(loc.version.start, loc.version.end);
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
  }

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
  return { kind: 'lockfile', packages: result, errors: [], importers };
}

// ---- lockfile v1: a nested tree of `dependencies` ---------------------------------------------------

function parseDependenciesLayout(text: string, index: LineIndex, dependencies: Record<string, unknown>): ParseResult {
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
  const locations = locateTree(text, entries, order);
  const layout = new InstallLayout(entries.keys());
  const resolve = (from: string, name: string) => layout.resolve(from, name);
  const required = new Set<string>();
  const result: ExtractedPackage[] = [];
  for (const [id, entry] of entries) {
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
    const source = sourceOf(entry.resolved, rawVersion);
    if (source !== 'registry') version = '';
    const children = isJsonObject(entry.requires)
      ? unique(Object.keys(entry.requires).map((dep) => resolve(id, dep)).filter((c): c is string => c !== undefined))
      : [];
    for (const c of children) required.add(c);
    const loc = locations.get(id);
    const pkg: ExtractedPackage = { id, ecosystem: 'npm', name, version, direct: false, groups: groupsOf(entry), source, dependencies: children };
    if (loc?.key) pkg.nameRange = index.range(loc.key.start, loc.key.end);
    if (loc?.version) pkg.versionRange = index.range(loc.version.start, loc.version.end);
    if (typeof entry.integrity === 'string') pkg.integrity = entry.integrity;
    if (typeof entry.resolved === 'string') pkg.resolved = entry.resolved;
    const commit = commitOf(rawVersion) ?? commitOf(entry.resolved);
    if (commit) pkg.commit = commit;
    if (alias) pkg.alias = alias;
    result.push(pkg);
  }
  // v1 does not record the project's own requirements: a top-level package nothing else requires
  // must be direct; the manifest settles the rest when the engine pairs the two files.
  for (const pkg of result) pkg.direct = !pkg.id.includes('/node_modules/') && !required.has(pkg.id);
  return { kind: 'lockfile', packages: result, errors: [] };
}

/** Key and version offsets of a v1 tree: the ordered fast path, else the full scanner. */
function locateTree(text: string, entries: Map<string, LockEntry>, order: readonly string[]): Map<string, EntryLocation> {
  const out = new Map<string, EntryLocation>();
  const container = findKeysInOrder(text, ['dependencies'], 0, true);
  const names = order.map(packageNameFromLocation);
  const versions = order.map((id) => stringVersion(entries.get(id)));
  const found = container ? locateEntriesInOrder(text, names, versions, 'version', container[0]!.valueStart, text.length, true) : undefined;
  if (found) {
    found.forEach((at, i) => out.set(order[i]!, entryLocation(at)));
    return out;
  }
  const entryPattern: JsonPattern = { version: true };
  const nested: JsonPattern = { '*': entryPattern };
  entryPattern.dependencies = nested;
  for (const loc of locateJsonProperties(text, { dependencies: nested })) {
    // Entry keys sit at even depths (dependencies > name > dependencies > name); `version` one below.
    const isEntry = loc.path.length % 2 === 0;
    const isVersion = !isEntry && loc.path[loc.path.length - 1] === 'version';
    if (!isEntry && !isVersion) continue;
    const id = v1Location(isVersion ? loc.path.slice(0, -1) : loc.path);
    const slot = out.get(id) ?? {};
    if (isVersion) slot.version = { start: loc.valueStart, end: loc.valueEnd };
    else slot.key = { start: loc.keyStart, end: loc.keyEnd };
    out.set(id, slot);
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

function childIds(entry: LockEntry, from: string, resolve: (from: string, name: string) => string | undefined): string[] {
  const ids: string[] = [];
  for (const section of [entry.dependencies, entry.optionalDependencies, entry.peerDependencies]) {
    if (!isJsonObject(section)) continue;
    for (const name of Object.keys(section)) {
      const id = resolve(from, name);
      if (id !== undefined) ids.push(id);
    }
  }
  return unique(ids);
}

function markDirect(packages: ExtractedPackage[], importers: Importer[]): void {
  const direct = new Set(importers.flatMap((i) => i.dependencies));
  for (const pkg of packages) pkg.direct = direct.has(pkg.id);
}

function groupsOf(entry: LockEntry): string[] {
  if (entry.devOptional === true) return ['dev', 'optional'];
  const groups: string[] = [];
  if (entry.dev === true) groups.push('dev');
  if (entry.optional === true) groups.push('optional');
  if (entry.peer === true) groups.push('peer');
  return groups;
}

function sourceOf(resolved: unknown, version: unknown): PackageSource {
  const v = typeof version === 'string' ? version : '';
  const where = typeof resolved === 'string' ? resolved : v;
  // The common case first: a plain version fetched from a registry tarball (`.../<name>/-/<file>.tgz`).
  const first = v.charCodeAt(0);
  if (first >= 48 && first <= 57 && (typeof resolved !== 'string' || (resolved.startsWith('http') && resolved.includes('/-/')))) return 'registry';
  if (v.startsWith('file:') || where.startsWith('file:')) return 'path';
  if (v.startsWith('link:')) return 'link';
  if (GIT_URL.test(where) || GIT_URL.test(v) || GITHUB_SHORTHAND.test(v)) return 'git';
  // A tarball URL that is not a registry's `/-/` layout was declared as a URL dependency.
  if (/^https?:\/\//.test(where) && !where.includes('/-/')) return 'url';
  return 'registry';
}

const GIT_URL = /^(git\+|git:|github:|gitlab:|bitbucket:|gist:)/;
const GITHUB_SHORTHAND = /^[^/@\s:]+\/[^/\s:]+#/;

function commitOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const hash = url.lastIndexOf('#');
  if (hash === -1) return undefined;
  const fragment = url.slice(hash + 1);
  return /^[0-9a-f]{7,40}$/i.test(fragment) && /git|github:|gitlab:|bitbucket:/.test(url) ? fragment : undefined;
}

/** `node_modules/@scope/name/node_modules/x` → `x`; `packages/app` → `app`. */
export function packageNameFromLocation(location: string): string {
  const i = location.lastIndexOf('node_modules/');
  if (i === -1) return location.split('/').pop() ?? location;
  return location.slice(i + 'node_modules/'.length);
}


function unique<T>(list: T[]): T[] {
  return list.length < 2 ? list : [...new Set(list)];
}
