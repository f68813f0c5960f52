import { basename } from 'node:path';
import type { ParseError } from '../core/package';
import { startsWithByteOrderMark } from '../core/byte-order-mark';
import type { DependencyFileKind } from './files';
import type { ParseFn } from './types';

/** The byte-order mark itself: the first character, line 1, column 1. */
const MARK = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

/**
 * A parser that treats a leading UTF-8 byte-order mark the way the format's own tools do (its
 * entry's `byteOrderMark`). Where they read past it, the parsers do too (the core readers blank it
 * without moving any offset); where they fail on it, the file is one error at the mark, as for any
 * other syntax error; where only some of them read it, the file is read and the mark is a warning.
 */
export function withByteOrderMarkPolicy(kind: DependencyFileKind, parse: ParseFn): ParseFn {
  const policy = kind.byteOrderMark;
  if (policy === 'accepted') return parse;
  return (path, text, context) => {
    if (!startsWithByteOrderMark(text)) return parse(path, text, context);
    const label = basename(path);
    if (policy.acceptedBy === undefined) {
      const message = `could not parse ${label} at 1:1: byte-order mark (U+FEFF) at the start of the file: ${policy.rejectedBy} cannot read a file that starts with one; save it as UTF-8 without a BOM`;
      return { kind: kind.kind, packages: [], errors: [{ message, range: MARK, severity: 'error' }] };
    }
    const result = parse(path, text, context);
    const warning: ParseError = {
      message: `${label} starts with a byte-order mark (U+FEFF): ${policy.acceptedBy} reads it, but ${policy.rejectedBy} cannot; save it as UTF-8 without a BOM`,
      range: MARK,
      severity: 'warning',
    };
    return { ...result, errors: [warning, ...result.errors] };
  };
}
