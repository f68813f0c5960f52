import { LineIndex } from '../../core/text-range';
import type { FixWriter, LockfileCommand, OverrideFix, ParsedFile, TextEdit } from '../types';
import { GO_MOD_TIDY as GO_MOD_TIDY_ENTRY } from './files';
import type { ExtractedPackage } from '../../core/package';
import { goVersionAtLeast, withV, withoutV } from './go-versions';
import { type GoBlock, readModfileSyntax } from './modfile-syntax';

export const GO_MOD_TIDY: LockfileCommand = { command: GO_MOD_TIDY_ENTRY.command, args: [...GO_MOD_TIDY_ENTRY.args] };

/**
 * Fixes write the version token in place, so comments (`// indirect`) and layout stay as they are.
 * `stdlib` moves through the `toolchain` line (go 1.21+): raising the `go` line instead would change
 * the language version the module is compiled with.
 */
export const goFixes: FixWriter = {
  upgrade(manifest, pkg, version) {
    if (pkg.source !== 'registry' || !pkg.versionRange) return undefined;
    const index = new LineIndex(manifest.text);
    const start = index.offset(pkg.versionRange.start);
    const end = index.offset(pkg.versionRange.end);
    const token = manifest.text.slice(start, end);
    if (pkg.name === 'stdlib') {
      if (token.startsWith('go')) return [{ range: pkg.versionRange, newText: `go${withoutV(version)}` }];
      if (!goVersionAtLeast(token, 1, 21)) return undefined;
      const lineEnd = endOfLine(manifest.text, end);
      const eol = manifest.text.includes('\r\n') ? '\r\n' : '\n';
      return [{ range: index.range(lineEnd, lineEnd), newText: `${eol}${eol}toolchain go${withoutV(version)}` }];
    }
    return [{ range: pkg.versionRange, newText: withV(version) }];
  },

  override(manifest, name, version) {
    const listed = manifest.result.packages.find((p) => p.name === name && p.name !== 'stdlib');
    if (listed) return bumpListed(manifest, listed, version);
    if (manifest.result.packages.some((p) => p.alias === name || (p.name === name && p.source !== 'registry'))) return undefined;
    const edit = addIndirectRequire(manifest.text, name, withV(version));
    if (!edit) return undefined;
    return { title: `Require ${name} ${withV(version)} (// indirect) in go.mod`, edits: [edit], command: GO_MOD_TIDY };
  },
};

function bumpListed(manifest: ParsedFile, pkg: ExtractedPackage, version: string): OverrideFix | undefined {
  const edits = goFixes.upgrade(manifest, pkg, version);
  if (!edits) return undefined;
  return { title: `Require ${pkg.name} ${withV(version)} in go.mod`, edits, command: GO_MOD_TIDY };
}

/**
 * A requirement line for a module go.mod does not list yet: into the last `require ( … )` block of
 * indirect requirements (where cmd/go keeps them since go 1.17), else the last require block,
 * else a new single-line `require` at the end.
 */
export function addIndirectRequire(text: string, name: string, version: string): TextEdit | undefined {
  const syntax = readModfileSyntax(text);
  if (syntax.error) return undefined;
  const index = new LineIndex(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const entryText = `${name} ${version} // indirect`;
  const requireBlocks = syntax.blocks.filter((b) => b.verb === 'require' && b.close >= 0);
  const block = [...requireBlocks].reverse().find((b) => b.entries.some((e) => e.comment?.text === 'indirect')) ?? requireBlocks[requireBlocks.length - 1];
  if (block && !closesOnOpenLine(text, block)) {
    const closeLineStart = text.lastIndexOf('\n', block.close - 1) + 1;
    const last = block.entries[block.entries.length - 1];
    const indent = last ? text.slice(last.lineStart, last.args[0]!.start) : '\t';
    return { range: index.range(closeLineStart, closeLineStart), newText: `${indent}${entryText}${eol}` };
  }
  const needsBreak = text.length > 0 && !text.endsWith('\n');
  return { range: index.range(text.length, text.length), newText: `${needsBreak ? eol : ''}${text.length > 0 ? eol : ''}require ${entryText}${eol}` };
}

function closesOnOpenLine(text: string, block: GoBlock): boolean {
  return !text.slice(block.open, block.close).includes('\n');
}

function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}
