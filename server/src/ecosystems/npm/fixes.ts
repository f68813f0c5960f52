import { findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import { blankByteOrderMark } from '../../core/byte-order-mark';
import { detectFormatting, offsetEditsToTextEdits } from '../../core/edits';
import { formatById } from '../files';
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
    // Each package manager writes its own field (the lockfile entry's `overrides.write`); without a
    // lockfile, npm's.
    const lockfile = formatById(lockfileParser ?? 'npm/package-lock');
    const write = lockfile?.ecosystem === 'npm' ? lockfile.overrides?.write : undefined;
    if (!write) return undefined;
    const range = `^${version}`;
    return jsonPropertyFix(manifest, [...write.path, existingKey(manifest, write.path, name)], range, `Add ${write.label} ${name}@${range}`);
  },
};

/**
 * yarn users often key a resolution with a globstar prefix (`**` then `/name`); setting that key
 * again beats adding `name` beside it (two keys for one package, and the older one may win).
 */
function existingKey(manifest: ParsedFile, path: readonly string[], name: string): string {
  const object = findNodeAtLocation(parseTree(blankByteOrderMark(manifest.text)) ?? { type: 'null', offset: 0, length: 0 }, [...path]);
  const keys = new Set((object?.type === 'object' ? (object.children ?? []) : []).map((prop) => prop.children?.[0]?.value));
  return keys.has(name) ? name : keys.has(`**/${name}`) ? `**/${name}` : name;
}

/** Sets one property in a JSON manifest, creating parent objects, in the file's own formatting. */
export function jsonPropertyFix(manifest: ParsedFile, path: string[], value: string, title: string): OverrideFix | undefined {
  const formatting = detectFormatting(manifest.text);
  let edits: TextEdit[];
  try {
    // jsonc-parser stops at a byte-order mark; the blanked text has the same offsets.
    edits = offsetEditsToTextEdits(manifest.text, modify(blankByteOrderMark(manifest.text), path, value, { formattingOptions: formatting }));
  } catch {
    return undefined;
  }
  return edits.length ? { title, edits } : undefined;
}
