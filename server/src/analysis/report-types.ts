import type { Finding, FileLocation, Vulnerability } from '../core/findings';
import type { EcosystemName, ExtractedPackage, ParseError } from '../core/package';
import type { Range } from '../core/text-range';

/** A vulnerable package that a dependency pulls in, with the names on the way down. */
export interface TransitiveFinding {
  finding: Finding;
  /** Names from the dependency itself down to the vulnerable package. */
  path: string[];
}

/** Without a lockfile: a declared range that admits versions some advisory affects. */
export interface RangeNote {
  vulnerability: Vulnerability;
  /** The affected interval the range admits, in words. */
  interval: string;
}

/** Everything Chainsight knows about one dependency entry in one file. */
export interface DependencyReport {
  file: string;
  pkg: ExtractedPackage;
  /** For a manifest dependency: the lockfile entry it resolves to. */
  resolved?: { file: string; pkg: ExtractedPackage };
  /** Vulnerabilities of the package itself (its resolved version). */
  own?: Finding;
  /** Vulnerable packages in its subtree. */
  transitive: TransitiveFinding[];
  notes: RangeNote[];
  /** Why the lockfile no longer matches this declaration, when it does not. */
  stale?: string;
  /**
   * What could not be compared with advisory ranges, so was not checked, in words: the version itself
   * or an advisory's bounds. Matching never guesses an order; this says where it declined to.
   */
  unordered?: string[];
  /** For a lockfile entry: the manifest declarations of the direct dependencies that pull it in. */
  pulledInBy: FileLocation[];
}

export interface FileReport {
  path: string;
  parser: string;
  ecosystem: EcosystemName;
  kind: 'manifest' | 'lockfile';
  errors: ParseError[];
  dependencies: DependencyReport[];
  /** The project name shown at the start of dependency paths (`my-app > express > qs`). */
  project: string;
  /** For a manifest: the lockfile that resolves it, and its parser. */
  lockfile?: { path: string; parser: string };
  /** Packages the lockfile records for this project that the manifest no longer declares. */
  staleRemoved?: string[];
  /** Overrides declared here that the lockfile does not reflect yet. */
  staleOverrides?: Array<{ range: Range; message: string }>;
}
