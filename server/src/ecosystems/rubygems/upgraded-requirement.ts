import { compareText } from '../../versions/scheme';
import { rubygemsScheme } from '../../versions/rubygems';
import { parseGemRequirement } from './gem-requirement';

/**
 * The Gemfile requirement arguments that admit `fixed` and nothing older, in the style written:
 * - `~> 5.2.0` → `~> 5.2.8` (same precision, which already starts at the fix);
 * - `~> 5.2` → `~> 5.2`, `>= 5.2.8` (Bundler's idiom: keep the series, add a floor);
 * - `>= 1.0` / `> 1.0` → `>= fixed`; `= 1.2.3` → `= fixed`; a bare `1.2.3` → bare `fixed`;
 * - upper bounds and exclusions stay unless they shut the fix out;
 * - nothing written, or nothing readable → `>= fixed`.
 */
export function upgradedGemRequirements(written: readonly string[], fixed: string): string[] {
  const out: string[] = [];
  let hasFloor = false;
  let needsFloor = false;
  for (const raw of written) {
    const constraints = parseGemRequirement(raw);
    if (!constraints) return [`>= ${fixed}`];
    const bare = !/^\s*(=|!=|>=|<=|~>|>|<)/.test(raw);
    for (const c of constraints) {
      switch (c.op) {
        case '~>': {
          const prefix = samePrecision(fixed, c.version);
          out.push(`~> ${prefix}`);
          if ((compareText(rubygemsScheme, prefix, fixed) ?? -1) < 0) needsFloor = true;
          else hasFloor = true;
          break;
        }
        case '=':
          out.push(bare && constraints.length === 1 ? fixed : `= ${fixed}`);
          hasFloor = true;
          break;
        case '>':
        case '>=':
          out.push(`>= ${fixed}`);
          hasFloor = true;
          break;
        case '<':
        case '<=': {
          const c2 = compareText(rubygemsScheme, fixed, c.version);
          if (c2 !== undefined && (c2 < 0 || (c2 === 0 && c.op === '<='))) out.push(`${c.op} ${c.version}`);
          break;
        }
        case '!=':
          if (compareText(rubygemsScheme, fixed, c.version) !== 0) out.push(`!= ${c.version}`);
          break;
      }
    }
  }
  if (!hasFloor || needsFloor) {
    if (!out.some((r) => r === `>= ${fixed}` || r === `= ${fixed}` || r === fixed)) out.push(`>= ${fixed}`);
  } else if (out.some((r) => r.startsWith('~> ') && compareText(rubygemsScheme, r.slice(3), fixed) === 0)) {
    // `~> 7.0.8` already starts at the fix: a `>= 7.0.8` beside it would only repeat it.
    return out.filter((r) => r !== `>= ${fixed}`);
  }
  return out;
}

/** `fixed` cut (or padded with zeros) to as many release parts as `pattern` has: 6.0.1 like 5.2 → 6.0. */
function samePrecision(fixed: string, pattern: string): string {
  const count = pattern.split('.').length;
  const parts = fixed.split('.');
  while (parts.length < count) parts.push('0');
  return parts.slice(0, count).join('.');
}
