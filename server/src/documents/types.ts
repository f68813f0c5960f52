/**
 * Supply-chain documents as Chainsight reads them: SBOMs (CycloneDX, SPDX), VEX (OpenVEX, CycloneDX
 * analysis, CSAF), and attestations (in-toto statements, Sigstore bundles with SLSA provenance), each
 * normalised to one shape per kind whatever its format. The store ingests these (docs/store.md), and
 * triage matches findings against the VEX statements (docs/vex.md). Plain data: no I/O, no positions
 * beyond the ranges errors and statements carry for diagnostics.
 */
import type { ParseError } from '../core/package';
import type { Range } from '../core/text-range';

export type DocumentFormat = 'cyclonedx' | 'spdx' | 'openvex' | 'csaf' | 'in-toto' | 'sigstore-bundle';

/** Where a fact came from: the document as read, and its own identity where it has one. */
export interface DocumentOrigin {
  /** `sha256:<hex>` of the bytes as read: the same document read twice is the same origin. */
  digest: string;
  fileName: string;
  format: DocumentFormat;
  /** The format's version (`1.6`, `SPDX-2.3`, `0.2.0`, `2.0`, a predicate type for statements). */
  specVersion?: string;
  /** The document's own id: CycloneDX serialNumber, SPDX documentNamespace, OpenVEX `@id`, CSAF tracking id. */
  id?: string;
  /** When the document says it was made. */
  issuedAt?: string;
  /** Who made it, as it says (tool, organisation or person). */
  author?: string;
}

export interface Digest {
  /** Lower-case algorithm as GUAC spells it: `sha256`, `sha512`, `sha1`, `md5`, … */
  algorithm: string;
  /** Lower-case hex. */
  value: string;
}

/** One package (component) a document names. */
export interface DocumentPackage {
  /** The document's reference for it (CycloneDX `bom-ref`, SPDX `SPDXID`), unique in the document. */
  ref: string;
  name: string;
  version?: string;
  /** Canonical purl with version (packageurl-js), when the document gives or implies one. */
  purl?: string;
  digests: Digest[];
  /** SPDX licence expression, when stated. */
  license?: string;
  /** Where its source lives (VCS URL), when stated. */
  sourceUrl?: string;
}

export interface SbomDocument {
  kind: 'sbom';
  origin: DocumentOrigin;
  /** What the SBOM describes (CycloneDX `metadata.component`, SPDX `documentDescribes`), when it says. */
  subject?: DocumentPackage;
  packages: DocumentPackage[];
  /** Dependency edges by `ref`; an edge from the subject is a direct dependency. */
  dependencies: Array<{ from: string; to: string }>;
  /** VEX carried inside the SBOM (CycloneDX `vulnerabilities[].analysis`). */
  vex: VexStatement[];
}

/** OpenVEX's four statuses; every format is mapped onto them (docs/vex.md has the tables). */
export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

/** OpenVEX's five justifications for `not_affected`. */
export type VexJustification =
  | 'component_not_present'
  | 'vulnerable_code_not_present'
  | 'vulnerable_code_not_in_execute_path'
  | 'vulnerable_code_cannot_be_controlled_by_adversary'
  | 'inline_mitigations_already_exist';

export const VEX_JUSTIFICATIONS: readonly VexJustification[] = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
];

/** A product or subcomponent a statement names: a purl (with or without version) or another identifier. */
export interface VexProductRef {
  purl?: string;
  /** Any other identifier (a CPE, an OCI digest URI, a CSAF product id that maps to no purl). */
  id?: string;
  digests?: Digest[];
  /**
   * Only these versions of what `purl`/`id` names: exact versions, or `vers:` ranges
   * (purl-spec VERSION-RANGE-SPEC). CycloneDX VEX narrows products this way (`affects[].versions`)
   * where no versioned purl can say it: a range, or a product named only by a BOM-Link. Absent: the
   * product as named. (Added for CycloneDX; exact versions of a purl become versioned purls instead.)
   */
  versions?: string[];
}

export interface VexProduct extends VexProductRef {
  /** OpenVEX subcomponents: the statement is about these inside the product. */
  subcomponents: VexProductRef[];
}

export interface VexStatement {
  /** The vulnerability as named, and every alias the document gives for it. */
  vulnerability: { id: string; aliases: string[] };
  products: VexProduct[];
  status: VexStatus;
  justification?: VexJustification;
  /** Why not affected, in words (`impact_statement`, CycloneDX `detail`, CSAF threat details). */
  impactStatement?: string;
  /** What to do when affected (`action_statement`, CycloneDX `response`, CSAF remediations). */
  actionStatement?: string;
  /** The statement's time, else the document's. */
  timestamp?: string;
  /** The statement's author, else the document's. */
  author?: string;
  /**
   * Chainsight's accepted risk: a status `affected` statement accepted until this date (`YYYY-MM-DD`,
   * through the end of that day UTC) or time. From OpenVEX `chainsight:expires` (docs/vex.md).
   */
  expires?: string;
  /** The format's own words before mapping (`exploitable`, `known_not_affected`, `code_not_reachable`, …). */
  sourceStatus?: string;
  sourceJustification?: string;
  /** Where the statement is in its file, for diagnostics on it. */
  range?: Range;
}

export interface VexDocument {
  kind: 'vex';
  origin: DocumentOrigin;
  statements: VexStatement[];
}

/** Facts of a SLSA provenance predicate (v0.2 or v1). */
export interface SlsaFacts {
  buildType?: string;
  builderId?: string;
  sourceRepository?: string;
  commit?: string;
  ref?: string;
  /** e.g. `.github/workflows/release.yml` */
  workflowPath?: string;
  invocationUrl?: string;
  /** What the build consumed (resolvedDependencies / materials). */
  materials: Array<{ uri: string; digests: Digest[] }>;
}

export interface AttestationDocument {
  kind: 'attestation';
  origin: DocumentOrigin;
  /**
   * `verified`: a Sigstore bundle that verified against the trusted root, subjects as stated.
   * `unverified`: a bare statement or envelope with nothing to check it against (stored and shown as such).
   * `invalid`: a bundle that failed verification.
   */
  verification: { status: 'verified' | 'unverified' | 'invalid'; reason: string; signer?: { identity?: string; issuer?: string } };
  predicateType: string;
  subjects: Array<{ name: string; digests: Digest[] }>;
  slsa?: SlsaFacts;
}

export type SupplyChainDocument = SbomDocument | VexDocument | AttestationDocument;

/** A document read, or why not: errors carry their position in the file. Nothing partial on error. */
export type DocumentReadResult = { ok: true; document: SupplyChainDocument; warnings: ParseError[] } | { ok: false; errors: ParseError[] };
