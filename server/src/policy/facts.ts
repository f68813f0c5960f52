import type { Vulnerability } from '../core/findings';
import type { EcosystemName } from '../core/package';
import { SEVERITIES, type Severity } from '../core/severity';
import type { VexJustification, VexStatus } from '../documents/types';
import type { KevEntry } from '../kev/catalog';
import type { ProvenanceStatus, SignatureStatus } from '../provenance/types';
import type { VexMatch } from '../vex/types';

/** What a rule sees of a package (fact-schema.ts documents each). Optional facts are absent when unknown. */
export interface PackageFacts {
  ecosystem: EcosystemName;
  name: string;
  version: string;
  purl: string;
  direct: boolean;
  group: 'prod' | 'dev' | 'optional';
  groups: string[];
  project: string;
  vulnerable: boolean;
  license?: string;
  releaseAgeDays?: number;
  installScripts?: boolean;
  previousInstallScripts?: boolean;
  newInstallScripts?: boolean;
  deprecated?: boolean;
  deprecation?: string;
  signature?: SignatureStatus;
  provenance?: ProvenanceStatus;
  sourceRepository?: string;
}

export interface VulnerabilityFacts {
  id: string;
  aliases: string[];
  ids: string[];
  severity: Severity;
  severityRank: number;
  score?: number;
  malicious: boolean;
  fixAvailable: boolean;
  fixed?: string;
  knownExploited: boolean;
  kev?: { dateAdded: string; dueDate: string; knownRansomwareCampaignUse: string };
  vexStatus: VexStatus;
  vexJustification?: VexJustification;
  suppressed: boolean;
  riskAccepted: boolean;
}

/** The variables a condition is evaluated against: `vuln` only for vulnerability rules. */
export interface PolicyFacts {
  pkg: PackageFacts;
  vuln?: VulnerabilityFacts;
}

/**
 * Facts about a package that the scan itself does not know and the caller brings when it has them
 * (registry metadata already fetched, the provenance check, the previous lockfile). Times are ISO.
 */
export interface PackageExtras {
  license?: string;
  /** When the locked version was published. */
  publishedAt?: string;
  installScripts?: boolean;
  previousInstallScripts?: boolean;
  /** `true`, or the registry's deprecation message. */
  deprecated?: boolean | string;
  signature?: SignatureStatus;
  provenance?: ProvenanceStatus;
  sourceRepository?: string;
}

export interface PackageIdentity {
  ecosystem: EcosystemName;
  name: string;
  version: string;
  purl: string;
  direct: boolean;
  groups: readonly string[];
  project: string;
  vulnerable: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** 4 critical, 3 high, 2 moderate, 1 low, 0 unknown: severities as numbers rules can compare. */
export function severityRank(s: Severity): number {
  return s === 'unknown' ? 0 : SEVERITIES.length - 1 - SEVERITIES.indexOf(s);
}
const DEV_GROUPS = new Set(['dev', 'development', 'test', 'devonly']);
const NO_EXTRAS: PackageExtras = Object.freeze({});

function groupOf(groups: readonly string[]): PackageFacts['group'] {
  if (groups.length === 0) return 'prod';
  let optional = false;
  for (const g of groups) {
    // Parsers write groups in lower case; the lower-casing is for any that do not.
    const lower = DEV_GROUPS.has(g) || g === 'optional' ? g : g.toLowerCase();
    if (DEV_GROUPS.has(lower)) return 'dev';
    if (lower === 'optional') optional = true;
  }
  return optional ? 'optional' : 'prod';
}

/** `now` is the caller's clock: release age is measured against it. */
export function packageFacts(pkg: PackageIdentity, extras: PackageExtras = NO_EXTRAS, now: number = Date.now()): PackageFacts {
  const facts: PackageFacts = {
    ecosystem: pkg.ecosystem,
    name: pkg.name,
    version: pkg.version,
    purl: pkg.purl,
    direct: pkg.direct,
    group: groupOf(pkg.groups),
    groups: pkg.groups as string[],
    project: pkg.project,
    vulnerable: pkg.vulnerable,
  };
  // Most packages come without extras (every one of a lockfile is asked about): nothing more to do.
  if (extras === NO_EXTRAS) return facts;
  const published = extras.publishedAt ? Date.parse(extras.publishedAt) : NaN;
  if (extras.license) facts.license = extras.license;
  // A publish time in the future (clock skew) is age 0, never negative.
  if (!Number.isNaN(published)) facts.releaseAgeDays = Math.max(0, Math.floor((now - published) / DAY_MS));
  if (extras.installScripts !== undefined) facts.installScripts = extras.installScripts;
  if (extras.previousInstallScripts !== undefined) facts.previousInstallScripts = extras.previousInstallScripts;
  if (extras.installScripts !== undefined && extras.previousInstallScripts !== undefined) facts.newInstallScripts = extras.installScripts && !extras.previousInstallScripts;
  if (extras.deprecated !== undefined && extras.deprecated !== false) {
    facts.deprecated = true;
    if (typeof extras.deprecated === 'string' && extras.deprecated.trim()) facts.deprecation = extras.deprecated;
  } else if (extras.deprecated === false) facts.deprecated = false;
  if (extras.signature) facts.signature = extras.signature;
  if (extras.provenance) facts.provenance = extras.provenance;
  if (extras.sourceRepository) facts.sourceRepository = extras.sourceRepository;
  return facts;
}

export function vulnerabilityFacts(v: Vulnerability, vex: VexMatch = {}, kev?: KevEntry): VulnerabilityFacts {
  const decision = vex.decision;
  const facts: VulnerabilityFacts = {
    id: v.id,
    aliases: [...v.aliases],
    ids: [v.id, ...v.aliases],
    severity: v.severity,
    severityRank: severityRank(v.severity),
    malicious: v.malicious,
    fixAvailable: v.fixed !== undefined,
    knownExploited: kev !== undefined,
    vexStatus: decision?.status ?? 'affected',
    suppressed: decision?.suppressed ?? false,
    riskAccepted: decision?.acceptedUntil !== undefined && decision.expired !== true,
  };
  if (v.score !== undefined) facts.score = v.score;
  if (v.fixed !== undefined) facts.fixed = v.fixed;
  if (kev) facts.kev = { dateAdded: kev.dateAdded, dueDate: kev.dueDate, knownRansomwareCampaignUse: kev.knownRansomwareCampaignUse ?? 'Unknown' };
  if (decision?.justification) facts.vexJustification = decision.justification;
  return facts;
}
