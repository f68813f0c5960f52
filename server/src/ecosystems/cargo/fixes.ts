import { semverScheme } from '../../versions/semver';
import type { FixWriter } from '../types';
import { type Comparator, comparatorInterval, intervalsMeet, parseCargoRequirement } from './requirements';

/**
 * The requirement that moves a dependency to at least `version` in the style it was written:
 * `1.2` (Cargo's implicit caret) → `1.2.5`, `^1.2` → `^1.2.5`, `~1.2` → `~1.2.5`, `=1.2.3` →
 * `=1.2.5`, `>=1.2, <2` → `>=1.2.5, <2`. A wildcard, or bounds the fixed version falls outside,
 * becomes a plain (caret) requirement on the fixed version. Only the string is rewritten, so the
 * string and `{ version = … }` table forms both keep their layout.
 */
export function upgradedCargoRequirement(requirement: string, version: string): string | undefined {
  const comparators = parseCargoRequirement(requirement);
  if (!comparators || !semverScheme.parse(version)) return undefined;
  const isUpper = (c: Comparator) => c.op === '<' || c.op === '<=';
  const uppers = comparators.filter(isUpper);
  const lowers = comparators.filter((c) => !isUpper(c));
  const fits = uppers.every((c) => {
    const bound = comparatorInterval(c);
    const point = semverScheme.parse(version)!;
    return bound !== undefined && intervalsMeet([bound, { lower: { version: point, inclusive: true }, upper: { version: point, inclusive: true } }]);
  });
  if (!fits || lowers.length !== 1 || lowers[0]!.op === '*') return version;
  const lower = lowers[0]!;
  const op = lower.op === '>' ? '>=' : requirement.slice(lower.start, lower.versionStart);
  return requirement.slice(0, lower.start) + op + version + requirement.slice(lower.end);
}

export const cargoFixes: FixWriter = {
  upgrade(_manifest, pkg, version) {
    // Inherited (`workspace = true`) entries have no version token here: the root's entry gets the fix.
    if (pkg.source !== 'registry' || !pkg.versionRange || pkg.requirement === undefined) return undefined;
    const next = upgradedCargoRequirement(pkg.requirement, version);
    return next === undefined ? undefined : [{ range: pkg.versionRange, newText: next }];
  },

  // `[patch]` swaps a crate's source and is the wrong tool for a version bump: Cargo can move a
  // transitive crate within its dependents' requirements by itself.
  override(_manifest, name, version) {
    return {
      title: `Update ${name} to ${version} in Cargo.lock (cargo update -p ${name} --precise ${version})`,
      edits: [],
      command: { command: 'cargo', args: ['update', '-p', name, '--precise', version] },
    };
  },
};
