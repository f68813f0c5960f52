import { ECOSYSTEMS } from '../ecosystems';
import type { VersionScheme } from '../versions/scheme';

/**
 * Version constraints on a VEX product (`VexProductRef.versions`, from CycloneDX `affects[].versions`):
 * exact versions, or `vers:` ranges (purl-spec VERSION-RANGE-SPEC, e.g. `vers:npm/>=1.0.0|<2.0.0`).
 * A package is admitted when its version equals one of the exact versions or lies in one of the
 * ranges, compared with its ecosystem's own version order. A range whose scheme Chainsight has no
 * order for (`generic`, `deb`, …) or whose versions do not parse admits nothing: a statement nobody
 * can evaluate must not suppress a finding.
 */
export function versionsAdmit(versions: readonly string[], version: string | undefined, purlType: string): boolean {
  if (version === undefined) return false;
  for (const entry of versions) {
    if (!entry.startsWith('vers:')) {
      if (entry === version || sameVersion(entry, version, schemeFor(purlType))) return true;
      continue;
    }
    const slash = entry.indexOf('/');
    const scheme = slash === -1 ? undefined : schemeFor(entry.slice(5, slash).toLowerCase());
    if (scheme && versContains(entry.slice(slash + 1), version, scheme) === true) return true;
  }
  return false;
}

interface Constraint {
  comparator: '=' | '!=' | '<' | '<=' | '>' | '>=';
  version: unknown;
}

/**
 * The spec's containment check: any `=` match admits, any `!=` match refuses; what remains, sorted,
 * forms intervals: below the first `<`/`<=`, above the last `>`/`>=`, and between each `>`/`>=` and
 * the `<`/`<=` after it. Undefined when a version does not parse.
 */
export function versContains(constraints: string, version: string, scheme: VersionScheme): boolean | undefined {
  const tested = scheme.parse(version);
  if (tested === undefined) return undefined;
  const parts = constraints.split('|').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.includes('*')) return true;
  const parsed: Constraint[] = [];
  for (const part of parts) {
    const m = /^(!=|<=|>=|<|>|=)?\s*(.+)$/.exec(part);
    if (!m) return undefined;
    const v = scheme.parse(decodeURIComponent(m[2]!));
    if (v === undefined) return undefined;
    parsed.push({ comparator: (m[1] ?? '=') as Constraint['comparator'], version: v });
  }
  const cmp = (c: Constraint) => scheme.compare(tested, c.version);
  for (const c of parsed) {
    if (c.comparator === '=' && cmp(c) === 0) return true;
    if (c.comparator === '!=' && cmp(c) === 0) return false;
  }
  const bounds = parsed.filter((c) => c.comparator !== '=' && c.comparator !== '!=').sort((a, b) => scheme.compare(a.version, b.version));
  if (bounds.length === 0) return parsed.some((c) => c.comparator === '!=') && parsed.every((c) => c.comparator === '!=');
  const below = (c: Constraint) => (c.comparator === '<' ? cmp(c) < 0 : c.comparator === '<=' ? cmp(c) <= 0 : false);
  const above = (c: Constraint) => (c.comparator === '>' ? cmp(c) > 0 : c.comparator === '>=' ? cmp(c) >= 0 : false);
  if (below(bounds[0]!)) return true;
  if (above(bounds[bounds.length - 1]!)) return true;
  for (let i = 0; i + 1 < bounds.length; i++) if (above(bounds[i]!) && below(bounds[i + 1]!)) return true;
  return false;
}

function schemeFor(purlType: string): VersionScheme | undefined {
  return ECOSYSTEMS.find((e) => e.purlType === purlType)?.scheme;
}

function sameVersion(a: string, b: string, scheme: VersionScheme | undefined): boolean {
  if (!scheme) return false;
  const pa = scheme.parse(a);
  const pb = scheme.parse(b);
  return pa !== undefined && pb !== undefined && scheme.compare(pa, pb) === 0;
}
