import type { ExtractedPackage, PackageSource, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { isBranchConstraint } from './composer-constraint';
import { asObject, asString, readJsonObject } from '../../core/json-data';
import { duplicateWarnings } from '../../core/json-duplicate-keys';
import { isPlatformPackage } from './json-nodes';
import { locateJsonProperties } from '../../core/json-locations';
import { findKeysInOrder, findOnlyStringProperty, findStringProperty } from '../../core/json-ordered-keys';

const SECTIONS: ReadonlyArray<{ key: string; groups: string[] }> = [
  { key: 'packages', groups: [] },
  { key: 'packages-dev', groups: ['dev'] },
];

/**
 * composer.lock → every locked package (`packages-dev` in the dev group) with its `require`
 * edges. The lockfile records no roots (only a hash of composer.json), so `direct` stays false
 * and `importers` undefined: the engine takes the direct dependencies from composer.json.
 * A `path` dist is a local package; a branch version (`dev-main`) is a VCS checkout: neither is
 * matched against advisories. Data comes from JSON.parse; positions from a search for each package's
 * `"name"` and `"version"` in document order, checked at every hit, or from one scan of the text when
 * that search meets anything unexpected.
 */
export function parseComposerLock(_path: string, text: string): ParseResult {
  const doc = readJsonObject(text, 'composer.lock');
  if ('error' in doc) return { kind: 'lockfile', packages: [], errors: [doc.error] };
  const index = new LineIndex(text);
  const sections = SECTIONS.map((section) => ({ ...section, list: Array.isArray(doc.data[section.key]) ? (doc.data[section.key] as unknown[]) : [] }));
  // json_decode keeps the last of two equal keys; the ordered search would find the first, so a
  // file with duplicates is located by the full scan, where the last occurrence wins.
  const spans = locatePackages(text, sections, doc.duplicates.length === 0);
  const read: Array<{ pkg: ExtractedPackage; requires: string[] }> = [];
  const ids = new Set<string>();
  sections.forEach((section, s) => {
    section.list.forEach((item, i) => {
      const at = spans[s]![i];
      const pkg = readPackage(asObject(item), section.groups, index, ids, at?.name, at?.version);
      if (pkg) read.push(pkg);
    });
  });
  const idByName = new Map(read.map(({ pkg }) => [pkg.name, pkg.id]));
  for (const { pkg, requires } of read) {
    pkg.dependencies = [];
    for (const name of requires) {
      const id = idByName.get(name);
      if (id !== undefined) pkg.dependencies.push(id);
    }
  }
  return { kind: 'lockfile', packages: read.map((r) => r.pkg), errors: duplicateWarnings(doc.duplicates, 'composer.lock', index) };
}

interface Span {
  start: number;
  end: number;
}

interface PackageSpans {
  name?: Span;
  version?: Span;
}

/** Per section, per item: where the package's `name` and `version` values are. */
function locatePackages(text: string, sections: ReadonlyArray<{ key: string; list: readonly unknown[] }>, orderedSearch: boolean): PackageSpans[][] {
  const starts = sections.map((section) => findKeysInOrder(text, [section.key])?.[0]?.valueStart);
  const fast = sections.map((section, i) => {
    if (!orderedSearch) return undefined;
    const start = starts[i];
    if (section.list.length === 0) return [];
    if (start === undefined || text.charCodeAt(start) !== 91 /* [ */) return undefined;
    // A section ends, at the latest, where the other one starts.
    const end = Math.min(...starts.map((other) => (other !== undefined && other > start ? other : text.length)));
    return locateItemsInOrder(text, section.list, start, end);
  });
  if (fast.every((spans) => spans !== undefined)) return fast as PackageSpans[][];
  const entry = { name: true, version: true } as const;
  const out = sections.map(() => [] as PackageSpans[]);
  for (const loc of locateJsonProperties(text, { packages: { '*': entry }, 'packages-dev': { '*': entry } })) {
    const [key, item, field] = loc.path;
    const s = sections.findIndex((section) => section.key === key);
    // A repeated section replaces the earlier one, as json_decode reads it.
    if (item === undefined && s !== -1) out[s] = [];
    const spans = out[s];
    if (!spans || field === undefined) continue;
    const slot = (spans[Number(item)] ??= {});
    slot[field as keyof PackageSpans] = { start: loc.valueStart, end: loc.valueEnd };
  }
  return out;
}

/**
 * Each item's `"name": "<its name>"`, searched in order within [from, until), then its
 * `"version": "<its version>"` before the next item's name. Undefined when one is not found, or
 * when either pair appears twice before the next item's name (a nested object, an author say,
 * repeating it): then the full scanner decides.
 */
function locateItemsInOrder(text: string, list: readonly unknown[], from: number, until: number): PackageSpans[] | undefined {
  const spans: PackageSpans[] = [];
  let cursor = from;
  for (const item of list) {
    const name = asString(asObject(item)?.name);
    const at = name === undefined ? undefined : findStringProperty(text, 'name', name, cursor, until);
    if (name !== undefined && !at) return undefined;
    spans.push(at ? { name: { start: at.valueStart, end: at.valueEnd } } : {});
    if (at) cursor = at.valueEnd;
  }
  let next = until; // where the next named item's name starts
  for (let i = list.length - 1; i >= 0; i--) {
    const slot = spans[i]!;
    if (!slot.name) continue;
    const item = asObject(list[i])!;
    if (findStringProperty(text, 'name', item.name as string, slot.name.end, next)) return undefined;
    const version = asString(item.version);
    if (version !== undefined) {
      const at = findOnlyStringProperty(text, 'version', version, slot.name.end, next);
      if (!at) return undefined;
      slot.version = { start: at.valueStart, end: at.valueEnd };
    }
    next = slot.name.start;
  }
  return spans;
}

function readPackage(
  entry: Record<string, unknown> | undefined,
  groups: string[],
  index: LineIndex,
  ids: Set<string>,
  nameAt: Span | undefined,
  versionAt: Span | undefined,
): { pkg: ExtractedPackage; requires: string[] } | undefined {
  const rawName = asString(entry?.name);
  const version = asString(entry?.version);
  if (!entry || !rawName || !version) return undefined;
  const name = rawName.trim().toLowerCase();
  if (name === '' || version === '') return undefined;
  let id = name;
  for (let n = 2; ids.has(id); n++) id = `${name}#${n}`;
  ids.add(id);
  const source = asObject(entry.source);
  const dist = asObject(entry.dist);
  const pkg: ExtractedPackage = {
    id,
    ecosystem: 'Packagist',
    name,
    version,
    direct: false,
    groups,
    source: packageSource(version, dist),
  };
  if (nameAt) pkg.nameRange = index.range(nameAt.start, nameAt.end);
  if (versionAt) pkg.versionRange = index.range(versionAt.start, versionAt.end);
  const reference = asString(source?.reference) ?? asString(dist?.reference);
  if (reference && /^[0-9a-f]{40}$/i.test(reference)) pkg.commit = reference;
  const resolved = asString(dist?.url) ?? asString(source?.url);
  if (resolved) pkg.resolved = resolved;
  const shasum = asString(dist?.shasum);
  if (shasum && /^[0-9a-f]{40}$/i.test(shasum)) pkg.integrity = `sha1-${Buffer.from(shasum, 'hex').toString('base64')}`;
  const requires = Object.keys(asObject(entry.require) ?? {})
    .map((n) => n.trim().toLowerCase())
    .filter((n) => !isPlatformPackage(n));
  return { pkg, requires };
}

function packageSource(version: string, dist: Record<string, unknown> | undefined): PackageSource {
  if (asString(dist?.type) === 'path') return 'path';
  return isBranchConstraint(version) ? 'git' : 'registry';
}
