import type { Importer, ParseError, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { syntaxError } from '../../core/syntax-error';
import { addReachGroups, EdgeSet } from './reachability-groups';
import { mapEntries, mapValue, readYaml, scalarValue, type YamlEntry, type YamlValue } from '../../core/yaml';
import { berrySource, commitOf, splitDescriptor, type YarnLockPackage } from './yarn-descriptors';
import { failedLockfile, lockfileFailure, uniqueId } from './lockfile-result';

/**
 * yarn.lock from yarn 2+ ("berry"): YAML, one entry per resolved package (`resolution:
 * "lodash@npm:4.17.21"`), keyed by every descriptor that resolved to it. Workspaces are entries too
 * (`app@workspace:packages/app`): they become importers, and every member except the root is also
 * returned as a `workspace` package so paths can run through it.
 */
export function parseYarnBerry(what: string, text: string): ParseResult {
  const read = readYaml(text);
  const index = new LineIndex(text);
  if (read.error) {
    return lockfileFailure(syntaxError(index, what, read.error.message, read.error.start, Math.max(read.error.end, read.error.start + 1)));
  }
  const root = read.documents.find((d) => d !== null) ?? null;
  if (root === null) return { kind: 'lockfile', packages: [], errors: [] };
  if (root.kind !== 'map') return failedLockfile(`could not read ${what}: the top level is not a mapping`, index.range(0, 1));

  const packages: YarnLockPackage[] = [];
  const byDescriptor = new Map<string, YarnLockPackage>();
  const pending: Array<{ pkg: YarnLockPackage | undefined; fields: YamlValue; importer?: Importer }> = [];
  const importers: Importer[] = [];
  const ids = new Set<string>();
  const errors: ParseError[] = [];
  for (const entry of root.entries) {
    if (entry.key === '__metadata' || entry.value?.kind !== 'map') continue;
    const keyDescriptors = descriptorsOf(entry);
    if (keyDescriptors.length === 0) continue;
    const fields = entry.value;
    const resolution = scalarValue(mapValue(fields, 'resolution')) ?? keyDescriptors[0]!.text;
    const resolved = splitDescriptor(resolution);
    const version = mapValue(fields, 'version');
    const fetched = berrySource(resolved.range);
    // As npm decides by the spec, not by where the tarball comes from: an entry whose every
    // descriptor asks the registry for a version is that registry package even when its resolution
    // fetches a URL (yarn installs it; only `--check-resolutions` objects), and the URL is a warning.
    const hijacked = (fetched === 'url' || fetched === 'git') && version?.kind === 'scalar' && PLAIN_VERSION.test(version.value) && keyDescriptors.every((d) => berrySource(splitDescriptor(d.text).range) === 'registry');
    const source = hijacked ? 'registry' : fetched;
    const importer = source === 'workspace' ? workspaceImporter(resolved.name, resolved.range) : undefined;
    if (importer) importers.push(importer);
    if (importer?.path === '') {
      // The project itself: a root of the graph, not one of its packages.
      pending.push({ pkg: undefined, fields, importer });
      continue;
    }
    const name = resolved.name;
    const first = keyDescriptors[0]!;
    const descriptors: string[] = [];
    const pkg: YarnLockPackage = {
      id: uniqueId(ids, resolution),
      ecosystem: 'npm',
      name,
      version: version?.kind === 'scalar' ? version.value : '',
      direct: false,
      groups: [],
      source,
      descriptors,
      dependencies: [],
    };
    if (first.nameRange) pkg.nameRange = index.range(first.nameRange[0], first.nameRange[1]);
    if (version?.kind === 'scalar') pkg.versionRange = index.range(version.start, version.end);
    for (const d of keyDescriptors) {
      descriptors.push(d.text);
      if (pkg.alias === undefined && d.name !== name) pkg.alias = d.name;
      if (!byDescriptor.has(d.text)) byDescriptor.set(d.text, pkg);
      const unbound = withoutBindings(d.text);
      if (unbound !== d.text && !byDescriptor.has(unbound)) byDescriptor.set(unbound, pkg);
    }
    if (source === 'git' || source === 'url' || hijacked) pkg.resolved = resolved.range;
    if (hijacked) {
      const at = mapValue(fields, 'resolution');
      // The URL inside `resolution: "name@<url>"`, when the value is written as read (no escapes).
      const exact = at?.kind === 'scalar' && at.end - at.start === resolution.length;
      const range = exact ? index.range(at.end - resolved.range.length, at.end) : (pkg.versionRange ?? pkg.nameRange);
      const message = `${name}@${pkg.version} is asked for from the registry (${keyDescriptors.map((d) => d.text).join(', ')}) but is fetched from ${resolved.range}: yarn installs whatever that serves under this name (yarn install --check-resolutions rejects it)`;
      if (range) errors.push({ message, range, severity: 'warning' });
    }
    if (source === 'git') {
      const commit = commitOf(resolved.range);
      if (commit) pkg.commit = commit;
    }
    packages.push(pkg);
    pending.push({ pkg, fields, ...(importer ? { importer } : {}) });
  }

  // The root project's edges go under '' (no package has that id), so the groups can start there.
  const edges = new EdgeSet();
  const required = new Set<string>();
  for (const { pkg, fields, importer } of pending) {
    const from = pkg ? pkg.id : '';
    const optional = optionalNames(fields);
    for (const dep of mapEntries(mapValue(fields, 'dependencies'))) {
      const range = scalarValue(dep.value);
      if (range === undefined) continue;
      const child = lookup(byDescriptor, dep.key, range);
      if (!child) continue;
      edges.add(from, child.id, optional.has(dep.key));
      required.add(child.id);
      // A workspace that depends on a package under another name (an alias) uses that name for it.
      if (importer && dep.key !== child.name && child.alias === undefined) child.alias = dep.key;
    }
    if (pkg) pkg.dependencies = edges.of(from);
    if (importer) importer.dependencies = [...edges.of(from)];
  }

  if (importers.length === 0) {
    // Older lockfiles written without workspace entries: the entries nothing depends on are the roots.
    for (const pkg of packages) pkg.direct = !required.has(pkg.id);
    addReachGroups(packages, edges, { prod: packages.filter((p) => p.direct).map((p) => p.id), dev: [] }, { dev: false, optional: true });
    return { kind: 'lockfile', packages, errors };
  }
  const direct = new Set(importers.flatMap((i) => i.dependencies));
  for (const pkg of packages) pkg.direct = direct.has(pkg.id);
  const members = importers.filter((i) => i.path !== '').map((i) => memberId(packages, i)).filter((id): id is string => id !== undefined);
  addReachGroups(packages, edges, { prod: ['', ...members], dev: [] }, { dev: false, optional: true });
  return { kind: 'lockfile', packages, errors, importers };
}

const PLAIN_VERSION = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/;

interface KeyDescriptor {
  text: string;
  name: string;
  /** Offsets of the descriptor's name in the file, when the key is written without escapes. */
  nameRange?: [number, number];
}

/** The descriptors of an entry key (`"a@npm:^1.0.0, a@npm:^1.2.0"`), with where each name sits. */
function descriptorsOf(entry: YamlEntry): KeyDescriptor[] {
  const exact = entry.keyEnd - entry.keyStart === entry.key.length;
  const one = (text: string, at: number): KeyDescriptor => {
    const name = splitDescriptor(text).name;
    return exact ? { text, name, nameRange: [at, at + name.length] } : { text, name };
  };
  // Most entries have one descriptor.
  if (!entry.key.includes(',')) {
    const text = entry.key.trim();
    return text ? [one(text, entry.keyStart + entry.key.indexOf(text))] : [];
  }
  const out: KeyDescriptor[] = [];
  let offset = 0;
  for (const part of entry.key.split(',')) {
    const text = part.trim();
    if (text) out.push(one(text, entry.keyStart + offset + (part.length - part.trimStart().length)));
    offset += part.length + 1;
  }
  return out;
}

/** Edges name descriptors; lockfiles before v6 leave out the default `npm:` protocol in them. */
function lookup(byDescriptor: Map<string, YarnLockPackage>, name: string, range: string): YarnLockPackage | undefined {
  const plain = `${name}@${range}`;
  return byDescriptor.get(plain) ?? byDescriptor.get(`${name}@npm:${range}`) ?? byDescriptor.get(withoutBindings(plain));
}

/** `file:` and `patch:` descriptors carry `::locator=...` bindings in keys but not always in edges. */
function withoutBindings(descriptor: string): string {
  const i = descriptor.indexOf('::');
  return i === -1 ? descriptor : descriptor.slice(0, i);
}

function optionalNames(fields: YamlValue): Set<string> {
  const out = new Set<string>();
  for (const meta of mapEntries(mapValue(fields, 'dependenciesMeta'))) {
    if (scalarValue(mapValue(meta.value, 'optional')) === 'true') out.add(splitDescriptor(meta.key).name);
  }
  return out;
}

function workspaceImporter(name: string, range: string): Importer {
  let path = range.slice('workspace:'.length).replace(/^\.\//, '').replace(/\/+$/, '');
  if (path === '.') path = '';
  return { path, name, dependencies: [] };
}

function memberId(packages: readonly YarnLockPackage[], importer: Importer): string | undefined {
  return packages.find((p) => p.source === 'workspace' && p.name === importer.name)?.id;
}
