import type { Digest } from '../documents/types';
import type { PackageKey } from './purls';

/**
 * Everything one origin (a document or a scan snapshot) teaches, before it is written: nodes by
 * their natural keys, facts between them. Built by pure functions (scan-facts.ts, document-facts.ts)
 * and written in one transaction (write-facts.ts).
 */
export interface FactBundle {
  origin: OriginFields;
  /** Every package the facts name, by canonical purl. */
  packages: Map<string, PackageKey>;
  deps: DepFact[];
  occurrences: OccurrenceFact[];
  sourceAt: Array<{ pkg: string; src: SourceRef }>;
  slsa: SlsaFact[];
  certVulns: CertVulnFact[];
  /** Pairs of ids that name the same issue. */
  vulnEquals: Array<[string, string]>;
  /** Summaries of vulnerabilities, by id (kept on the vulnerability node). */
  vulnSummaries: Map<string, string>;
  vex: VexFact[];
  meta: MetaFact[];
}

export type OriginKind = 'scan' | 'document';

export interface OriginFields {
  kind: OriginKind;
  digest?: string;
  fileName?: string;
  format?: string;
  docKind?: string;
  specVersion?: string;
  docId?: string;
  issuedAt?: string;
  author?: string;
  commit?: string;
  ref?: string;
  root?: string;
  dataSource?: string;
  dataTime?: number;
  tool?: string;
  subjectName?: string;
  subjectVersion?: string;
  /** purl of the subject (an SBOM's described component, a project's own package). */
  subjectPurl?: string;
  subjectArtifact?: string;
  verification?: string;
  verificationReason?: string;
  signer?: string;
}

/** rel: GUAC's DependencyType. 0 unknown, 1 direct (of `parent`, or of the subject when parent is ''), 2 indirect. */
export interface DepFact {
  pkg: string;
  parent: string;
  rel: 0 | 1 | 2;
  scope: string;
  declared: string;
}

export interface OccurrenceFact {
  /** `algorithm:digest` */
  artifact: string;
  pkg?: string;
  src?: SourceRef;
}

export interface SourceRef {
  type: string;
  namespace: string;
  name: string;
  tag: string;
  commit: string;
}

export interface SlsaFact {
  artifact: string;
  builder: string;
  source?: SourceRef;
  buildType: string;
  slsaVersion: string;
  invocation: string;
  startedOn: string;
  finishedOn: string;
  materials: Array<{ artifact: string; uri: string }>;
}

export interface CertVulnFact {
  pkg: string;
  vuln: string;
  severity: string;
  fixed: string;
}

/** A product or subcomponent: a package (purl, maybe versionless), an artifact, or another id. */
export interface VexRefFact {
  pkg?: string;
  artifact?: string;
  other?: string;
}

export interface VexFact {
  vuln: string;
  status: string;
  justification: string;
  impact: string;
  action: string;
  statedAt: string;
  sourceStatus: string;
  scopes: Array<{ product: VexRefFact; sub?: VexRefFact }>;
}

export interface MetaFact {
  pkg: string;
  key: string;
  value: string;
  reason: string;
}

export function emptyBundle(origin: OriginFields): FactBundle {
  return { origin, packages: new Map(), deps: [], occurrences: [], sourceAt: [], slsa: [], certVulns: [], vulnEquals: [], vulnSummaries: new Map(), vex: [], meta: [] };
}

/** `algorithm:digest`, lower case, algorithms spelt as GUAC does (`sha256`, not `SHA-256`). */
export function artifactKey(digest: Digest): string | undefined {
  const algorithm = digest.algorithm.toLowerCase().replace(/-/g, '');
  const value = digest.value.trim().toLowerCase();
  if (!/^[a-z0-9]+$/.test(algorithm) || !/^[0-9a-f]+$/.test(value)) return undefined;
  return `${algorithm}:${value}`;
}

/** The key a source node is stored under. */
export function sourceKey(src: SourceRef): string {
  return [src.type, src.namespace, src.name, src.tag, src.commit].join('|');
}

/** The canonical spelling of a vulnerability id, for matching (ids compare case-insensitively). */
export function vulnKey(id: string): string {
  return id.trim().toUpperCase();
}
