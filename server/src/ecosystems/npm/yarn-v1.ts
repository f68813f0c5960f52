import type { ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { syntaxError } from '../../core/syntax-error';
import { addReachGroups, EdgeSet } from './reachability-groups';
import { aliasTarget, commitOf, type Descriptor, splitDescriptor, v1Source, type YarnLockPackage } from './yarn-descriptors';
import { type V1Map, type V1Scalar, readYarnV1 } from './yarn-v1-syntax';
import { lockfileFailure, uniqueId } from './lockfile-result';
import { unusualTarballWarnings } from './registry-tarballs';

/**
 * yarn.lock v1. Entries are keyed by the descriptors that resolved to them; edges name descriptors
 * too (`lodash "^4.17.15"` → the entry keyed `lodash@^4.17.15`). The file records no project roots,
 * so `importers` stays undefined and the engine pairs manifests by name; `direct` marks the entries
 * nothing else depends on, which is what the file alone can tell.
 */
export function parseYarnV1(what: string, text: string): ParseResult {
  const read = readYarnV1(text);
  const index = new LineIndex(text);
  if (read.error) {
    return lockfileFailure(syntaxError(index, what, read.error.message, read.error.start, read.error.end));
  }

  const packages: YarnLockPackage[] = [];
  const byDescriptor = new Map<string, YarnLockPackage>();
  const pending: Array<{ pkg: YarnLockPackage; targets: Target[] }> = [];
  const ids = new Set<string>();
  const resolvedAt = new Map<YarnLockPackage, V1Scalar>();
  for (const entry of read.root.entries) {
    if (!entry.value || !('entries' in entry.value)) continue;
    const fields = readFields(entry.value);
    const descriptors: string[] = [];
    const parts: Descriptor[] = [];
    for (const key of entry.keys) {
      descriptors.push(key.value);
      parts.push(splitDescriptor(key.value));
    }
    const first = parts[0]!;
    const realName = aliasTarget(first.range)?.name ?? first.name;
    const version = fields.version;
    const resolved = fields.resolved?.value;
    const source = v1Source(realName, parts.map((d) => d.range), resolved);
    const pkg: YarnLockPackage = {
      id: uniqueId(ids, `${realName}@${version?.value ?? ''}`),
      ecosystem: 'npm',
      name: realName,
      version: version?.value ?? '',
      direct: false,
      groups: [],
      source,
      descriptors,
      dependencies: [],
    };
    const key = entry.keys[0]!;
    // Sub-ranges of a key are only exact when the key's text is its value (no escapes).
    if (key.end - key.start === key.value.length) pkg.nameRange = index.range(key.start, key.start + first.name.length);
    if (version) pkg.versionRange = index.range(version.start, version.end);
    for (const part of parts) {
      if (part.name !== realName) {
        pkg.alias = part.name;
        break;
      }
    }
    if (fields.integrity !== undefined) pkg.integrity = fields.integrity.value;
    if (resolved !== undefined) pkg.resolved = resolved;
    if (fields.resolved) resolvedAt.set(pkg, fields.resolved);
    if (source === 'git') {
      const commit = commitOf(resolved) ?? descriptors.map((d) => commitOf(d)).find((c) => c !== undefined);
      if (commit) pkg.commit = commit;
    }
    packages.push(pkg);
    for (const d of descriptors) if (!byDescriptor.has(d)) byDescriptor.set(d, pkg);
    pending.push({ pkg, targets: fields.targets });
  }

  const edges = new EdgeSet();
  const required = new Set<string>();
  for (const { pkg, targets } of pending) {
    for (const target of targets) {
      const child = byDescriptor.get(target.descriptor);
      if (!child) continue;
      edges.add(pkg.id, child.id, target.optional);
      required.add(child.id);
    }
    pkg.dependencies = edges.of(pkg.id);
  }
  for (const pkg of packages) pkg.direct = !required.has(pkg.id);
  const roots = packages.filter((p) => p.direct).map((p) => p.id);
  addReachGroups(packages, edges, { prod: roots, dev: [] }, { dev: false, optional: true });
  const warnings = unusualTarballWarnings(packages, (pkg) => {
    const at = resolvedAt.get(pkg as YarnLockPackage);
    return at ? index.range(at.start, at.end) : undefined;
  });
  return { kind: 'lockfile', packages, errors: warnings };
}

interface Target {
  descriptor: string;
  optional: boolean;
}

interface Fields {
  version?: V1Scalar;
  resolved?: V1Scalar;
  integrity?: V1Scalar;
  targets: Target[];
}

/** The fields of an entry that matter, in one pass over its lines. */
function readFields(map: V1Map): Fields {
  const fields: Fields = { targets: [] };
  for (const field of map.entries) {
    const key = field.keys[0]!.value;
    const value = field.value;
    if (value === null) continue;
    if ('entries' in value) {
      const optional = key === 'optionalDependencies';
      if (!optional && key !== 'dependencies') continue;
      for (const dep of value.entries) {
        const range = dep.value && !('entries' in dep.value) ? dep.value.value : '';
        fields.targets.push({ descriptor: `${dep.keys[0]!.value}@${range}`, optional });
      }
    } else if (key === 'version') fields.version = value;
    else if (key === 'resolved') fields.resolved = value;
    else if (key === 'integrity') fields.integrity = value;
  }
  return fields;
}
