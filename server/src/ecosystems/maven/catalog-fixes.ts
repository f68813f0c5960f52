import type { ExtractedPackage } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import type { ParsedFile, TextEdit } from '../types';
import { upgradedMavenVersion } from './upgraded-version';

/**
 * Upgrade in a version catalog: the version string the library uses, wherever it is — the
 * `[versions]` entry a `version.ref` names (moving every library that shares it, which is why
 * they share it), an inline `version`, a rich version's `strictly`/`require`/`prefer`, or the
 * version part of a `"group:artifact:version"` shorthand. Only the string's content changes.
 */
export function upgradeCatalog(manifest: ParsedFile, pkg: ExtractedPackage, version: string): TextEdit[] | undefined {
  if (!pkg.versionRange) return undefined;
  const index = new LineIndex(manifest.text);
  const current = manifest.text.slice(index.offset(pkg.versionRange.start), index.offset(pkg.versionRange.end));
  // An escape inside the string would make its raw text differ from its value: leave it alone.
  if (current.includes('\\') || current.trim() === '') return undefined;
  return [{ range: pkg.versionRange, newText: upgradedMavenVersion(current, version) }];
}
