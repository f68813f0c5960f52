import type { EcosystemName } from '../core/package';

/** purl types for OSV ecosystems (https://github.com/package-url/purl-spec). */
const PURL_TYPES: Record<EcosystemName, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  'crates.io': 'cargo',
  Maven: 'maven',
  RubyGems: 'gem',
  Packagist: 'composer',
  NuGet: 'nuget',
  Pub: 'pub',
  Hex: 'hex',
};

/**
 * Ecosystems whose registries treat names case-insensitively (and, for PyPI, treat `-`, `_`, `.` as
 * one): keys fold them so an advisory spelled `Django` is found for the engine's `django`.
 */
const FOLD_CASE = new Set<string>(['PyPI', 'Packagist', 'NuGet', 'Pub', 'Hex']);

/** Whether the store keys packages of this OSV ecosystem (the ones Chainsight scans). */
export function isKnownEcosystem(ecosystem: string): ecosystem is EcosystemName {
  return Object.prototype.hasOwnProperty.call(PURL_TYPES, ecosystem);
}

/**
 * The versionless package URL the store keys a package by: `pkg:npm/%40scope/name`, `pkg:pypi/django`,
 * `pkg:maven/org.apache/commons-text`, `pkg:golang/github.com/x/y`. Used for both the query side (names
 * from the engine) and the data side (names from advisories), so the two always meet.
 */
export function purlFor(ecosystem: EcosystemName, name: string): string {
  const type = PURL_TYPES[ecosystem];
  let normalised = name.trim();
  if (ecosystem === 'PyPI') normalised = normalised.toLowerCase().replace(/[-_.]+/g, '-');
  else if (FOLD_CASE.has(ecosystem)) normalised = normalised.toLowerCase();
  // Maven names are `group:artifact`; the purl puts the group in the namespace.
  const segments = ecosystem === 'Maven' ? normalised.split(':') : normalised.split('/');
  return `pkg:${type}/${segments.map(encodeSegment).join('/')}`;
}

/** Like the purl spec: percent-encode each segment, keeping characters that are safe in a path. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%3A/gi, ':');
}
