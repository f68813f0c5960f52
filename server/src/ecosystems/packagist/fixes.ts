import { modify } from 'jsonc-parser';
import { detectFormatting, offsetEditsToTextEdits } from '../../core/edits';
import { LineIndex } from '../../core/text-range';
import type { FixWriter, TextEdit } from '../types';
import { upgradedComposerConstraint } from './upgraded-constraint';

/**
 * composer.json fixes. Upgrade rewrites the constraint string. Composer has no override for a
 * transitive package; the idiomatic way to keep vulnerable versions out without making the
 * package a dependency is a `conflict` entry (`"vendor/pkg": "<fixed"`, the mechanism
 * roave/security-advisories is built on), followed by `composer update vendor/pkg
 * --with-dependencies` to move the lock.
 */
export const packagistFixes: FixWriter = {
  upgrade(manifest, pkg, version) {
    if (!pkg.versionRange || pkg.requirement === undefined || pkg.source !== 'registry') return undefined;
    const index = new LineIndex(manifest.text);
    const current = manifest.text.slice(index.offset(pkg.versionRange.start), index.offset(pkg.versionRange.end));
    if (current.includes('\\')) return undefined; // an escaped string: its raw text is not the constraint
    const next = upgradedComposerConstraint(current, version);
    return next === undefined ? undefined : [{ range: pkg.versionRange, newText: next }];
  },

  override(manifest, name, version) {
    const key = name.toLowerCase();
    const existing = existingConflict(manifest.text, key);
    const value = existing ? `${existing} || <${version}` : `<${version}`;
    const edits = jsonEdits(manifest.text, ['conflict', key], value);
    if (!edits?.length) return undefined;
    return {
      title: `Add a Composer conflict: ${key} <${version}`,
      edits,
      command: { command: 'composer', args: ['update', key, '--with-dependencies'] },
    };
  },
};

function existingConflict(text: string, key: string): string | undefined {
  try {
    const doc = JSON.parse(text) as { conflict?: Record<string, unknown> };
    const value = doc.conflict?.[key];
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

function jsonEdits(text: string, path: string[], value: string): TextEdit[] | undefined {
  try {
    return offsetEditsToTextEdits(text, modify(text, path, value, { formattingOptions: detectFormatting(text) }));
  } catch {
    return undefined;
  }
}
