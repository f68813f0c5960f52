/**
 * pnpm's dependency paths: how a package is keyed in `packages:` / `snapshots:` and how an edge
 * (`name: ref`) names its target, per lockfile generation:
 *
 *   5.x  `/lodash/4.17.21`, `/react-dom/17.0.2_react@17.0.2` (peers after `_`), `/@scope/a/1.0.0`
 *   6.x  `/lodash@4.17.21`, `/react-dom@17.0.2(react@17.0.2)` (peers in parentheses)
 *   9.x  `lodash@4.17.21` in `packages:`, with peers (`react-dom@17.0.2(react@17.0.2)`) in `snapshots:`
 *
 * Non-registry packages are keyed by where they come from (`file:../a`, `github.com/o/r/<sha>`,
 * `name@https://codeload...`) and carry `name:` / `version:` fields instead.
 */
export type PnpmSyntax = 5 | 6 | 9;

export interface RegistryKey {
  name: string;
  version: string;
  /** Offsets of the name and the version inside the key. */
  nameAt: number;
  versionAt: number;
}

const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** The lockfile generation, from `lockfileVersion` (or from the layout when it is missing). */
export function syntaxFor(lockfileVersion: string | undefined, hasSnapshots: boolean, sampleKey: string | undefined): PnpmSyntax {
  if (hasSnapshots) return 9;
  const major = lockfileVersion === undefined ? NaN : Number.parseFloat(lockfileVersion);
  if (!Number.isNaN(major)) return major >= 9 ? 9 : major >= 6 ? 6 : 5;
  if (sampleKey !== undefined && /^\/(@[^/]+\/)?[^/@]+@/.test(sampleKey)) return 6;
  return sampleKey !== undefined && !sampleKey.startsWith('/') && /^(@[^/]+\/)?[^/@]+@/.test(sampleKey) ? 9 : 5;
}

/** Keys that are no dependency path at all (not even a non-registry one): reported, then skipped. */
export function isDependencyPath(key: string, syntax: PnpmSyntax): boolean {
  if (key.includes('/') || key.includes(':')) return true;
  return syntax !== 5 && key.indexOf('@', 1) > 0;
}

/** Name and version of a registry dependency path; undefined for other keys. */
export function parseRegistryKey(key: string, syntax: PnpmSyntax): RegistryKey | undefined {
  let offset = key.startsWith('/') ? 1 : 0;
  let rest = key.slice(offset);
  // Older lockfiles prefix packages from another registry with its host: `registry.example.com/foo/1.0.0`.
  const slash = rest.indexOf('/');
  if (offset === 0 && slash > 0 && !rest.startsWith('@') && rest.slice(0, slash).includes('.') && !rest.slice(0, slash).includes('@')) {
    offset += slash + 1;
    rest = rest.slice(slash + 1);
  }
  if (syntax === 5) {
    const segments = rest.split('/');
    const scoped = segments[0]!.startsWith('@');
    if (segments.length !== (scoped ? 3 : 2)) return undefined;
    const name = scoped ? `${segments[0]}/${segments[1]}` : segments[0]!;
    const versionSegment = segments[scoped ? 2 : 1]!;
    const underscore = versionSegment.indexOf('_');
    const version = underscore === -1 ? versionSegment : versionSegment.slice(0, underscore);
    if (!SEMVER.test(version) || name.includes(':')) return undefined;
    return { name, version, nameAt: offset, versionAt: offset + name.length + 1 };
  }
  const paren = rest.indexOf('(');
  const base = paren === -1 ? rest : rest.slice(0, paren);
  const at = base.indexOf('@', 1);
  if (at === -1) return undefined;
  const name = base.slice(0, at);
  const version = base.slice(at + 1);
  if (!SEMVER.test(version) || name.includes(':') || (name.includes('/') && !name.startsWith('@'))) return undefined;
  return { name, version, nameAt: offset, versionAt: offset + at + 1 };
}

/**
 * The key an edge `name: ref` points at (a `packages:` key for 5.x/6.x, a `snapshots:` key for
 * 9.x); undefined for `link:` refs, which point at a workspace folder rather than a package.
 */
export function keyForRef(name: string, ref: string, syntax: PnpmSyntax): string | undefined {
  if (ref === '' || ref.startsWith('link:')) return undefined;
  const paren = ref.indexOf('(');
  const base = paren === -1 ? ref : ref.slice(0, paren);
  if (syntax === 5) return ref.startsWith('/') || ref.includes('/') || ref.includes(':') ? ref : `/${name}/${ref}`;
  if (syntax === 6) return ref.startsWith('/') || base.includes('/') || base.includes(':') ? ref : `/${name}@${ref}`;
  if (base.includes(':')) {
    // `file:../a`, `https://...` — unless it is an alias to a non-registry target (`real@file:../a`).
    const at = base.indexOf('@', 1);
    return at > 0 && !base.slice(0, at).includes(':') ? ref : `${name}@${ref}`;
  }
  return base.indexOf('@', 1) > 0 ? ref : `${name}@${ref}`;
}

/** A 9.x snapshot key without its peer suffix: the `packages:` key that holds its metadata. */
export function packageKeyOfSnapshot(key: string): string {
  const paren = key.indexOf('(');
  return paren === -1 ? key : key.slice(0, paren);
}

/** The name in a 9.x non-registry key (`ansi-regex@https://codeload...`, `a@file:../a`); its metadata often has no `name:`. */
export function nameOfSourceKey(key: string): { name: string; at: number } | undefined {
  const at = key.indexOf('@', 1);
  if (at === -1) return undefined;
  const name = key.slice(0, at);
  if (name.includes(':') || (name.includes('/') && !/^@[^/]+\/[^/]+$/.test(name))) return undefined;
  return { name, at: 0 };
}
