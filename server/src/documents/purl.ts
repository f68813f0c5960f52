import { PackageURL } from 'packageurl-js';
import type { WarningList } from './warnings';

/**
 * Package URLs as documents write them, canonicalised by packageurl-js (the purl spec's reference
 * implementation for JavaScript) so that the same package from two documents is the same string.
 */

export type PurlOutcome = { ok: true; purl: string } | { ok: false; reason: string };

export function canonicalPurl(raw: string): PurlOutcome {
  try {
    return { ok: true, purl: PackageURL.fromString(raw.trim()).toString() };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** The purl with its version replaced (or added); undefined when it does not parse. */
export function purlWithVersion(purl: string, version: string): string | undefined {
  try {
    const parsed = PackageURL.fromString(purl);
    return new PackageURL(parsed.type, parsed.namespace, parsed.name, version, parsed.qualifiers, parsed.subpath).toString();
  } catch {
    return undefined;
  }
}

/** Whether the text is meant as a purl (so a broken one is worth a warning rather than an id). */
export function looksLikePurl(text: string): boolean {
  return /^pkg:/i.test(text.trim());
}

/**
 * The canonical purl of a document's value at `path`, or undefined with a warning there when it is
 * not a valid purl: the package is kept, without a purl.
 */
export function purlOrWarn(raw: unknown, path: readonly string[], warnings: WarningList): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const outcome = canonicalPurl(raw);
  if (outcome.ok) return outcome.purl;
  warnings.add(path, `not a valid package URL, ignored (${outcome.reason})`);
  return undefined;
}
