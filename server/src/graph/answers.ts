/**
 * The answers of the graph's questions: one shape for the engine functions, the CLI's `--format json`
 * and (later) the language server's requests. `schemaVersion` changes only when a field changes
 * meaning or goes away; new fields may appear in any version.
 */
export interface Answer<Q, R> {
  schemaVersion: 1;
  query: Q;
  results: R[];
}

/** Where a fact came from, and when Chainsight learned it. */
export interface Evidence {
  kind: 'scan' | 'document';
  /** Scan: `project@commit` (or the project's name when not in git). Document: its `sha256:` digest. */
  ref: string;
  /** ISO time the store learned it. */
  at: string;
  /** Document: its file name. */
  name?: string;
  /** Document: `cyclonedx`, `spdx`, `openvex`, `csaf`, `in-toto`, `sigstore-bundle`. */
  format?: string;
}

/** What contains a package: a project snapshot, an SBOM's subject, or an attested artifact. */
export interface Subject {
  kind: 'project' | 'sbom' | 'artifact';
  name: string;
  /** Project snapshots: the commit recorded (absent outside git). */
  commit?: string;
  /** SBOM or artifact: the subject's digest (`sha256:…`), when known. */
  digest?: string;
  /** Subject version, when it has one (an SBOM's component version). */
  version?: string;
}

export interface PackageRef {
  purl: string;
  name: string;
  /** '' for a dependency declared with a range and no lockfile. */
  version: string;
}

export interface WhoUsesResult {
  subject: Subject;
  package: PackageRef;
  /** Declared by the subject itself (not only pulled in). */
  direct: boolean;
  /** Dependency groups (`dev`, `optional`, …); empty for the default group. */
  scope: string[];
  /** The range the manifest declares, for direct dependencies. */
  declared?: string;
  /** Package names from a direct dependency down to this one (one shortest path). */
  paths: string[][];
  evidence: Evidence[];
}

export interface VexVerdict {
  status: 'not_affected' | 'affected' | 'fixed' | 'under_investigation';
  justification?: string;
  statement?: string;
  evidence: Evidence;
}

export interface VulnResult {
  subject: Subject;
  package: PackageRef;
  vulnerability: { id: string; aliases: string[]; severity?: string; summary?: string; fixed?: string };
  /** The VEX statement that applies (most specific, then latest), when there is one. */
  vex?: VexVerdict;
  /** Affected after VEX: not `not_affected` or `fixed`. */
  open: boolean;
  evidence: Evidence[];
}

export interface ProvenanceVerdict {
  status: string;
  reason: string;
  evidence: Evidence;
}

export interface ProvenanceResult {
  package: PackageRef;
  /** `verified` when a signature or provenance verified, `invalid` when one failed, else `missing`. */
  status: 'verified' | 'invalid' | 'missing';
  signature?: ProvenanceVerdict;
  provenance?: ProvenanceVerdict;
  /** SLSA provenance from ingested attestations about one of its artifacts. */
  attestations: Array<{ builder: string; buildType: string; source?: string; verification: string; evidence: Evidence }>;
  /** How many current subjects contain it. */
  usedBy: number;
}

export interface ProjectFinding {
  package: PackageRef;
  vulnerability: VulnResult['vulnerability'];
  vex?: VexVerdict;
  open: boolean;
}

export interface ProjectResult {
  subject: Subject;
  packages: Array<PackageRef & { direct: boolean; scope: string[]; declared?: string }>;
  /** Findings after VEX: open ones first. */
  findings: ProjectFinding[];
  provenance: { packages: number; verified: number; invalid: number; missing: number };
  evidence: Evidence[];
  /** Other recorded snapshots of the project, newest first. */
  history: Array<{ commit?: string; at: string; open: number }>;
}

export interface DiffResult {
  project: string;
  from: { commit?: string; at: string };
  to: { commit?: string; at: string };
  added: PackageRef[];
  removed: PackageRef[];
  changed: Array<{ name: string; purl: string; from: string; to: string }>;
  opened: ProjectFinding[];
  closed: ProjectFinding[];
}
