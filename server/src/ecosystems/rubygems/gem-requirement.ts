import type { VersionSpan } from '../../versions/intervals';

/**
 * RubyGems requirements (`Gem::Requirement`): `op version` pairs, all of which must hold.
 * Operators `=` (the default), `!=`, `>`, `<`, `>=`, `<=` and `~>` (pessimistic: `~> 2.1.3`
 * is `>= 2.1.3, < 2.2`).
 */
export interface GemConstraint {
  op: '=' | '!=' | '>' | '<' | '>=' | '<=' | '~>';
  version: string;
}

const CONSTRAINT = /^\s*(=|!=|>=|<=|~>|>|<)?\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)\s*$/;

/** Parses `'~> 1.0, >= 1.0.2'` (Bundler's joined form) or one constraint; undefined if any part is not one. */
export function parseGemRequirement(text: string): GemConstraint[] | undefined {
  if (text.trim() === '') return [];
  const constraints: GemConstraint[] = [];
  for (const part of text.split(',')) {
    const m = CONSTRAINT.exec(part);
    if (!m) return undefined;
    constraints.push({ op: (m[1] ?? '=') as GemConstraint['op'], version: m[2]! });
  }
  return constraints;
}

/** The one version a requirement names: a single `= 1.2.3` or bare `1.2.3`. */
export function exactGemVersion(text: string): string | undefined {
  const constraints = parseGemRequirement(text);
  return constraints?.length === 1 && constraints[0]!.op === '=' ? constraints[0]!.version : undefined;
}

/** `Gem::Version#bump`: drop pre-release parts, drop the last part (if more than one), increment. */
export function bumpGemVersion(version: string): string {
  const segments = version.replace(/-/g, '.pre.').match(/[0-9]+|[a-z]+/gi) ?? ['0'];
  while (segments.some((s) => !/^\d+$/.test(s))) segments.pop();
  if (segments.length > 1) segments.pop();
  if (segments.length === 0) return '1';
  segments[segments.length - 1] = String(BigInt(segments[segments.length - 1]!) + 1n);
  return segments.join('.');
}

/** The spans one constraint admits. */
export function constraintSpans(c: GemConstraint): VersionSpan[] {
  const v = c.version;
  switch (c.op) {
    case '=':
      return [{ lower: { version: v, inclusive: true }, upper: { version: v, inclusive: true } }];
    case '!=':
      return [{ upper: { version: v, inclusive: false } }, { lower: { version: v, inclusive: false } }];
    case '>':
      return [{ lower: { version: v, inclusive: false } }];
    case '>=':
      return [{ lower: { version: v, inclusive: true } }];
    case '<':
      return [{ upper: { version: v, inclusive: false } }];
    case '<=':
      return [{ upper: { version: v, inclusive: true } }];
    case '~>':
      return [{ lower: { version: v, inclusive: true }, upper: { version: bumpGemVersion(v), inclusive: false } }];
  }
}
