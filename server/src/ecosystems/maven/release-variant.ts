/**
 * Some Maven artifacts publish each release in parallel variants, told apart by a word after the
 * version: guava's `32.0.0-jre` and `32.0.0-android`, libraries' `-jdk8` / `-jdk11` builds. An
 * advisory names one variant as the fix (guava's records say `fixed: 32.0.0-android`, which also
 * ends the range for `-jre`, since `jre` sorts after `android`); an upgrade must keep the variant
 * the project uses, or it swaps the library's platform under the user.
 *
 * A variant word is any alphanumeric word that Maven's ComparableVersion does not treat as a release
 * qualifier (alpha, beta, milestone, rc, cr, snapshot, ga, final, release, sp and their one-letter
 * forms), so `1.0-rc1` → `1.1` is left alone.
 */
const VARIANT = /^(\d+(?:\.\d+)*)-([A-Za-z][A-Za-z0-9]*)$/;
const QUALIFIER = /^(?:alpha|beta|milestone|rc|cr|snapshot|ga|final|release|sp|[abm])\d*$/i;

function variantOf(version: string): { release: string; variant: string } | undefined {
  const m = VARIANT.exec(version);
  if (!m || QUALIFIER.test(m[2]!)) return undefined;
  return { release: m[1]!, variant: m[2]! };
}

/** `candidate` in the installed version's variant, or undefined when there is nothing to carry over. */
export function sameReleaseVariant(installed: string, candidate: string): string | undefined {
  const from = variantOf(installed);
  const to = variantOf(candidate);
  if (!from || !to || from.variant.toLowerCase() === to.variant.toLowerCase()) return undefined;
  return `${to.release}-${from.variant}`;
}
