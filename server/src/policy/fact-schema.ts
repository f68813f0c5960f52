/**
 * THE list of facts a rule can see (docs/policy.md is written from it), with their CEL types. The
 * expression language checks names against it when a rule compiles, so a misspelt fact is an error
 * at its place in the policy file rather than a rule that silently never matches. Facts marked
 * `optional` are absent when unknown: test them with `has(pkg.license)` first.
 */
export type FactType = 'string' | 'bool' | 'int' | 'double' | 'list<string>' | 'map';

export interface FactField {
  type: FactType;
  optional?: boolean;
  description: string;
}

export const PACKAGE_FACTS = {
  ecosystem: { type: 'string', description: 'OSV ecosystem name: `npm`, `PyPI`, `Go`, `crates.io`, `Maven`, `RubyGems`, `Packagist`, `NuGet`, `Pub`, `Hex`' },
  name: { type: 'string', description: 'package name as the ecosystem normalises it (`@scope/name`, `group:artifact`)' },
  version: { type: 'string', description: 'the locked (or pinned) version' },
  purl: { type: 'string', description: 'package URL with version, e.g. `pkg:npm/lodash@4.17.21`' },
  direct: { type: 'bool', description: 'the project depends on it by name' },
  group: { type: 'string', description: '`prod`, `dev` or `optional`: `dev` when only development or test dependencies pull it in' },
  groups: { type: 'list<string>', description: 'the groups the lockfile records (`dev`, `optional`, `peer`, Go `indirect`, …)' },
  project: { type: 'string', description: 'the project (manifest name, else folder) that depends on it' },
  vulnerable: { type: 'bool', description: 'it has at least one known vulnerability' },
  license: { type: 'string', optional: true, description: 'SPDX licence expression, where the lockfile or fetched registry metadata says' },
  releaseAgeDays: { type: 'int', optional: true, description: 'whole days since the locked version was published (npm `time`, PyPI upload time)' },
  installScripts: { type: 'bool', optional: true, description: 'the version runs install scripts (package-lock `hasInstallScript`)' },
  previousInstallScripts: { type: 'bool', optional: true, description: 'the previously locked version ran install scripts' },
  newInstallScripts: { type: 'bool', optional: true, description: 'it runs install scripts and the previously locked version did not' },
  deprecated: { type: 'bool', optional: true, description: 'the registry marks this version deprecated' },
  deprecation: { type: 'string', optional: true, description: "the registry's deprecation message" },
  signature: { type: 'string', optional: true, description: 'registry signature: `verified`, `invalid`, `missing`, `unavailable`' },
  provenance: { type: 'string', optional: true, description: 'Sigstore provenance: `verified`, `invalid`, `none`, `unavailable`' },
  sourceRepository: { type: 'string', optional: true, description: 'the source repository a verified provenance names' },
} as const satisfies Record<string, FactField>;

export const VULNERABILITY_FACTS = {
  id: { type: 'string', description: 'the advisory id shown first (`GHSA-…`, `PYSEC-…`, `GO-…`, `MAL-…`)' },
  aliases: { type: 'list<string>', description: 'its other ids (`CVE-…`)' },
  ids: { type: 'list<string>', description: '`id` and `aliases` together' },
  severity: { type: 'string', description: '`critical`, `high`, `moderate`, `low` or `unknown` (docs/severity.md)' },
  severityRank: { type: 'int', description: '4 critical, 3 high, 2 moderate, 1 low, 0 unknown' },
  score: { type: 'double', optional: true, description: 'CVSS base score, when a vector gave one' },
  malicious: { type: 'bool', description: 'a malicious-package advisory (`MAL-…`)' },
  fixAvailable: { type: 'bool', description: 'a fixed version exists above the locked one' },
  fixed: { type: 'string', optional: true, description: 'the lowest fixed version above the locked one' },
  knownExploited: { type: 'bool', description: "one of its CVEs is in CISA's Known Exploited Vulnerabilities catalog" },
  kev: { type: 'map', optional: true, description: 'the KEV entry: `dateAdded`, `dueDate`, `knownRansomwareCampaignUse` (`Known`/`Unknown`)' },
  vexStatus: { type: 'string', description: 'what VEX says: `affected` (also when no statement applies), `not_affected`, `fixed`, `under_investigation`' },
  vexJustification: { type: 'string', optional: true, description: 'the `not_affected` justification' },
  suppressed: { type: 'bool', description: 'VEX suppresses it: not affected, fixed, or a risk accepted until a date not yet past' },
  riskAccepted: { type: 'bool', description: 'an accepted risk that has not expired' },
} as const satisfies Record<string, FactField>;

export const FACT_VARIABLES = { pkg: PACKAGE_FACTS, vuln: VULNERABILITY_FACTS } as const;
