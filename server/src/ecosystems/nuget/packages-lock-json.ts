import type { ExtractedPackage, Importer, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { asObject, asString, readJsonObject } from '../../core/json-data';
import { type JsonPropertyLocation, locateJsonProperties, locationsByPath, pathKey } from '../../core/json-locations';

/**
 * packages.lock.json (NuGet lock file, versions 1 and 2): per target framework (and per runtime,
 * `net8.0/win-x64`), every package with its `type` — `Direct` (a PackageReference of this
 * project), `Transitive`, `CentralTransitive` (pinned by central package management) or `Project`
 * (a ProjectReference: workspace code, never matched) — `resolved`, `requested` (direct ones),
 * `contentHash` and `dependencies` (name → range). A package at the same version in several
 * frameworks is one package; edges resolve a dependency's name within the same framework.
 * Data comes from JSON.parse, positions from one scan of the text.
 */
export function parsePackagesLockJson(_path: string, text: string): ParseResult {
  const doc = readJsonObject(text, 'packages.lock.json');
  if ('error' in doc) return { kind: 'lockfile', packages: [], errors: [doc.error] };
  const index = new LineIndex(text);
  const positions = locationsByPath(locateJsonProperties(text, { version: true, dependencies: { '*': { '*': { resolved: true } } } }));
  const version = doc.data.version;
  if (version !== undefined && version !== 1 && version !== 2) {
    const at = positions.get(pathKey('version'))!;
    return failure(`unsupported packages.lock.json version ${JSON.stringify(version)}: Chainsight reads versions 1 and 2`, index.range(at.valueStart, at.valueEnd));
  }
  const graph = new LockGraph(index);
  for (const [framework, packages] of Object.entries(asObject(doc.data.dependencies) ?? {})) {
    graph.addFramework(asObject(packages) ?? {}, (name, field) => positions.get(field ? pathKey('dependencies', framework, name, field) : pathKey('dependencies', framework, name)));
  }
  return graph.result();
}

type Locate = (name: string, field?: string) => JsonPropertyLocation | undefined;

interface Entry {
  pkg: ExtractedPackage;
  childIds: Set<string>;
}

class LockGraph {
  private readonly entries = new Map<string, Entry>();
  private readonly directIds: string[] = [];
  private readonly requirements: Record<string, string> = {};

  constructor(private readonly index: LineIndex) {}

  addFramework(framework: Record<string, unknown>, locate: Locate): void {
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
      const entry = this.entry(id, name, resolved, isProject, value, locate);
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

  private entry(id: string, name: string, resolved: string, isProject: boolean, value: Record<string, unknown>, locate: Locate): Entry {
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
    const keyAt = locate(name);
    if (keyAt) pkg.nameRange = this.index.range(keyAt.keyStart, keyAt.keyEnd);
    const resolvedAt = locate(name, 'resolved');
    if (resolvedAt) pkg.versionRange = this.index.range(resolvedAt.valueStart, resolvedAt.valueEnd);
    const contentHash = asString(value.contentHash);
    if (contentHash) pkg.integrity = `sha512-${contentHash}`;
    const entry: Entry = { pkg, childIds: new Set() };
    this.entries.set(id, entry);
    return entry;
  }

  result(): ParseResult {
    const packages = [...this.entries.values()].map(({ pkg, childIds }) => ({ ...pkg, dependencies: [...childIds] }));
    const importer: Importer = { path: '', dependencies: this.directIds, requirements: this.requirements };
    return { kind: 'lockfile', packages, errors: [], importers: [importer] };
  }
}

function failure(message: string, range: ReturnType<LineIndex['range']>): ParseResult {
  return { kind: 'lockfile', packages: [], errors: [{ message, range, severity: 'error' }] };
}
