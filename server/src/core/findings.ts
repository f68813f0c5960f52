import type { EcosystemName } from './package';
import type { Severity } from './severity';
import type { Range } from './text-range';

/** A place in a file, 0-based. */
export interface FileLocation {
  file: string;
  range: Range;
}

/**
 * One issue as the user should see it: records that describe the same issue (GHSA ↔ CVE ↔ PYSEC ↔
 * GO ↔ RUSTSEC aliases) are grouped, so it appears once.
 */
export interface Vulnerability {
  /** The id shown first; the others are in `aliases`. */
  id: string;
  aliases: string[];
  severity: Severity;
  score?: number;
  vector?: string;
  cvssVersion?: string;
  summary: string;
  details?: string;
  published?: string;
  modified?: string;
  /** The lowest fixed version above the installed one, when there is one. */
  fixed?: string;
  /** Affected ranges for this package, in words (`>=4.0.0, <4.17.21`). */
  affected: string[];
  references: Array<{ type: string; url: string }>;
  malicious: boolean;
  /** Ids of the OSV records grouped here. */
  records: string[];
}

/** The smallest upgrade that leaves a package with no known vulnerability. */
export interface FixSuggestion {
  version: string;
  /** Crosses a major version (SemVer-style), so it may break callers. */
  major: boolean;
  /** How many of the package's current vulnerabilities it fixes (all, by construction). */
  fixes: number;
}

/** One vulnerable package instance: a lockfile entry, or a manifest pin when there is no lockfile. */
export interface Finding {
  ecosystem: EcosystemName;
  name: string;
  version: string;
  purl: string;
  direct: boolean;
  /** Package names from a direct dependency down to this package; one shortest path per direct dependency. */
  paths: string[][];
  /** Where the package is recorded: the lockfile entry, and the manifest line for direct dependencies. */
  locations: FileLocation[];
  vulnerabilities: Vulnerability[];
  severity: Severity;
  fix?: FixSuggestion;
  /** The file and package id the finding belongs to (lockfile, or manifest without lockfile). */
  file: string;
  packageId: string;
}
