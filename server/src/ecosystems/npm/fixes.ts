import { modify } from 'jsonc-parser';
import { detectFormatting, offsetEditsToTextEdits } from '../../core/edits';
import type { FixWriter, OverrideFix, ParsedFile, TextEdit } from '../types';
import { classifySpec } from './spec';

/**
 * The requirement that moves a dependency to `version` in the style the user wrote: `^1.2.3` stays
 * a caret range, `~` a tilde range, an exact pin an exact pin. Anything more elaborate (`1.x`,
 * `>=1 <2`, `||` unions, tags) becomes a caret range on the fixed version, which npm resolves to it.
 */
export function upgradedRange(range: string, version: string): string {
  const m = /^\s*(\^|~|>=|=|v)?\s*v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?\s*$/.exec(range);
  if (!m) return `^${version}`;
  const op = m[1] ?? '';
  if (op === 'v') return version;
  return `${op}${version}`;
}

export const npmFixes: FixWriter = {
  upgrade(_manifest, pkg, version) {
    if (!pkg.versionRange || pkg.requirement === undefined) return undefined;
    const spec = classifySpec(pkg.alias ?? pkg.name, pkg.requirement);
    if (spec.source !== 'registry') return undefined;
    const newRange = upgradedRange(spec.range, version);
    const newRequirement = pkg.requirement.slice(0, spec.rangeOffset) + newRange;
    return [{ range: pkg.versionRange, newText: newRequirement }];
  },

  override(manifest, name, version, lockfileParser) {
    // npm only reads `overrides`; yarn and pnpm have their own fields (their parsers add them).
    if (lockfileParser !== undefined && !lockfileParser.startsWith('npm/')) return undefined;
    return jsonPropertyFix(manifest, ['overrides', name], `^${version}`, `Add npm override ${name}@^${version}`);
  },
};

/** Sets one property in a JSON manifest, creating parent objects, in the file's own formatting. */
export function jsonPropertyFix(manifest: ParsedFile, path: string[], value: string, title: string): OverrideFix | undefined {
  const formatting = detectFormatting(manifest.text);
  let edits: TextEdit[];
  try {
    edits = offsetEditsToTextEdits(manifest.text, modify(manifest.text, path, value, { formattingOptions: formatting }));
  } catch {
    return undefined;
  }
  return edits.length ? { title, edits } : undefined;
}
