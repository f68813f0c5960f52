import { compareText } from '../versions/scheme';
import type { Ecosystem } from '../ecosystems/types';
import type { VersionScheme } from '../versions/scheme';

/**
 * Whether `version` satisfies `range` as the ecosystem reads ranges (npm `^1.2`, PyPI `>=2,<3`, Maven
 * `[1.0,2.0)`, …). An exact pin compares by the version scheme (`1.0` = `1.0.0` where the ecosystem
 * says so). Where the ecosystem has no range syntax of its own (go.mod pins exact versions; Hex is not
 * read from manifests), plain comparators work: `>=1.2.0 <1.3.0`, `<2`, `=v1.2.1`, by its scheme.
 * Without an ecosystem only the same text matches.
 */
export function versionInRange(ecosystem: Ecosystem | undefined, version: string, range: string): boolean {
  const wanted = range.trim();
  if (wanted === '' || wanted === '*') return true;
  if (!version) return false;
  if (!ecosystem) return wanted === version;
  const exact = ecosystem.requirements?.exact(wanted) ?? (ecosystem.scheme.parse(wanted) !== undefined ? wanted : undefined);
  if (exact !== undefined) return exact === version || compareText(ecosystem.scheme, exact, version) === 0;
  const admits = ecosystem.requirements?.admits(wanted, { introduced: version, lastAffected: version });
  return admits ?? comparators(ecosystem.scheme, wanted, version) ?? false;
}

/** `>=a <b`, `>a, <=b`, `=a`: every comparator must hold; undefined when one cannot be read. */
function comparators(scheme: VersionScheme, range: string, version: string): boolean | undefined {
  const parts = range.replace(/([<>]=?|==?)\s+/g, '$1').split(/[\s,]+/).filter(Boolean);
  for (const part of parts) {
    const m = /^(>=|<=|>|<|==?)?(.+)$/.exec(part);
    const cmp = m ? compareText(scheme, version, m[2]!) : undefined;
    if (cmp === undefined) return undefined;
    const op = m![1] ?? '=';
    const ok = op === '>=' ? cmp >= 0 : op === '<=' ? cmp <= 0 : op === '>' ? cmp > 0 : op === '<' ? cmp < 0 : cmp === 0;
    if (!ok) return false;
  }
  return parts.length > 0 ? true : undefined;
}
