import { basename } from 'node:path';
import type { ExtractedPackage, OverrideDeclaration } from '../core/package';
import { compareText } from '../versions/scheme';
import type { DependencyFile } from './dependency-file';

export interface Staleness {
  /** Manifest dependencies the lockfile does not reflect, with the reason. */
  byPackage: Map<ExtractedPackage, string>;
  /** Dependencies the lockfile records that the manifest no longer declares. */
  removed: string[];
  /** Overrides the lockfile does not honour yet: the locked versions will change on the next install. */
  overrides: Array<{ declaration: OverrideDeclaration; message: string }>;
  /**
   * Where the resolver keeps one version per package: packages (normalised names) the manifest
   * requires directly at versions the lockfile does not hold yet. The next install moves them for
   * every dependent, as an override would.
   */
  replaced: Set<string>;
}

/**
 * Whether a lockfile still reflects its manifest. Where the lockfile records the project's declared
 * requirements (package-lock v2+, pnpm, bun, ...), they must match the manifest's text exactly, as
 * the package manager itself checks; otherwise the locked version must satisfy the requirement.
 */
export function staleness(manifest: DependencyFile, lockfile: DependencyFile, importerPath: string, mapping: Map<ExtractedPackage, string | undefined>): Staleness {
  const lockName = basename(lockfile.path);
  const byPackage = new Map<ExtractedPackage, string>();
  const removed: string[] = [];
  const importer = lockfile.result.importers?.find((i) => i.path === importerPath);
  const recorded = importer?.requirements;
  const ecosystem = lockfile.parser.ecosystem;
  const declared = new Set<string>();
  for (const pkg of manifest.result.packages) {
    const key = pkg.alias ?? pkg.name;
    declared.add(key);
    if (pkg.requirement === undefined) continue;
    if (recorded) {
      const locked = recorded[key];
      if (locked === undefined) byPackage.set(pkg, `${lockName} is out of date: ${key} is not in it`);
      else if (locked !== pkg.requirement && !ecosystem.requirements?.equivalent?.(locked, pkg.requirement) && !pinsLockedVersion(pkg, mapping, lockfile)) byPackage.set(pkg, `${lockName} is out of date: it records ${key}@${locked}, not ${pkg.requirement}`);
      continue;
    }
    if (pkg.source !== 'registry') continue;
    const id = mapping.get(pkg);
    const entry = id ? lockfile.result.packages.find((p) => p.id === id) : undefined;
    if (!entry) {
      byPackage.set(pkg, `${lockName} is out of date: ${key} is not in it`);
      continue;
    }
    if (entry.version && ecosystem.requirements?.admits(pkg.requirement, { introduced: entry.version, lastAffected: entry.version }) === false) {
      byPackage.set(pkg, `${lockName} is out of date: it locks ${key}@${entry.version}, which ${pkg.requirement} does not allow`);
    }
  }
  if (recorded) for (const key of Object.keys(recorded)) if (!declared.has(key)) removed.push(key);

  const overrides: Staleness['overrides'] = [];
  for (const declaration of manifest.result.project?.overrides ?? []) {
    if (!declaration.appliesTo.includes(lockfile.parser.kind.parser)) continue;
    // An override the locked version does not satisfy, or a conflict it does satisfy, moves it.
    const behind = lockfile.result.packages.filter((p) => p.name === declaration.name && p.version && ecosystem.requirements?.admits(declaration.requirement, { introduced: p.version, lastAffected: p.version }) === !!declaration.excludes);
    if (behind.length === 0) continue;
    const versions = [...new Set(behind.map((p) => p.version))].join(', ');
    const why = declaration.excludes ? `the conflict ${declaration.requirement} excludes` : `the override ${declaration.requirement} replaces`;
    overrides.push({ declaration, message: `${lockName} is out of date: it still locks ${declaration.name}@${versions}, which ${why}` });
  }
  return { byPackage, removed, overrides, replaced: replacedByRequirements(manifest, lockfile) };
}

function replacedByRequirements(manifest: DependencyFile, lockfile: DependencyFile): Set<string> {
  const ecosystem = lockfile.parser.ecosystem;
  const replaced = new Set<string>();
  const admits = ecosystem.requirements?.admits;
  if (!ecosystem.oneVersionPerPackage || !admits) return replaced;
  const locked = new Map<string, string[]>();
  for (const p of lockfile.result.packages) {
    if (!p.version) continue;
    const name = ecosystem.normalizeName(p.name);
    const versions = locked.get(name);
    if (versions) versions.push(p.version);
    else locked.set(name, [p.version]);
  }
  for (const pkg of manifest.result.packages) {
    if (pkg.requirement === undefined || pkg.source !== 'registry') continue;
    const name = ecosystem.normalizeName(pkg.name);
    const requirement = pkg.requirement;
    if (locked.get(name)?.some((version) => admits(requirement, { introduced: version, lastAffected: version }) === false)) replaced.add(name);
  }
  return replaced;
}

/**
 * Package managers record a requirement in their own normal form (NuGet writes `[3.14.0, )` for
 * `Version="3.14.0"`), so different text is not always a different requirement. A requirement that
 * pins exactly the version the lockfile holds for it resolves to that version again: not stale.
 */
function pinsLockedVersion(pkg: ExtractedPackage, mapping: Map<ExtractedPackage, string | undefined>, lockfile: DependencyFile): boolean {
  const id = mapping.get(pkg);
  const entry = id ? lockfile.result.packages.find((p) => p.id === id) : undefined;
  const pinned = pkg.requirement ? lockfile.parser.ecosystem.requirements?.exact(pkg.requirement) : undefined;
  return !!entry?.version && pinned !== undefined && compareText(lockfile.parser.ecosystem.scheme, pinned, entry.version) === 0;
}
