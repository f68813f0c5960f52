import { PackageURL } from 'packageurl-js';
import type { EcosystemName } from '../core/package';
import { ECOSYSTEMS, ecosystemByName } from '../ecosystems';
import type { Ecosystem } from '../ecosystems/types';
import { purlFor } from '../osv/purl';

/** A package version as the graph keys it. */
export interface PackageKey {
  /** Canonical purl (packageurl-js), with version, qualifiers and subpath as given. */
  purl: string;
  /** Versionless and folded the way the ecosystem compares names: where versions of one package meet. */
  base: string;
  /** The name as users type it, lower case: `@babel/core`, `django`, `org.apache.commons:commons-text`. */
  nameKey: string;
  /** The name as shown. */
  name: string;
  version: string;
  type: string;
  namespace: string;
  qualifiers: Array<{ key: string; value: string }>;
  subpath: string;
  /** The Chainsight ecosystem of this purl type, when it is one. */
  ecosystem?: Ecosystem;
}

const byPurlType = new Map<string, Ecosystem>(ECOSYSTEMS.map((e) => [e.purlType, e]));

/** The ecosystem whose packages have this purl type (`npm`, `pypi`, `golang`, …). */
export function ecosystemOfPurlType(type: string): Ecosystem | undefined {
  return byPurlType.get(type);
}

/** Purl types whose names packageurl-js lower-cases (and, for pypi, folds `_` to `-`). */
const LOWER_CASED = new Set(['npm', 'pypi', 'composer', 'pub', 'hex', 'bitbucket', 'github']);
/** What the quick path accepts: `pkg:type/path@version#subpath`, no qualifiers, no escapes but npm's `%40` scope. */
const PLAIN = /^pkg:([a-z][a-z0-9.+-]*)\/((?:%40)?[A-Za-z0-9._~/:+-]+)(?:@([A-Za-z0-9._~:+-]+))?(?:#([A-Za-z0-9._~/-]+))?$/;

/**
 * Parses a purl (with or without version); undefined for text that is not one. Never throws. Purls
 * already in packageurl-js's canonical form (what the document readers and lockfiles produce) take a
 * quick path; anything else goes through packageurl-js (a test checks both agree).
 */
export function packageKey(purl: string): PackageKey | undefined {
  const text = purl.trim();
  return plainPackageKey(text) ?? parsedPackageKey(text);
}

function plainPackageKey(text: string): PackageKey | undefined {
  const m = PLAIN.exec(text);
  if (!m) return undefined;
  const [, type, path, version = '', subpath = ''] = m;
  if (LOWER_CASED.has(type!) && (path !== path!.toLowerCase() || (type === 'pypi' && path!.includes('_')))) return undefined;
  const segments = path!.split('/');
  const odd = (segment: string) => segment === '' || segment === '.' || segment === '..';
  if (segments.some(odd) || (subpath !== '' && subpath.split('/').some(odd))) return undefined;
  const bare = segments.pop()!;
  const namespace = segments.join('/').replace(/^%40/, '@');
  return keyOf(type!, namespace, bare, version, [], subpath, text);
}

function parsedPackageKey(text: string): PackageKey | undefined {
  let parsed: PackageURL;
  try {
    parsed = PackageURL.fromString(text);
  } catch {
    return undefined;
  }
  const qualifiers = Object.entries(parsed.qualifiers ?? {})
    .map(([key, value]) => ({ key, value: String(value) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyOf(parsed.type, parsed.namespace ?? '', parsed.name, parsed.version ?? '', qualifiers, parsed.subpath ?? '', parsed.toString());
}

function keyOf(type: string, namespace: string, bare: string, version: string, qualifiers: PackageKey['qualifiers'], subpath: string, canonical: string): PackageKey {
  const name = joinName(type, namespace, bare);
  const ecosystem = byPurlType.get(type);
  // In the canonical form `@`, `?` and `#` appear only as separators (they are encoded elsewhere).
  const base = baseOf(ecosystem, name, () => canonical.split(/[@?#]/, 1)[0]!);
  return { purl: canonical, base, nameKey: nameKeyOf(ecosystem, name), name, version, type, namespace, qualifiers, subpath, ...(ecosystem ? { ecosystem } : {}) };
}

/**
 * The key of a package Chainsight resolved itself (a lockfile entry), built without parsing: the
 * ecosystem's purl is canonical already (a test checks it against packageurl-js).
 */
export function packageKeyFor(ecosystemName: EcosystemName, name: string, version: string): PackageKey | undefined {
  const ecosystem = ecosystemByName(ecosystemName);
  if (!ecosystem || !name) return undefined;
  const purl = ecosystem.purl(name, version);
  const base = baseOf(ecosystem, name, () => '');
  const path = purl.slice(`pkg:${ecosystem.purlType}/`.length).split(/[@?#]/, 1)[0]!;
  const slash = path.lastIndexOf('/');
  const namespace = slash < 0 ? '' : decodeURIComponent(path.slice(0, slash));
  return { purl, base, nameKey: nameKeyOf(ecosystem, name), name, version, type: ecosystem.purlType, namespace, qualifiers: [], subpath: '', ecosystem };
}

/**
 * Where versions of one package meet: the store's versionless purl (names folded as the ecosystem
 * compares them), in lower case, since SBOM tools and lockfiles disagree on case where registries do
 * not care (Go module paths by purl-spec, NuGet, PyPI): `pkg:golang/github.com/BurntSushi/toml` and
 * `…/burntsushi/toml` are one package.
 */
function baseOf(ecosystem: Ecosystem | undefined, name: string, versionless: () => string): string {
  return (ecosystem ? purlFor(ecosystem.name, ecosystem.normalizeName(name)) : versionless()).toLowerCase();
}

/**
 * The lookup key for a bare name as a user types it: lower case, PyPI's separators folded. Names
 * of different ecosystems may share it; the purl base tells them apart.
 */
export function nameKeyOf(ecosystem: Ecosystem | undefined, name: string): string {
  const folded = ecosystem ? ecosystem.normalizeName(name) : name;
  return folded.toLowerCase();
}

/** A package without a purl (some SBOM entries): the purl spec's `generic` type. */
export function genericPackageKey(name: string, version: string | undefined): PackageKey | undefined {
  if (!name.trim()) return undefined;
  try {
    return packageKey(new PackageURL('generic', undefined, name.trim(), version?.trim() || undefined, undefined, undefined).toString());
  } catch {
    return undefined;
  }
}

/** How each ecosystem writes a full name: `@scope/name`, `group:artifact`, `github.com/x/y`. */
function joinName(type: string, namespace: string, name: string): string {
  if (!namespace) return name;
  return type === 'maven' ? `${namespace}:${name}` : `${namespace}/${name}`;
}
