import { basename } from 'node:path';
import type { ExtractedPackage, Importer, PackageSource, ParseResult } from '../../core/package';
import { duplicateKeyWarnings } from '../../core/json-duplicate-keys';
import { unusualTarballWarnings, urlAfterName } from './registry-tarballs';
import { type JsonPropertyLocation, locateJsonProperties } from '../../core/json-locations';
import { firstJsonSyntaxError } from '../../core/json-syntax';
import { LineIndex } from '../../core/text-range';
import { isJsonObject } from '../../core/json-data';
import { jsoncToJson } from './bun-jsonc';
import { addReachGroups, EdgeSet } from './reachability-groups';
import { commitOf, isGitUrl } from './yarn-descriptors';
import { lockfileFailure, shapeError } from './lockfile-result';

/**
 * bun.lock (the text lockfile of bun 1.1.39+; not the binary bun.lockb). `packages` maps an install
 * location to an array whose first item is the resolution (`"lodash@4.17.21"`,
 * `"app@workspace:packages/app"`, `"x@github:o/r#sha"`). Locations nest like node_modules folders,
 * joined with `/`: `supports-color/has-flag` is the has-flag that supports-color gets, and
 * `app/react` the react of workspace `app`; a dependency resolves to the nearest one walking up.
 * `workspaces` maps each project folder to its declared dependencies: the importers.
 */
export function parseBunLock(path: string, text: string): ParseResult {
  const what = basename(path);
  const json = jsoncToJson(text);
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return lockfileFailure(firstJsonSyntaxError(text, what, { allowComments: true }));
  }
  const index = new LineIndex(text);
  if (!isJsonObject(data)) return lockfileFailure(shapeError(index, what, 'the top level is not a JSON object'));
  if (data.packages !== undefined && !isJsonObject(data.packages)) return lockfileFailure(shapeError(index, what, '"packages" is not an object'));
  if (data.workspaces !== undefined && !isJsonObject(data.workspaces)) return lockfileFailure(shapeError(index, what, '"workspaces" is not an object'));
  const entries = (data.packages ?? {}) as Record<string, unknown>;
  const workspaces = (data.workspaces ?? {}) as Record<string, unknown>;

  // Of two equal keys the last is read, as by JSON.parse: the map keeps the last location.
  const locations = new Map<string, JsonPropertyLocation>();
  for (const loc of locateJsonProperties(json, { packages: { '*': true } })) if (loc.path.length === 2) locations.set(loc.path[1]!, loc);
  // `json` has its comments blanked, so the parsed data settles most files by counting keys.
  const errors = duplicateKeyWarnings(json, what, index, { parsed: data });

  const packages: ExtractedPackage[] = [];
  const byKey = new Map<string, { pkg: ExtractedPackage; info: Record<string, unknown> | undefined }>();
  const workspaceKeys = new Map<string, string>();
  for (const [key, raw] of Object.entries(entries)) {
    const malformed = malformedEntry(raw);
    if (malformed) {
      // One bad entry loses that entry only; the rest of the lockfile is still read.
      const loc = locations.get(key);
      errors.push({ message: `${what}: package ${JSON.stringify(key)} is skipped: ${malformed}`, range: loc ? index.range(loc.valueStart, loc.valueEnd) : index.range(0, 0), severity: 'warning' });
      continue;
    }
    const read = readEntry(key, raw as unknown[], workspaces, text, index, locations.get(key));
    if (!read) continue;
    packages.push(read.pkg);
    byKey.set(key, read);
    if (read.workspacePath !== undefined) workspaceKeys.set(read.workspacePath, key);
  }

  const resolve = (from: string, name: string): string | undefined => {
    for (let current = from; ; current = parentKey(current)) {
      const candidate = current === '' ? name : `${current}/${name}`;
      if (byKey.has(candidate)) return candidate;
      if (current === '') return undefined;
    }
  };

  const edges = new EdgeSet();
  for (const [key, { pkg, info }] of byKey) {
    if (pkg.source === 'workspace') continue; // its dependencies are its workspace's, below
    addEdges(edges, key, info, (name) => resolve(key, name));
    pkg.dependencies = edges.of(key);
  }

  const importers: Importer[] = [];
  const roots = { prod: [] as string[], dev: [] as string[], optional: [] as string[] };
  for (const [folder, raw] of Object.entries(workspaces)) {
    if (!isJsonObject(raw)) continue;
    const base = folder === '' ? '' : workspaceKeys.get(folder);
    const requirements: Record<string, string> = {};
    const dependencies: string[] = [];
    const member = base ? byKey.get(base)?.pkg : undefined;
    for (const [section, group] of [['peerDependencies', 'prod'], ['optionalDependencies', 'optional'], ['devDependencies', 'dev'], ['dependencies', 'prod']] as const) {
      const declared = raw[section];
      if (!isJsonObject(declared)) continue;
      for (const [name, spec] of Object.entries(declared)) {
        if (typeof spec !== 'string') continue;
        requirements[name] = spec;
        const id = base === undefined ? undefined : resolve(base, name);
        if (id === undefined) continue;
        if (!dependencies.includes(id)) dependencies.push(id);
        if (member) edges.add(member.id, id, group === 'optional');
        (group === 'dev' ? roots.dev : roots.prod).push(id);
        if (group === 'optional') roots.optional.push(id);
      }
    }
    importers.push({ path: folder.replace(/^\.\//, ''), ...(typeof raw.name === 'string' ? { name: raw.name } : {}), dependencies, requirements });
    if (member) member.dependencies = edges.of(member.id);
  }
  const direct = new Set(importers.flatMap((i) => i.dependencies));
  for (const pkg of packages) pkg.direct = direct.has(pkg.id);
  addReachGroups(packages, edges, roots);
  errors.push(...unusualTarballWarnings(packages, urlAfterName(text, index)));
  return { kind: 'lockfile', packages, errors, importers };
}

/** Why bun could not read a `packages` entry, or undefined when it has the `["name@version", …]` shape. */
function malformedEntry(raw: unknown): string | undefined {
  if (!Array.isArray(raw)) return 'it is not a ["name@version", …] array';
  if (typeof raw[0] !== 'string') return 'its first item is not a "name@version" string';
  if (raw[0].indexOf('@', 1) === -1) return `its first item ${JSON.stringify(raw[0])} is not "name@version"`;
  return undefined;
}

interface ReadEntry {
  pkg: ExtractedPackage;
  info: Record<string, unknown> | undefined;
  workspacePath?: string;
}

const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** One `packages` entry; undefined for the root package and for entries bun would not read either. */
function readEntry(key: string, raw: unknown[], workspaces: Record<string, unknown>, text: string, index: LineIndex, loc: JsonPropertyLocation | undefined): ReadEntry | undefined {
  const ident = raw[0] as string;
  const at = ident.indexOf('@', 1);
  const name = ident.slice(0, at);
  const spec = ident.slice(at + 1);
  if (spec.startsWith('root:')) return undefined;
  const source = sourceOf(spec);
  const registry = source === 'registry';
  const info = objectAt(raw, registry ? 2 : 1);
  let version = registry ? spec : '';
  let workspacePath: string | undefined;
  if (source === 'workspace') {
    workspacePath = spec.slice('workspace:'.length);
    const declared = workspaces[workspacePath];
    if (isJsonObject(declared) && typeof declared.version === 'string') version = declared.version;
  }
  const usedAs = lastSegment(key);
  const pkg: ExtractedPackage = { id: key, ecosystem: 'npm', name, version, direct: false, groups: [], source, dependencies: [] };
  if (usedAs !== name) pkg.alias = usedAs;
  if (registry && typeof raw[3] === 'string' && raw[3] !== '') pkg.integrity = raw[3];
  if (registry && typeof raw[1] === 'string' && raw[1] !== '') pkg.resolved = raw[1];
  if (source === 'git' || source === 'url') pkg.resolved = spec;
  if (source === 'git') {
    const tag = typeof raw[2] === 'string' ? /-([0-9a-f]{7,40})$/i.exec(raw[2])?.[1] : undefined;
    const commit = commitOf(spec) ?? tag;
    if (commit) pkg.commit = commit.toLowerCase();
  }
  if (loc) {
    if (loc.keyEnd - loc.keyStart === key.length) pkg.nameRange = index.range(loc.keyEnd - usedAs.length, loc.keyEnd);
    // The resolution string is the array's first item: `["lodash@4.17.21", ...]`.
    const quote = text.indexOf('"', loc.valueStart);
    if (registry && quote !== -1 && quote < loc.valueEnd && text.startsWith(ident, quote + 1)) {
      pkg.versionRange = index.range(quote + 1 + at + 1, quote + 1 + ident.length);
    }
  }
  return { pkg, info, ...(workspacePath !== undefined ? { workspacePath } : {}) };
}

function sourceOf(spec: string): PackageSource {
  if (spec.startsWith('workspace:')) return 'workspace';
  if (spec.startsWith('link:')) return 'link';
  if (spec.startsWith('file:')) return 'path';
  if (spec.startsWith('github:') || isGitUrl(spec)) return 'git';
  if (/^https?:/.test(spec)) return 'url';
  return SEMVER.test(spec) ? 'registry' : 'url';
}

/** Edges of a package: its dependencies, optional dependencies and (installed) peers. */
function addEdges(edges: EdgeSet, from: string, info: Record<string, unknown> | undefined, resolve: (name: string) => string | undefined): void {
  if (!info) return;
  const optionalPeers = new Set(Array.isArray(info.optionalPeers) ? info.optionalPeers.filter((p): p is string => typeof p === 'string') : []);
  for (const [section, optional] of [['dependencies', false], ['optionalDependencies', true], ['peerDependencies', false]] as const) {
    const declared = info[section];
    if (!isJsonObject(declared)) continue;
    for (const name of Object.keys(declared)) {
      const id = resolve(name);
      if (id !== undefined) edges.add(from, id, optional || (section === 'peerDependencies' && optionalPeers.has(name)));
    }
  }
}

/**
 * Location keys are package names joined with `/`; scoped names keep their own `/`. The last name
 * starts after the last `/`, or after the one before it when that begins a scope (`a/@s/b` → `@s/b`).
 */
function lastSegmentStart(key: string): number {
  const slash = key.lastIndexOf('/');
  if (slash === -1) return 0;
  const before = key.lastIndexOf('/', slash - 1);
  return key.charCodeAt(before + 1) === 64 /* @ */ ? before + 1 : slash + 1;
}

function parentKey(key: string): string {
  const start = lastSegmentStart(key);
  return start === 0 ? '' : key.slice(0, start - 1);
}

function lastSegment(key: string): string {
  return key.slice(lastSegmentStart(key));
}

function objectAt(list: unknown[], i: number): Record<string, unknown> | undefined {
  const value = list[i];
  return isJsonObject(value) ? value : undefined;
}
