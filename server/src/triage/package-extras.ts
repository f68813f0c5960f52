import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import type { EcosystemName } from '../core/package';
import type { PackageExtras } from '../policy/facts';

/** `ecosystem|name|version`: how extras are looked up for a locked package. */
export function extrasKey(ecosystem: EcosystemName, name: string, version: string): string {
  return `${ecosystem}|${name}|${version}`;
}

/** What one lockfile said about each package name: the versions it locked and whether they run install scripts. */
export type LockedScripts = ReadonlyMap<string, ReadonlyArray<{ version: string; installScripts?: boolean }>>;

/**
 * The facts a lockfile records beside the versions (package-lock v2+: `hasInstallScript`,
 * `license`), per locked package, for the policy (docs/policy.md). Where the lockfile does not say,
 * the fact stays absent.
 */
export function lockfileExtras(analysis: WorkspaceAnalysis): Map<string, PackageExtras> {
  const out = new Map<string, PackageExtras>();
  for (const unit of analysis.units) {
    for (const pkg of unit.unit.lockfile?.result.packages ?? []) {
      if (pkg.source !== 'registry' || !pkg.version || (pkg.installScripts === undefined && pkg.license === undefined)) continue;
      out.set(extrasKey(pkg.ecosystem, pkg.name, pkg.version), {
        ...(pkg.installScripts !== undefined ? { installScripts: pkg.installScripts } : {}),
        ...(pkg.license ? { license: pkg.license } : {}),
      });
    }
  }
  return out;
}

/** Install scripts per package name of one lockfile text, for comparing with the next one. */
export function lockedScripts(packages: Iterable<{ name: string; version: string; source: string; installScripts?: boolean }>): LockedScripts {
  const out = new Map<string, Array<{ version: string; installScripts?: boolean }>>();
  for (const pkg of packages) {
    if (pkg.source !== 'registry' || !pkg.version) continue;
    const list = out.get(pkg.name) ?? [];
    list.push({ version: pkg.version, ...(pkg.installScripts !== undefined ? { installScripts: pkg.installScripts } : {}) });
    out.set(pkg.name, list);
  }
  return out;
}

/**
 * Whether the version locked before ran install scripts: the same version's answer when it was
 * locked before too; another version's when the package moved (any of them, if several were
 * locked); `false` when the package was not locked at all (nothing ran for it before, so scripts
 * now are new). Undefined when the previous lockfile did not say.
 */
export function previousInstallScripts(previous: LockedScripts, name: string, version: string): boolean | undefined {
  const before = previous.get(name);
  if (!before) return false;
  const same = before.find((b) => b.version === version);
  if (same) return same.installScripts;
  if (before.every((b) => b.installScripts === undefined)) return undefined;
  return before.some((b) => b.installScripts === true);
}

export interface ExtrasSources {
  /** From the lockfiles of the scan (lockfileExtras). */
  locked?: ReadonlyMap<string, PackageExtras>;
  /** Publish time of each locked version, by extrasKey (release-times.ts). */
  published?: ReadonlyMap<string, string>;
  /** The previous text of each lockfile, by its path, where the caller saw one (the editor does). */
  previous?: ReadonlyMap<string, LockedScripts>;
}

/** The `extras` function the policy asks per locked package, or undefined when there is nothing to add. */
export function extrasFrom(sources: ExtrasSources): ((pkg: { ecosystem: EcosystemName; name: string; version: string }) => PackageExtras | undefined) | undefined {
  const { locked, published, previous } = sources;
  if (!locked?.size && !published?.size && !previous?.size) return undefined;
  const previousAll = previous?.size ? [...previous.values()] : [];
  return (pkg) => {
    const key = extrasKey(pkg.ecosystem, pkg.name, pkg.version);
    const base = locked?.get(key);
    const at = published?.get(key);
    let before: boolean | undefined;
    if (previousAll.length && base?.installScripts !== undefined) {
      for (const p of previousAll) {
        const answer = previousInstallScripts(p, pkg.name, pkg.version);
        // A package known to one previous lockfile and not another: the one that knew it decides.
        if (answer === true || (answer !== undefined && before === undefined)) before = answer;
      }
    }
    if (!base && !at && before === undefined) return undefined;
    return { ...base, ...(at ? { publishedAt: at } : {}), ...(before !== undefined ? { previousInstallScripts: before } : {}) };
  };
}
