import { type Node, type ParseError as JsoncError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { blankByteOrderMark } from './byte-order-mark';
import type { ParseError } from './package';
import { syntaxError } from './syntax-error';
import { LineIndex } from './text-range';

export interface JsonTree {
  root: Node | undefined;
  /** The first syntax error, with its place; at most one so the user sees one diagnostic. */
  error?: ParseError;
}

/**
 * Parses JSON (or JSONC, for bun.lock and friends) into jsonc-parser's position-carrying tree.
 * `what` names the file kind for the message: "could not parse package.json at 3:7: ...".
 */
export function parseJsonTree(text: string, what: string, options: { allowComments?: boolean } = {}): JsonTree {
  const errors: JsoncError[] = [];
  const root = parseTree(blankByteOrderMark(text), errors, {
    allowTrailingComma: options.allowComments ?? false,
    disallowComments: !options.allowComments,
  });
  const first = errors[0];
  if (!first) return { root };
  return { root, error: jsonSyntaxError(text, what, first) };
}

/** The place and wording of the first syntax error in a text that is not valid JSON. */
export function firstJsonSyntaxError(text: string, what: string, options: { allowComments?: boolean } = {}): ParseError {
  const { error } = parseJsonTree(text, what, options);
  return error ?? { message: `could not parse ${what}: not valid JSON`, range: new LineIndex(text).range(0, 0), severity: 'error' };
}

/** jsonc-parser's error as the file's one syntax error, over the token it stopped at. */
export function jsonSyntaxError(text: string, what: string, err: JsoncError, index = new LineIndex(text)): ParseError {
  return syntaxError(index, what, describe(printParseErrorCode(err.error)), err.offset, err.offset + Math.max(err.length, 1));
}

function describe(code: string): string {
  // InvalidSymbol → "invalid symbol"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
