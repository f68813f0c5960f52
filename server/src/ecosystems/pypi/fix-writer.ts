import { basename } from 'node:path';
import type { ExtractedPackage } from '../../core/package';
import { LineIndex, type Range } from '../../core/text-range';
import type { FixWriter, ParsedFile, TextEdit } from '../types';
import { overrideFix } from './override-fixes';
import { readPipfile } from './pipfile';
import { readPyproject } from './pyproject-toml';
import { exactPypiVersion } from './requirement-semantics';
import { type NamedRequirement, scanRequirements } from './requirements-entries';
import { sourceAt, sourceEnd } from './requirements-lines';
import { rewriteForFix } from './specifier-rewrite';
import type { Declaration } from './toml-declarations';
import { sourceOffset, stringContentRange } from '../../core/toml-document';
import { insertAt, replaceRange, tomlString } from './toml-edits';

/**
 * Writes "upgrade to the fixed version" into Python manifests (rules for the new requirement in
 * specifier-rewrite.ts), and transitive overrides (override-fixes.ts).
 *
 * requirements files: the specifier is rewritten in place; a `--hash` of that requirement names the
 * old files, so the hashes are removed with it (pip in hash-checking mode then asks for new ones,
 * e.g. from `pip-compile --generate-hashes`, instead of failing on a mismatch). A requirement that
 * comes from an included file, or whose version a constraints file pins, is not edited here.
 */
export const pypiFixes: FixWriter = {
  upgrade(manifest: ParsedFile, pkg: ExtractedPackage, version: string): TextEdit[] | undefined {
    if (pkg.source !== 'registry') return undefined;
    const kind = manifestKind(manifest.path);
    if (kind === 'requirements') return upgradeRequirement(manifest, pkg, version);
    const read = kind === 'pyproject' ? readPyproject(manifest.path, manifest.text) : readPipfile(manifest.path, manifest.text);
    const declaration = read.declarations.find((d) => d.pkg.id === pkg.id && d.pkg.name === pkg.name);
    return declaration ? upgradeDeclaration(manifest.text, declaration, version) : undefined;
  },
  override: overrideFix,
};

export function manifestKind(path: string): 'pyproject' | 'pipfile' | 'requirements' {
  const name = basename(path).toLowerCase();
  if (name === 'pyproject.toml') return 'pyproject';
  if (name === 'pipfile') return 'pipfile';
  return 'requirements';
}

function upgradeRequirement(manifest: ParsedFile, pkg: ExtractedPackage, version: string): TextEdit[] | undefined {
  if (pkg.id.startsWith('-r ')) return undefined;
  if (pkg.version && exactPypiVersion(pkg.requirement ?? '') !== pkg.version) return undefined;
  const text = manifest.text;
  const index = new LineIndex(text);
  const entry = scanRequirements(text).find(
    (e): e is NamedRequirement => e.kind === 'requirement' && sameRange(index, pkg.nameRange, sourceAt(e.line, e.requirement.nameStart), sourceEnd(e.line, e.requirement.nameEnd)),
  );
  if (!entry) return undefined;
  const { line, requirement: req } = entry;
  const newSpecifier = rewriteForFix(req.specifier, version);
  if (newSpecifier === undefined) return undefined;
  const specStart = req.specifier ? sourceAt(line, req.specifierStart) : sourceEnd(line, req.afterNameAndExtras);
  const specEnd = req.specifier ? sourceEnd(line, req.specifierEnd) : specStart;
  const hashes = entry.options.filter((o) => o.name === '--hash');
  if (hashes.length === 0) return [replaceRange(text, specStart, specEnd, newSpecifier)];
  // One edit from the specifier to the last option: the marker stays as written, the other options
  // stay in order, the hashes go.
  const last = entry.options[entry.options.length - 1]!;
  const kept = entry.options.filter((o) => o.name !== '--hash').map((o) => line.text.slice(o.start, o.end));
  const between = text.slice(specEnd, sourceEnd(line, entry.requirementEnd));
  const newText = `${newSpecifier}${between}${kept.length ? ` ${kept.join(' ')}` : ''}`;
  return [replaceRange(text, specStart, sourceEnd(line, last.end), newText)];
}

function upgradeDeclaration(text: string, decl: Declaration, version: string): TextEdit[] | undefined {
  if (decl.kind === 'pep508' && decl.value && decl.requirement) {
    const req = decl.requirement;
    const newSpecifier = rewriteForFix(req.specifier, version);
    if (newSpecifier === undefined) return undefined;
    if (!req.specifier) return [insertAt(text, sourceOffset(decl.value, text, req.afterNameAndExtras), newSpecifier)];
    return [replaceRange(text, sourceOffset(decl.value, text, req.specifierStart), sourceOffset(decl.value, text, req.specifierEnd), newSpecifier)];
  }
  if (decl.kind === 'constraint' && decl.value) {
    const newConstraint = rewriteForFix(decl.value.value, version);
    if (newConstraint === undefined) return undefined;
    const [start, end] = stringContentRange(decl.value, text);
    return [replaceRange(text, start, end, newConstraint)];
  }
  const table = decl.table;
  if (!table) return undefined;
  const field = `version = ${tomlString(`>=${version}`)}`;
  if (table.inline) {
    const [start, end] = table.inline.range;
    if (table.entries.size === 0) return [replaceRange(text, start, end, `{ ${field} }`)];
    // Match the table's own spacing: `{ a = 1 }` → `{ version = ..., a = 1 }`, `{a = 1}` → `{version = ..., a = 1}`.
    return [insertAt(text, start + 1, text[start + 1] === ' ' ? ` ${field},` : `${field}, `)];
  }
  const header = table.headers[0];
  if (!header) return undefined;
  return [insertAt(text, text.indexOf(']', header.key.range[1]) + 1, `\n${field}`)];
}

function sameRange(index: LineIndex, range: Range | undefined, start: number, end: number): boolean {
  if (!range) return false;
  return index.offset(range.start) === start && index.offset(range.end) === end;
}
