import type * as TomlEslintParser from 'toml-eslint-parser' with { 'resolution-mode': 'import' };
import type { AST } from 'toml-eslint-parser' with { 'resolution-mode': 'import' };
import { blankByteOrderMark } from './byte-order-mark';

// toml-eslint-parser ships only as an ES module while this project compiles to CommonJS: Node 20.19+
// (require of ES modules), tsx and esbuild's bundle all load it through require(), which keeps the
// build free of top-level await; the type-only imports keep the typings exact. This is the one
// place that loads it: the TOML readers of each ecosystem build their own view on this syntax tree.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const toml = require('toml-eslint-parser') as typeof TomlEslintParser;

export type { AST as TomlAst };
export type TomlKeyNode = AST.TOMLBare | AST.TOMLQuoted;

export interface TomlSyntaxError {
  message: string;
  /** Where the parser stopped: the offset of the first character it could not accept. */
  offset: number;
}

/**
 * toml-eslint-parser (TOML → syntax tree with source offsets) with failures as values: it throws
 * at the first syntax error, with that error's offset as `index`. Without a version the parser
 * reads TOML 1.1 (newlines in inline tables, `\xHH` escapes); pass '1.0' to read strictly 1.0.
 */
export function parseTomlSyntax(text: string, tomlVersion?: '1.0'): { ast: AST.TOMLProgram } | { error: TomlSyntaxError } {
  try {
    return { ast: toml.parseTOML(blankByteOrderMark(text), tomlVersion ? { tomlVersion } : undefined) };
  } catch (e) {
    const err = e as { message?: unknown; index?: unknown };
    const message = typeof err.message === 'string' ? err.message : String(e);
    const offset = typeof err.index === 'number' && Number.isFinite(err.index) ? err.index : 0;
    return { error: { message, offset } };
  }
}

/** A key segment as TOML reads it: a bare key's name, a quoted key's decoded value. */
export function keyName(key: TomlKeyNode): string {
  return key.type === 'TOMLBare' ? key.name : key.value;
}

/** Offsets of a key segment's text, quotes excluded. */
export function keyContentRange(key: TomlKeyNode): [number, number] {
  return key.type === 'TOMLBare' ? [key.range[0], key.range[1]] : [key.range[0] + 1, key.range[1] - 1];
}

/**
 * Offsets of a string value's content in the source text: quotes excluded, and for a multi-line
 * string the newline right after the opening `"""`, which the TOML spec says is not part of it.
 */
export function stringContentRange(node: AST.TOMLStringValue, text: string): [number, number] {
  const [start, end] = node.range;
  const quote = node.multiline ? 3 : 1;
  let contentStart = start + quote;
  if (node.multiline) {
    if (text.startsWith('\r\n', contentStart)) contentStart += 2;
    else if (text[contentStart] === '\n') contentStart += 1;
  }
  return [contentStart, Math.max(contentStart, end - quote)];
}
