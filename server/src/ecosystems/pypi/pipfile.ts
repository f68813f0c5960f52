import { basename } from 'node:path';
import type { ParseError, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { IdAllocator } from './lock-graph';
import { normalizePypiName } from './names';
import { type Declaration, type DeclarationContext, keyedDeclarations } from './toml-declarations';
import { type TomlTable, parseTomlDocument } from '../../core/toml-document';
import { PYTHON_TOML } from './python-toml';

/** Pipfile tables that are settings, not package categories. */
const NOT_CATEGORIES = new Set(['source', 'requires', 'scripts', 'pipenv']);

/**
 * Pipfile (pipenv): `[packages]` (default group), `[dev-packages]` (dev) and any other table,
 * which pipenv treats as a custom package category (group = the category's name). Values are
 * `"*"`, a PEP 440 specifier, or a table with `version`, `git`, `path`, `file`, `editable`, ...
 */
export function parsePipfile(path: string, text: string): ParseResult {
  return readPipfile(path, text).result;
}

export function readPipfile(path: string, text: string): { result: ParseResult; declarations: Declaration[]; root?: TomlTable } {
  const fileLabel = basename(path);
  const doc = parseTomlDocument(text, fileLabel, PYTHON_TOML);
  if (!doc.ok) return { result: { kind: 'manifest', packages: [], errors: [doc.error] }, declarations: [] };
  const errors: ParseError[] = [];
  const ctx: DeclarationContext = { text, index: new LineIndex(text), ids: new IdAllocator(), errors, fileLabel };
  const declarations: Declaration[] = [];
  for (const [category, entry] of doc.root.entries) {
    if (NOT_CATEGORIES.has(category) || entry.value.kind !== 'table') continue;
    const groups = category === 'packages' ? [] : category === 'dev-packages' ? ['dev'] : [normalizePypiName(category)];
    for (const [, dependency] of entry.value.entries) declarations.push(...keyedDeclarations(ctx, dependency, category, groups));
  }
  return { result: { kind: 'manifest', packages: declarations.map((d) => d.pkg), errors }, declarations, root: doc.root };
}
