import type { ExtractedPackage, ParseError, ParseResult } from '../../core/package';
import { LineIndex, type Range } from '../../core/text-range';
import { readManifestXml } from '../../core/xml-manifest';
import type { ParseContext } from '../types';
import { exactMavenVersion } from './maven-requirement';
import { readPomModel, type PomDependency, type PomModel } from './pom-model';
import { loadParentChain } from './pom-parents';
import { interpolate, propertyTable, valueDefinition, type PropertyTable } from './pom-properties';

/**
 * pom.xml → the project's declared dependencies, the way Maven builds the effective model:
 * parents found in the workspace contribute properties, managed versions and inherited
 * dependencies; `${...}` is interpolated; a dependency without `<version>` takes its managed one.
 * `<dependencyManagement>` entries themselves are not dependencies (nothing is on the classpath
 * because of them alone), nor are build-plugin dependencies. Profiles active by default count, as
 * in a plain `mvn` build (pom-model.ts); other profiles are conditional and do not.
 */
export function parsePomXml(path: string, text: string, context?: ParseContext): ParseResult {
  const index = new LineIndex(text);
  const doc = readManifestXml(text, index, { label: 'pom.xml', root: 'project', kind: 'a Maven POM' });
  if ('error' in doc) return { kind: 'manifest', packages: [], errors: [doc.error] };
  const self = readPomModel(text, doc.root);
  const chain = loadParentChain(path, self, index, context);
  const table = propertyTable(chain.models);
  const errors: ParseError[] = [...chain.warnings];
  const packages = effectiveDependencies(index, chain.models, table, errors);
  const groupId = self.groupId?.value ?? self.parent?.groupId?.value;
  const version = self.version?.value ?? self.parent?.version?.value;
  return {
    kind: 'manifest',
    packages,
    errors,
    project: {
      name: groupId && self.artifactId ? `${interpolate(groupId, table)}:${interpolate(self.artifactId.value, table)}` : undefined,
      version: version !== undefined ? interpolate(version, table) : undefined,
    },
    inputs: chain.inputs.length ? chain.inputs : undefined,
  };
}

interface Declared {
  dependency: PomDependency;
  /** Depth in the parent chain of the file that declares it (0: this file). */
  depth: number;
}

function effectiveDependencies(index: LineIndex, chain: PomModel[], table: PropertyTable, errors: ParseError[]): ExtractedPackage[] {
  const managed = managedByKey(chain, table);
  // Inherited first, so the child's own declaration of the same artifact replaces the parent's.
  const byKey = new Map<string, Declared>();
  for (let depth = chain.length - 1; depth >= 0; depth--) {
    for (const dependency of chain[depth]!.dependencies) {
      const groupId = interpolate(dependency.groupId?.value ?? '', table);
      const artifactId = interpolate(dependency.artifactId?.value ?? '', table);
      if (!groupId || !artifactId) {
        if (depth === 0) errors.push(warning(index, dependency, 'dependency without groupId or artifactId: Maven rejects it, Chainsight skips it'));
        continue;
      }
      const key = dependencyKey(groupId, artifactId, dependency, table);
      const earlier = byKey.get(key);
      // A profile's declaration overriding the project's is how profiles work, not a duplicate.
      if (depth === 0 && earlier?.depth === 0 && earlier.dependency.profile === dependency.profile) {
        errors.push(warning(index, dependency, `duplicate declaration of ${groupId}:${artifactId}: Maven uses the last one`));
      }
      byKey.delete(key); // re-insert so the package order follows the last declaration
      byKey.set(key, { dependency, depth });
    }
  }
  const packages: ExtractedPackage[] = [];
  const selfParent = chain[0]!.parent;
  for (const [key, { dependency, depth }] of byKey) {
    const name = key.split(':').slice(0, 2).join(':');
    const managedEntry = managed.get(key);
    const versionSource = dependency.version ? { entry: dependency, depth } : managedEntry;
    const pkg: ExtractedPackage = {
      id: `${depth === 0 ? 'dependencies' : 'inherited'}:${key}`,
      ecosystem: 'Maven',
      name,
      version: '',
      direct: true,
      groups: groups(dependency, managedEntry?.entry, table),
      source: 'registry',
    };
    if (depth === 0) {
      if (dependency.artifactId) pkg.nameRange = index.range(dependency.artifactId.start, dependency.artifactId.end);
    } else if (selfParent?.artifactId) {
      // Inherited: the only place in this file that brings it in is the <parent> reference.
      pkg.nameRange = index.range(selfParent.artifactId.start, selfParent.artifactId.end);
    }
    if (versionSource?.entry.version) {
      const written = versionSource.entry.version;
      const requirement = interpolate(written.value, table);
      pkg.requirement = requirement;
      pkg.version = exactMavenVersion(requirement) ?? '';
      if (versionSource.depth === 0) pkg.versionRange = versionRangeInFile(index, written, table);
    }
    packages.push(pkg);
  }
  return packages;
}

/** Where the version text a fix must change is: the `<properties>` entry it interpolates, if local. */
function versionRangeInFile(index: LineIndex, written: { value: string; start: number; end: number }, table: PropertyTable): Range {
  const def = valueDefinition(written.value, table);
  if (def && def.depth === 0 && def.start !== undefined && def.end !== undefined) return index.range(def.start, def.end);
  return index.range(written.start, written.end);
}

function managedByKey(chain: PomModel[], table: PropertyTable): Map<string, { entry: PomDependency; depth: number }> {
  const managed = new Map<string, { entry: PomDependency; depth: number }>();
  for (let depth = chain.length - 1; depth >= 0; depth--) {
    for (const entry of chain[depth]!.managed) {
      if (interpolate(entry.scope?.value ?? '', table) === 'import') continue; // a BOM: its contents are in a repository
      const groupId = interpolate(entry.groupId?.value ?? '', table);
      const artifactId = interpolate(entry.artifactId?.value ?? '', table);
      if (groupId && artifactId) managed.set(dependencyKey(groupId, artifactId, entry, table), { entry, depth });
    }
  }
  return managed;
}

/** Maven's identity of a dependency: groupId:artifactId:type:classifier (jar and no classifier by default). */
function dependencyKey(groupId: string, artifactId: string, dependency: PomDependency, table: PropertyTable): string {
  const type = interpolate(dependency.type?.value ?? '', table);
  const classifier = interpolate(dependency.classifier?.value ?? '', table);
  let key = `${groupId}:${artifactId}`;
  if ((type && type !== 'jar') || classifier) key += `:${type || 'jar'}`;
  if (classifier) key += `:${classifier}`;
  return key;
}

const SCOPE_GROUPS: Record<string, string> = { test: 'test', provided: 'provided', runtime: 'runtime', system: 'system' };

function groups(dependency: PomDependency, managedEntry: PomDependency | undefined, table: PropertyTable): string[] {
  const scope = interpolate((dependency.scope ?? managedEntry?.scope)?.value ?? '', table);
  const out: string[] = [];
  const group = SCOPE_GROUPS[scope];
  if (group) out.push(group);
  if (interpolate(dependency.optional?.value ?? '', table) === 'true') out.push('optional');
  return out;
}

function warning(index: LineIndex, dependency: PomDependency, message: string): ParseError {
  const el = dependency.element;
  return { message, range: index.range(el.start, el.startTagEnd), severity: 'warning' };
}
