import type { ExtractedPackage, Importer, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { asObject, asString, readJsonObject } from '../../core/json-data';
import { duplicateWarnings } from '../../core/json-duplicate-keys';
import { locateJsonProperties } from '../../core/json-locations';
import { findKeysInOrder, locateEntriesInOrder } from '../../core/json-ordered-keys';

/**
 * packages.lock.json (NuGet lock file, versions 1 and 2): per target framework (and per runtime,
 * `net8.0/win-x64`), every package with its `type` — `Direct` (a PackageReference of this
 * project), `Transitive`, `CentralTransitive` (pinned by central package management) or `Project`
 * (a ProjectReference: workspace code, never matched) — `resolved`, `requested` (direct ones),
 * `contentHash` and `dependencies` (name → range). A package at the same version in several
 * frameworks is one package; edges resolve a dependency's name within the same framework.
 * Data comes from JSON.parse; positions from an ordered search of the keys JSON.parse gave, checked
 * at every hit, or from one scan of the text when that search meets anything unexpected.
 */
export function parsePackagesLockJson(_path: string, text: string): ParseResult {
  const doc = readJsonObject(text, 'packages.lock.json');
  if ('error' in doc) return { kind: 'lockfile', packages: [], errors: [doc.error] };
  const index = new LineIndex(text);
  const version = doc.data.version;
  if (version !== undefined && version !== 1 && version !== 2) {
    const at = locateJsonProperties(text, { version: true })[0]!;
    return failure(`unsupported packages.lock.json version ${JSON.stringify(version)}: Chainsight reads versions 1 and 2`, index.range(at.valueStart, at.valueEnd));
  }
  const frameworks = Object.entries(asObject(doc.data.dependencies) ?? {}).map(([name, packages]) => [name, asObject(packages) ?? {}] as const);
  // NuGet keeps the last of two equal keys; the ordered search would find the first, so a file
  // with duplicates is located by the full scan, where the last occurrence wins.
  const spans = locatePackages(text, frameworks, doc.duplicates.length === 0);
  const graph = new LockGraph(index);
  frameworks.forEach(([, packages], i) => graph.addFramework(packages, spans[i]!));
  const result = graph.result();
  result.errors.push(...duplicateWarnings(doc.duplicates, 'packages.lock.json', index));
  return result;
}

interface Span {
  start: number;
  end: number;
}

/** Where a package's key and its `resolved` value are. */
interface PackageSpans {
  key?: Span;
  resolved?: Span;
}

/** Per framework (in `frameworks`' order): package name → where its key and `resolved` are. */
function locatePackages(text: string, frameworks: ReadonlyArray<readonly [string, Record<string, unknown>]>, orderedSearch: boolean): Array<Map<string, PackageSpans>> {
  const top = orderedSearch ? findKeysInOrder(text, ['dependencies'], 0, true) : undefined;
  const found = top ? findKeysInOrder(text, frameworks.map(([name]) => name), top[0]!.valueStart, true) : undefined;
  if (found) {
    const fast = frameworks.map(([, packages], i) => {
      const names = Object.keys(packages);
      const resolved = names.map((name) => asString(asObject(packages[name])?.resolved));
      const entries = locateEntriesInOrder(text, names, resolved, 'resolved', found[i]!.valueStart, found[i + 1]?.keyStart ?? text.length, true);
      if (!entries) return undefined;
      return new Map(
        entries.map((at, j): [string, PackageSpans] => [
          names[j]!,
          { key: { start: at.keyStart, end: at.keyEnd }, ...(at.property ? { resolved: { start: at.property.valueStart, end: at.property.valueEnd } } : {}) },
        ]),
      );
    });
    if (fast.every((m) => m !== undefined)) return fast as Array<Map<string, PackageSpans>>;
  }
  const byFramework = new Map(frameworks.map(([name]) => [name, new Map<string, PackageSpans>()]));
  for (const loc of locateJsonProperties(text, { dependencies: { '*': { '*': { resolved: true } } } })) {
    const [, framework, name, field] = loc.path;
    const spans = byFramework.get(framework!);
    if (!spans || name === undefined) continue;
    // A repeated key starts a new slot: the last occurrence is the one NuGet reads.
    if (field === undefined) spans.set(name, { key: { start: loc.keyStart, end: loc.keyEnd } });
    else (spans.get(name) ?? spans.set(name, {}).get(name)!).resolved = { start: loc.valueStart, end: loc.valueEnd };
  }
  return frameworks.map(([name]) => byFramework.get(name)!);
}

interface Entry {
  pkg: ExtractedPackage;
  childIds: Set<string>;
}

class LockGraph {
  private readonly entries = new Map<string, Entry>();
  private readonly directIds: string[] = [];
  private readonly requirements: Record<string, string> = {};

  constructor(private readonly index: LineIndex) {}

  addFramework(framework: Record<string, unknown>, spans: ReadonlyMap<string, PackageSpans>): void {
    const local = new Map<string, string>(); // lower-case name → id, within this framework
    const pending: Array<{ id: string; deps: string[] }> = [];
    for (const [key, raw] of Object.entries(framework)) {
      const value = asObject(raw);
      const name = key.trim();
      const type = (asString(value?.type) ?? 'Transitive').toLowerCase();
      const resolved = asString(value?.resolved)?.trim() ?? '';
      const isProject = type === 'project';
      if (!value || !name || (!resolved && !isProject)) continue;
      const id = isProject ? `project:${name.toLowerCase()}` : `${name.toLowerCase()}@${resolved}`;
      local.set(name.toLowerCase(), id);
      const entry = this.entry(id, name, resolved, isProject, value, spans.get(key));
      if (type === 'direct' && !entry.pkg.direct) {
        entry.pkg.direct = true;
        this.directIds.push(id);
        const requested = asString(value.requested);
        if (requested !== undefined && !(name in this.requirements)) this.requirements[name] = requested;
      }
      pending.push({ id, deps: Object.keys(asObject(value.dependencies) ?? {}).map((d) => d.trim().toLowerCase()) });
    }
    for (const { id, deps } of pending) {
      const entry = this.entries.get(id)!;
      for (const dep of deps) {
        const childId = local.get(dep);
        if (childId && childId !== id) entry.childIds.add(childId);
      }
    }
  }

  private entry(id: string, name: string, resolved: string, isProject: boolean, value: Record<string, unknown>, at: PackageSpans | undefined): Entry {
    const existing = this.entries.get(id);
    if (existing) return existing;
    const pkg: ExtractedPackage = {
      id,
      ecosystem: 'NuGet',
      name,
      version: isProject ? '' : resolved,
      direct: false,
      groups: [],
      source: isProject ? 'workspace' : 'registry',
    };
    if (at?.key) pkg.nameRange = this.index.range(at.key.start, at.key.end);
    if (at?.resolved) pkg.versionRange = this.index.range(at.resolved.start, at.resolved.end);
    const contentHash = asString(value.contentHash);
    if (contentHash) pkg.integrity = `sha512-${contentHash}`;
    const entry: Entry = { pkg, childIds: new Set() };
    this.entries.set(id, entry);
    return entry;
  }

  result(): ParseResult {
    const packages: ExtractedPackage[] = [];
    for (const { pkg, childIds } of this.entries.values()) {
      pkg.dependencies = [...childIds];
      packages.push(pkg);
    }
    const importer: Importer = { path: '', dependencies: this.directIds, requirements: this.requirements };
    return { kind: 'lockfile', packages, errors: [], importers: [importer] };
  }
}

function failure(message: string, range: ReturnType<LineIndex['range']>): ParseResult {
  return { kind: 'lockfile', packages: [], errors: [{ message, range, severity: 'error' }] };
}
