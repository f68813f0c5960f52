import { locateJsonProperties, type JsonPattern } from '../core/json-locations';
import type { ParseError } from '../core/package';
import { syntaxError } from '../core/syntax-error';
import type { LineIndex, Range } from '../core/text-range';

/**
 * Positions in a document's JSON text for what a reader or a schema complains about. The text is
 * valid JSON here (it parsed), so the one-pass property scanner of `core/` finds them without a
 * syntax tree; it is only run when something needs a place.
 */

/** A JSON text and where it sits in its file (a JSON Lines record starts further in). */
export interface JsonSource {
  fileName: string;
  text: string;
  lines: LineIndex;
  /** Offset of `text` in the file. */
  base: number;
  /**
   * For documents that were not JSON to begin with (CycloneDX XML, converted): where the value a
   * path names came from, as offsets in the file. Tried before the JSON scanner.
   */
  locate?: (path: readonly string[]) => [number, number] | undefined;
}

/** The place of the value at `path` (keys and array indexes): its key, else its nearest located parent. */
export function locatePath(source: JsonSource, path: readonly string[]): [number, number] {
  if (source.locate) {
    for (let depth = path.length; depth >= 0; depth--) {
      const found = source.locate(path.slice(0, depth));
      if (found) return [found[0] - source.base, found[1] - source.base];
    }
  }
  for (let depth = path.length; depth > 0; depth--) {
    const prefix = path.slice(0, depth);
    const found = locateJsonProperties(source.text, patternFor([...prefix, '*']));
    const exact = found.find((p) => sameList(p.path, prefix));
    if (exact) return [exact.keyStart, exact.keyEnd];
    // An array element has no key: point at its first property instead.
    const inside = found.find((p) => p.path.length > prefix.length && sameList(p.path.slice(0, prefix.length), prefix));
    if (inside) return [inside.keyStart, inside.keyEnd];
  }
  const start = source.text.length - source.text.trimStart().length;
  return [start, start + 1];
}

/** An error at the value `path` points to, worded `could not parse <file> at l:c: <reason>`. */
export function errorAt(source: JsonSource, path: readonly string[], reason: string): ParseError {
  const [start, end] = locatePath(source, path);
  return syntaxError(source.lines, source.fileName, reason, source.base + start, source.base + Math.max(end, start + 1));
}

/** A warning at `path`: the document is still read. */
export function warningAt(source: JsonSource, path: readonly string[], reason: string): ParseError {
  const error = errorAt(source, path, reason);
  return { ...error, message: `${source.fileName} at ${error.range.start.line + 1}:${error.range.start.character + 1}: ${reason}`, severity: 'warning' };
}

/**
 * The extent of each element of the array at `arrayPath` (from its first key to the end of its last
 * value), by index: statements carry their range for diagnostics on them. One scan for all elements.
 */
export function elementRanges(source: JsonSource, arrayPath: readonly string[]): Map<number, Range> {
  if (source.locate) return locatedRanges(source, arrayPath);
  const pattern = patternFor([...arrayPath, '*', '*']);
  const spans = new Map<number, [number, number]>();
  for (const p of locateJsonProperties(source.text, pattern)) {
    if (p.path.length !== arrayPath.length + 2) continue;
    const index = Number(p.path[arrayPath.length]);
    const span = spans.get(index);
    // keyStart - 1 takes in the opening quote of the first key.
    if (!span) spans.set(index, [p.keyStart - 1, p.valueEnd]);
    else span[1] = Math.max(span[1], p.valueEnd);
  }
  const out = new Map<number, Range>();
  for (const [index, [start, end]] of spans) {
    // Widen to the element's own braces: `{` before its first key, `}` after its last value.
    const open = skipSpace(source.text, start - 1, -1);
    const close = skipSpace(source.text, source.text.charCodeAt(end) === 34 ? end + 1 : end, 1);
    const from = source.text[open] === '{' ? open : start;
    const to = source.text[close] === '}' ? close + 1 : end;
    out.set(index, source.lines.range(source.base + from, source.base + to));
  }
  return out;
}

function locatedRanges(source: JsonSource, arrayPath: readonly string[]): Map<number, Range> {
  const out = new Map<number, Range>();
  for (let index = 0; ; index++) {
    const found = source.locate!([...arrayPath, String(index)]);
    if (!found) return out;
    out.set(index, source.lines.range(found[0], found[1]));
  }
}

/** A JSON Pointer (ajv's `instancePath`) as its list of keys. */
export function pointerPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function patternFor(path: readonly string[]): JsonPattern {
  let pattern: JsonPattern | true = true;
  for (let i = path.length - 1; i >= 0; i--) {
    const level: JsonPattern = Object.create(null) as JsonPattern;
    level[path[i]!] = pattern;
    pattern = level;
  }
  return pattern === true ? {} : pattern;
}

function skipSpace(text: string, at: number, step: 1 | -1): number {
  while (at >= 0 && at < text.length && /\s/.test(text[at]!)) at += step;
  return at;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
