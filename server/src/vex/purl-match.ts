import { PackageURL } from 'packageurl-js';

/** A purl taken apart once, in the normal form packageurl-js gives (type-specific name rules applied). */
export interface ParsedPurl {
  /** The purl type, lower case (`npm`, `maven`, `golang`, …). */
  type: string;
  /** `type/namespace/name`, the identity without version, qualifiers or subpath. */
  key: string;
  version?: string;
  qualifiers: ReadonlyMap<string, string>;
  subpath?: string;
}

/**
 * purl comparison as VEX matching needs it (OpenVEX, and what Trivy and go-vex do): the statement's
 * purl names a package by type, namespace and name; a purl without a version matches every version;
 * qualifiers and subpath narrow it, so each one the statement gives must be present and equal in the
 * package's purl, while qualifiers the statement leaves out match anything.
 *
 * Parsing (packageurl-js, which applies each type's normalisation) is the costly part, ~10 µs a purl,
 * and the same purls come back in every scan: a cache keeps the parsed forms, bounded so a long
 * editor session that sees many lockfile versions does not grow without limit. An instance belongs
 * to its owner (a VexIndex); nothing is shared between owners.
 */
export class PurlCache {
  // Two generations instead of a least-recently-used list: a hit is one Map lookup, with no
  // reordering, and what was not used since the last turnover is dropped in one go.
  private recent = new Map<string, ParsedPurl | null>();
  private older = new Map<string, ParsedPurl | null>();

  constructor(private readonly maxEntries = 50_000) {}

  parse(text: string): ParsedPurl | undefined {
    let hit = this.recent.get(text);
    if (hit === undefined) {
      hit = this.older.get(text);
      if (hit === undefined) hit = parsePurl(text) ?? null;
      this.remember(text, hit);
    }
    return hit ?? undefined;
  }

  private remember(text: string, parsed: ParsedPurl | null): void {
    if (this.recent.size >= this.maxEntries / 2) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(text, parsed);
  }
}

/** How precisely a matching purl names its package: a version, then each qualifier, narrows it. */
export function purlPrecision(purl: ParsedPurl): number {
  return (purl.version !== undefined ? 100 : 0) + purl.qualifiers.size + (purl.subpath !== undefined ? 1 : 0);
}

export function purlCovers(pattern: ParsedPurl, target: ParsedPurl): boolean {
  if (pattern.key !== target.key) return false;
  if (pattern.version !== undefined && pattern.version !== target.version) return false;
  if (pattern.subpath !== undefined && pattern.subpath !== target.subpath) return false;
  for (const [key, value] of pattern.qualifiers) if ((target.qualifiers.get(key) ?? DEFAULT_QUALIFIERS[target.type]?.[key]) !== value) return false;
  return true;
}

/**
 * Qualifier values a purl has when it does not say (purl-spec PURL-TYPES): a Maven package is a jar
 * unless told otherwise, so a statement about `…?type=jar` (CycloneDX tools write it) is about the
 * `pkg:maven/…` a lockfile gives.
 */
const DEFAULT_QUALIFIERS: Readonly<Record<string, Readonly<Record<string, string>>>> = { maven: { type: 'jar' } };

/** Undefined for anything that is not a purl (a CPE, an OCI digest URI, a CSAF product id). */
export function parsePurl(text: string): ParsedPurl | undefined {
  if (!text.startsWith('pkg:')) return undefined;
  let purl: PackageURL;
  try {
    purl = PackageURL.fromString(text.trim());
  } catch {
    return undefined;
  }
  const type = purl.type.toLowerCase();
  const qualifiers = new Map<string, string>();
  for (const [key, value] of Object.entries(purl.qualifiers ?? {})) qualifiers.set(key.toLowerCase(), value);
  return {
    type,
    key: [type, purl.namespace, purl.name].filter((s): s is string => s !== undefined && s !== '').join('/'),
    ...(purl.version ? { version: purl.version } : {}),
    qualifiers,
    ...(purl.subpath ? { subpath: purl.subpath } : {}),
  };
}
