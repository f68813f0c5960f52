import { intersectSpans, type CompareVersions, type VersionSpan } from '../../versions/intervals';

/**
 * Composer version constraints (getcomposer.org/doc/articles/versions.md) lowered to spans:
 * `||` / `|` alternatives of `,`- or space-separated conjunctions; `^`, `~`, wildcards `1.2.*`,
 * hyphen ranges `1.0 - 2.0`, comparison operators, exact versions; stability flags (`@dev`) and
 * `#ref` suffixes are ignored. Branch constraints (`dev-main`, `1.x-dev`) name no version order:
 * they parse to undefined, as does anything unreadable.
 */
export function composerSpans(constraint: string, compare: CompareVersions): VersionSpan[] | undefined {
  const text = stripFlags(constraint);
  if (text === '' || isBranchConstraint(text)) return undefined;
  const spans: VersionSpan[] = [];
  for (const alternative of text.split(/\s*\|\|?\s*/)) {
    const conjunction = conjunctionSpans(alternative.trim(), compare);
    if (!conjunction) return undefined;
    spans.push(...conjunction);
  }
  return spans;
}

/** `dev-main`, `dev-feature/x`, `1.x-dev`, `2.0.x-dev`: a branch, not a release. */
export function isBranchConstraint(constraint: string): boolean {
  const text = stripFlags(constraint);
  return /^dev-/i.test(text) || /-dev$/i.test(text);
}

/** The one version an exact constraint names: `1.2.3`, `=1.2.3`, `==1.2.3`, `v1.2.3` (flags ignored). */
export function exactComposerVersion(constraint: string): string | undefined {
  const text = stripFlags(constraint);
  const m = /^(?:==?\s*)?v?(\d+(?:\.\d+){0,3}(?:[-.]?(?:stable|beta|b|rc|alpha|a|patch|pl|p)(?:[.-]?\d+)?)?)$/i.exec(text);
  return m ? m[1] : undefined;
}

/** Drops `@stability` flags and `#commit` references: they steer resolution, not the range. */
export function stripFlags(constraint: string): string {
  return constraint
    .replace(/#[^\s,|]*/g, '')
    .replace(/@(stable|RC|beta|alpha|dev)\b/gi, '')
    .trim();
}

function conjunctionSpans(text: string, compare: CompareVersions): VersionSpan[] | undefined {
  const hyphen = /^v?(\S+)\s+-\s+v?(\S+)$/.exec(text);
  if (hyphen) return hyphenSpans(hyphen[1]!, hyphen[2]!);
  // An operator may be followed by spaces (`>= 1.0`); only spaces between atoms separate them.
  const atoms = text.replace(/(>=|<=|!=|<>|==|>|<|=|\^|~)\s+/g, '$1').split(/\s*,\s*|\s+/).filter(Boolean);
  if (atoms.length === 0) return undefined;
  let spans: VersionSpan[] | undefined = [{}];
  for (const atom of atoms) {
    const atomSpans = atomSpansOf(atom);
    if (!atomSpans) return undefined;
    spans = intersectSpans(spans, atomSpans, compare);
    if (!spans) return undefined;
  }
  return spans;
}

function atomSpansOf(atom: string): VersionSpan[] | undefined {
  if (atom === '*' || /^\*(\.\*)*$/.test(atom) || atom === 'x') return [{}];
  const m = /^(>=|<=|!=|<>|==|>|<|=|\^|~)?v?(.+)$/.exec(atom);
  if (!m) return undefined;
  const op = m[1] ?? '';
  const version = m[2]!;
  if (/[*x]$/i.test(version) && /^\d+(\.\d+)*\.[*x]$/i.test(version)) return wildcardSpans(version);
  if (!/^\d+(\.\d+){0,3}([-.]?[A-Za-z][A-Za-z0-9.-]*)?$/.test(version)) return undefined;
  const parts = releaseParts(version);
  switch (op) {
    case '^':
      return [{ lower: incl(version), upper: excl(caretCeiling(parts)) }];
    case '~':
      return [{ lower: incl(version), upper: excl(tildeCeiling(parts)) }];
    case '>=':
      return [{ lower: incl(version) }];
    case '>':
      return [{ lower: { version, inclusive: false } }];
    case '<=':
      return [{ upper: incl(version) }];
    case '<':
      return [{ upper: { version, inclusive: false } }];
    case '!=':
    case '<>':
      return [{ upper: { version, inclusive: false } }, { lower: { version, inclusive: false } }];
    default:
      return [{ lower: incl(version), upper: incl(version) }];
  }
}

function hyphenSpans(from: string, to: string): VersionSpan[] | undefined {
  const toParts = releaseParts(to);
  if (toParts.length === 0) return undefined;
  // A partial upper bound is a wildcard: `1.0 - 2.0` admits every 2.0.x.
  if (toParts.length < 3) {
    const ceiling = [...toParts.slice(0, -1), toParts[toParts.length - 1]! + 1];
    return [{ lower: incl(from), upper: excl(ceiling) }];
  }
  return [{ lower: incl(from), upper: incl(to) }];
}

function wildcardSpans(version: string): VersionSpan[] {
  const parts = releaseParts(version.replace(/\.[*x]$/i, ''));
  const ceiling = [...parts.slice(0, -1), parts[parts.length - 1]! + 1];
  return [{ lower: incl(parts.join('.')), upper: excl(ceiling) }];
}

/** `^1.2.3` < 2.0.0; `^0.3` < 0.4.0; `^0.0.3` < 0.0.4: the left-most non-zero part may not change. */
function caretCeiling(parts: number[]): number[] {
  const index = parts.findIndex((p) => p !== 0);
  if (index === -1) return parts.length > 1 ? [...parts.slice(0, -1), 1] : [1];
  return [...parts.slice(0, index), parts[index]! + 1];
}

/** `~1.2.3` < 1.3.0; `~1.2` < 2.0.0; `~1` < 2.0.0: the last given part may grow. */
function tildeCeiling(parts: number[]): number[] {
  if (parts.length <= 1) return [(parts[0] ?? 0) + 1];
  const kept = parts.slice(0, -1);
  kept[kept.length - 1]! += 1;
  return kept;
}

function releaseParts(version: string): number[] {
  const m = /^\d+(\.\d+)*/.exec(version);
  return m ? m[0].split('.').map(Number) : [];
}

function incl(version: string) {
  return { version, inclusive: true };
}

/** Composer's upper bounds are `-dev` of the ceiling, so 2.0.0-beta1 is above ^1.2 too. */
function excl(parts: number[]) {
  const padded = [...parts];
  while (padded.length < 3) padded.push(0);
  return { version: `${padded.join('.')}-dev`, inclusive: false };
}
