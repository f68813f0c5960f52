import type { Range } from './text-range';

/** OSV ecosystem names: the one spelling used everywhere in the engine, CLI output and store. */
export type EcosystemName = 'npm' | 'PyPI' | 'Go' | 'crates.io' | 'Maven' | 'RubyGems' | 'Packagist' | 'NuGet' | 'Pub' | 'Hex';

/**
 * Where a package comes from. Only `registry` packages are matched against advisories: a git
 * checkout or a local folder that shares a registry name is a different piece of code.
 */
export type PackageSource = 'registry' | 'git' | 'path' | 'link' | 'workspace' | 'url';

/** One dependency as a manifest or lockfile records it. Plain data: parsers are pure. */
export interface ExtractedPackage {
  /**
   * Unique within its file, and the key for `dependencies` edges. Lockfiles use their own key
   * (`node_modules/a/node_modules/b` in package-lock v2); manifests use `<group>:<name>`.
   */
  id: string;
  ecosystem: EcosystemName;
  /** Normalised per ecosystem (PEP 503 for PyPI, `group:artifact` for Maven, ...). */
  name: string;
  /** The exact resolved version; '' when the file only declares a requirement. */
  version: string;
  /** The requirement as written in a manifest, e.g. `^4.17.15` or `>=2,<3`. */
  requirement?: string;
  /** True when a project (or workspace member) depends on it by name. */
  direct: boolean;
  /** Dependency groups: `dev`, `optional`, `peer`, `test`, ...; empty for the default group. */
  groups: string[];
  source: PackageSource;
  /** Range of the version token (the requirement in a manifest), quotes excluded. */
  versionRange?: Range;
  /** Range of the name token where the file has one. */
  nameRange?: Range;
  /** Ids (in the same file) of the packages this one depends on, where the format records them. */
  dependencies?: string[];
  /** Lockfile integrity, e.g. `sha512-...`. */
  integrity?: string;
  /**
   * The files the lockfile pins for this version, each with its hash: PyPI distributions
   * (`name` = file name where the lockfile records one, `hash` = `sha256:<hex>`), Go's go.sum lines
   * (`name` undefined for the module zip, `/go.mod` for its go.mod; `hash` = `h1:<base64>`).
   * Provenance checks compare these with what the registry or the checksum database vouches for.
   */
  artifacts?: LockedArtifact[];
  /** Where the package manager fetched it from (tarball URL, git URL, path). */
  resolved?: string;
  /** Commit for git dependencies. */
  commit?: string;
  /**
   * The package runs install scripts (package-lock v2+ `hasInstallScript`); absent where the format
   * does not say. A policy fact (docs/policy.md).
   */
  installScripts?: boolean;
  /** The SPDX licence expression the lockfile records (package-lock v2+ `license`), where it does. */
  license?: string;
  /** For an alias (`"foo": "npm:bar@1"`), the name the project uses for it. */
  alias?: string;
  /**
   * The requirements this entry resolves, as the lockfile keys them (yarn's `name@range`
   * descriptors): lets a manifest requirement find its entry exactly when the lockfile records no
   * roots.
   */
  descriptors?: string[];
}

/** One file a lockfile pins, by name (when recorded) and hash. */
export interface LockedArtifact {
  name?: string;
  /** `<algorithm>:<digest>` as the ecosystem writes it (`sha256:<hex>`, Go's `h1:<base64>`). */
  hash: string;
}

/**
 * A root of the dependency graph: the project at the lockfile's folder (path '') or a workspace
 * member (its folder relative to the lockfile, with '/' separators).
 */
export interface Importer {
  path: string;
  name?: string;
  /** Ids of this project's direct dependencies. */
  dependencies: string[];
  /**
   * The requirements the lockfile recorded for this project (name → requirement), where the format
   * keeps them: comparing them with the manifest tells a stale lockfile from a fresh one without
   * running the package manager.
   */
  requirements?: Record<string, string>;
}

/** A problem in the file, at the place where it is. */
export interface ParseError {
  message: string;
  range: Range;
  /** `error` stops extraction; `warning` (e.g. an include that cannot be read) does not. */
  severity?: 'error' | 'warning';
}

export interface ParseResult {
  kind: 'manifest' | 'lockfile';
  packages: ExtractedPackage[];
  errors: ParseError[];
  /** Graph roots, where the format records them (lockfiles). */
  importers?: Importer[];
  /** For manifests: the project's own name, version and workspace members. */
  project?: ProjectInfo;
  /** Other files the parser read through its context (includes, parent POMs), absolute paths. */
  inputs?: string[];
}

export interface ProjectInfo {
  name?: string;
  version?: string;
  /** Workspace member globs declared by a root manifest. */
  workspaces?: string[];
  /** Versions the manifest forces on transitive packages (npm `overrides`, yarn `resolutions`, ...). */
  overrides?: OverrideDeclaration[];
  /** Lockfile parsers the project declares it uses (package.json `packageManager`), tried first. */
  preferredLockfiles?: string[];
}

export interface OverrideDeclaration {
  /** The package the override applies to (normalised). */
  name: string;
  requirement: string;
  range: Range;
  /** Lockfile parsers whose package manager honours this declaration. */
  appliesTo: readonly string[];
  /** The requirement names the versions to keep out (Composer `conflict`), not the ones to use. */
  excludes?: boolean;
}

/** `ecosystem:name` — the key used for advisory look-ups. */
export function packageKey(ecosystem: EcosystemName, name: string): string {
  return `${ecosystem}:${name}`;
}
