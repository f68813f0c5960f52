/**
 * What VEX matching takes and gives (docs/vex.md): statements with where they came from, package
 * instances of a scan with their dependency paths, and per (package, vulnerability) the decision a
 * statement makes. Plain data.
 */
import type { EcosystemName } from '../core/package';
import type { Range } from '../core/text-range';
import type { DocumentOrigin, VexJustification, VexStatement, VexStatus } from '../documents/types';

/** Where a statement was read: a VEX file of the workspace (or given to the CLI), or a document in the store. */
export type VexStatementSource = { kind: 'file'; path: string } | { kind: 'document'; origin: DocumentOrigin };

export interface SourcedStatement {
  statement: VexStatement;
  source: VexStatementSource;
}

/** The identifiers a project answers to in a statement's product: its own purl, without and with version. */
export interface ProjectIdentity {
  name: string;
  /** The first one is what Chainsight writes as the product (version-less, so it survives releases). */
  purls: string[];
}

/** One way the package is reached: from a project, through a direct dependency, down to the package. */
export interface VexPath {
  project: ProjectIdentity;
  /** purls with versions from the direct dependency down to the package itself (both included). */
  purls: string[];
}

/** One package instance of a scan, as VEX matching sees it. */
export interface VexSubject {
  /** Stable within a scan: `<file>#<package id>`. */
  key: string;
  ecosystem: EcosystemName;
  name: string;
  version: string;
  /** With version. */
  purl: string;
  /** At least one path (a path with no purls when the graph does not say how the package is reached). */
  paths: VexPath[];
}

/**
 * How far a statement's product reaches, from narrowest to broadest:
 * `path`: product = a package on the dependency path, subcomponent = this package (that path only);
 * `project-dependency`: product = the project, subcomponent = this package;
 * `dependency`: product = this package itself (wherever it is used);
 * `project`: product = the project, no subcomponents (every package with the vulnerability).
 */
export type VexScope = 'path' | 'project-dependency' | 'dependency' | 'project';

export const SCOPE_RANK: Readonly<Record<VexScope, number>> = { path: 4, 'project-dependency': 3, dependency: 2, project: 1 };

/** What the user sees about a statement that applies: the hover, the reports' `vex` field. */
export interface VexDecision {
  /** The status that counts: an expired acceptance is `affected` again. */
  status: VexStatus;
  justification?: VexJustification;
  /** The statement's words: its impact statement, else its action statement. */
  statement?: string;
  source: { file?: string; document?: string; range?: Range };
  author?: string;
  timestamp?: string;
  scope: VexScope;
  /** The finding leaves the gate and the Problems panel: not_affected, fixed, or a risk accepted until a date not yet past. */
  suppressed: boolean;
  /** An accepted risk: status `affected` with an expiry (docs/vex.md). */
  acceptedUntil?: string;
  /** The acceptance is past its date: the finding is back, and the statement gets a diagnostic. */
  expired?: boolean;
  /** The advisory was modified after the statement was made: someone should look again. */
  review?: { modified: string };
  /** The statement itself, for the diagnostics on it and for lint. */
  matched: SourcedStatement;
}

export interface VexMatch {
  /** The decision for the finding as a whole; undefined when no statement covers every path. */
  decision?: VexDecision;
  /** Present when a statement narrowed to a path was involved: the decision on each path. */
  byPath?: Array<{ path: VexPath; decision?: VexDecision }>;
}
