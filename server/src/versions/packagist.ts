import { normalizeComposerVersion } from './composer-normalize';
import { MAX_VERSION_LENGTH } from './exact-int';
import { PhpVersionTokens, comparePhpVersionTokens, tokenizePhpVersion } from './php-version-compare';
import type { VersionScheme } from './scheme';

export interface PackagistVersion extends PhpVersionTokens {
  /** Composer's normalized form, e.g. `1.2.0.0-beta2`. */
  readonly normalized: string;
}

/**
 * Packagist: Composer normalizes both sides (`v1.2` → `1.2.0.0`, `1.0RC1` → `1.0.0.0-RC1`,
 * `1.0pl1` → `1.0.0.0-patch1`, `2.1.x-dev` → `2.1.9999999.9999999-dev`) and then compares with
 * PHP's `version_compare`: dev < alpha < beta < RC < release < patch. Named branches (`dev-main`,
 * `master`) are rejected: Composer never matches a branch against a version range, and a branch
 * ordered below every release would look vulnerable to every advisory. `orderAnyText` orders any
 * string with PHP's `version_compare`, each string in one form — Composer's normalized one where
 * Composer has it, else the raw text (`3.0.0b1.post1`) — so the order stays transitive.
 */
export const packagistScheme: VersionScheme<PackagistVersion> = {
  id: 'packagist',
  parse(text) {
    if (text.length > MAX_VERSION_LENGTH) return undefined;
    const normalized = normalizeComposerVersion(text);
    if (normalized === undefined || normalized.startsWith('dev-')) return undefined;
    return { normalized, ...tokenizePhpVersion(normalized) };
  },
  compare: comparePhpVersionTokens,
  orderAnyText: (a, b) => comparePhpVersionTokens(anyTextTokens(a), anyTextTokens(b)),
};

/** The tokens a string is compared by: Composer's normalized form, or the raw text where it has none. */
function anyTextTokens(text: string): PhpVersionTokens {
  return packagistScheme.parse(text) ?? tokenizePhpVersion(text);
}
