import type { ParseError } from './package';
import { LineIndex } from './text-range';
import { syntaxError } from './syntax-error';
import { type TomlAst as AST, keyContentRange, keyName, parseTomlSyntax, stringContentRange as syntaxContentRange } from './toml-syntax';

/**
 * THE TOML document model: nested tables whose leaves keep their syntax nodes, so parsers can read
 * values and still know where each key and value sits in the text. Built from toml-eslint-parser's
 * AST: `[a.b]` headers, `[[array]]` tables, dotted keys and inline tables all end up in one tree,
 * the way TOML defines the document, so readers look values up by path and never care how the file
 * spelled them. Every TOML format reads through it (pyproject.toml and the Python lockfiles,
 * Cargo.toml and Cargo.lock, Gradle version catalogs).
 */
export type TomlValue = TomlString | TomlScalar | TomlArray | TomlTable;

export interface TomlString {
  kind: 'string';
  value: string;
  node: AST.TOMLStringValue;
}

export interface TomlScalar {
  kind: 'integer' | 'float' | 'boolean' | 'datetime';
  value: unknown;
  node: AST.TOMLValue;
}

export interface TomlArray {
  kind: 'array';
  items: TomlValue[];
  /** Absent for an array of tables written as `[[headers]]`. */
  node?: AST.TOMLArray;
}

export interface TomlTable {
  kind: 'table';
  entries: Map<string, TomlEntry>;
  /** The inline table node, or the last `[header]` that opened this table. */
  inline?: AST.TOMLInlineTable;
  headers: AST.TOMLTable[];
}

export interface TomlEntry {
  key: string;
  /** Offsets of the key's text (quotes excluded); for a table opened by a header, the header's last key. */
  keyStart: number;
  keyEnd: number;
  value: TomlValue;
  /** The `key = value` node, when the entry was written as one. */
  keyValue?: AST.TOMLKeyValue;
}

export type TomlParse = { ok: true; root: TomlTable; program: AST.TOMLProgram } | { ok: false; error: ParseError };

/**
 * Parses TOML text; a syntax error comes back as one error at the place the parser reports. Read as
 * TOML 1.1 unless the format's tools read 1.0 only (Python's tomllib): then what only 1.1 allows is
 * an error, as it is for them.
 */
export function parseTomlDocument(text: string, fileLabel: string, options: { tomlVersion?: '1.0' } = {}): TomlParse {
  const parsed = parseTomlSyntax(text, options.tomlVersion);
  if ('error' in parsed) {
    // Keep the reason alone: the position is given once, in front of it.
    const reason = parsed.error.message.replace(/\s*\(\d+:\d+\)\s*$/, '');
    return { ok: false, error: syntaxError(new LineIndex(text), fileLabel, reason, missingValueOffset(text, parsed.error.offset)) };
  }
  const program = parsed.ast;
  try {
    return { ok: true, root: buildTree(program), program };
  } catch (e) {
    // The parser accepted it, so this is a document shape our tree builder does not model.
    return { ok: false, error: { message: `could not read ${fileLabel}: ${(e as Error).message}`, range: new LineIndex(text).range(0, 0), severity: 'error' } };
  }
}

/**
 * A missing value (`key = ` then a newline) is reported at the next line's first token; the
 * mistake is right after the `=` (or an opening bracket or comma) on the line before.
 */
function missingValueOffset(text: string, offset: number): number {
  let i = Math.min(offset, text.length) - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  const skipped = text.slice(i + 1, offset);
  return skipped.includes('\n') && /[=,[{]/.test(text[i] ?? '') ? i + 1 : offset;
}

function buildTree(program: AST.TOMLProgram): TomlTable {
  const root = newTable();
  const top = program.body[0];
  for (const item of top?.body ?? []) {
    if (item.type === 'TOMLKeyValue') insertKeyValue(root, item);
    else insertTable(root, item);
  }
  return root;
}

function newTable(): TomlTable {
  return { kind: 'table', entries: new Map(), headers: [] };
}

function insertTable(root: TomlTable, header: AST.TOMLTable): void {
  const path = header.resolvedKey;
  const keyNodes = header.key.keys;
  const lastKey = keyNodes[keyNodes.length - 1]!;
  let table = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const next = path[i + 1];
    if (typeof segment === 'number') continue;
    const isLastName = i === path.length - 1 || (i === path.length - 2 && typeof next === 'number');
    let entry = table.entries.get(segment);
    if (!entry) {
      const [keyStart, keyEnd] = isLastName ? keyContentRange(lastKey) : [header.range[0], header.range[0]];
      const value: TomlValue = typeof next === 'number' ? { kind: 'array', items: [] } : newTable();
      entry = { key: segment, keyStart, keyEnd, value };
      table.entries.set(segment, entry);
    }
    if (typeof next === 'number') {
      if (entry.value.kind !== 'array') throw new Error(`\`${segment}\` is both a table and an array of tables`);
      while (entry.value.items.length <= next) entry.value.items.push(newTable());
      const item = entry.value.items[next]!;
      if (item.kind !== 'table') throw new Error(`\`${segment}\` mixes tables and values`);
      table = item;
    } else {
      if (entry.value.kind !== 'table') throw new Error(`\`${segment}\` is not a table`);
      table = entry.value;
    }
  }
  table.headers.push(header);
  for (const kv of header.body) insertKeyValue(table, kv);
}

function insertKeyValue(table: TomlTable, kv: AST.TOMLKeyValue): void {
  const keys = kv.key.keys;
  let target = table;
  for (let i = 0; i < keys.length - 1; i++) {
    const name = keyName(keys[i]!);
    let entry = target.entries.get(name);
    if (!entry) {
      const [keyStart, keyEnd] = keyContentRange(keys[i]!);
      entry = { key: name, keyStart, keyEnd, value: newTable() };
      target.entries.set(name, entry);
    }
    if (entry.value.kind !== 'table') return;
    target = entry.value;
  }
  const last = keys[keys.length - 1]!;
  const [keyStart, keyEnd] = keyContentRange(last);
  target.entries.set(keyName(last), { key: keyName(last), keyStart, keyEnd, value: convert(kv.value), keyValue: kv });
}

function convert(node: AST.TOMLContentNode): TomlValue {
  switch (node.type) {
    case 'TOMLArray':
      return { kind: 'array', items: node.elements.map(convert), node };
    case 'TOMLInlineTable': {
      const table: TomlTable = { ...newTable(), inline: node };
      for (const kv of node.body) insertKeyValue(table, kv);
      return table;
    }
    default:
      if (node.kind === 'string') return { kind: 'string', value: node.value, node };
      if (node.kind === 'integer' || node.kind === 'float' || node.kind === 'boolean') return { kind: node.kind, value: node.value, node };
      return { kind: 'datetime', value: node.datetime, node };
  }
}

// ---- navigation ----

export function entry(table: TomlTable | undefined, key: string): TomlEntry | undefined {
  return table?.entries.get(key);
}

export function tableAt(table: TomlTable | undefined, ...path: string[]): TomlTable | undefined {
  let current: TomlValue | undefined = table;
  for (const key of path) {
    if (current?.kind !== 'table') return undefined;
    current = current.entries.get(key)?.value;
  }
  return current?.kind === 'table' ? current : undefined;
}

export function valueAt(table: TomlTable | undefined, ...path: string[]): TomlValue | undefined {
  const parent = tableAt(table, ...path.slice(0, -1));
  return parent?.entries.get(path[path.length - 1]!)?.value;
}

export function stringAt(table: TomlTable | undefined, ...path: string[]): TomlString | undefined {
  const value = valueAt(table, ...path);
  return value?.kind === 'string' ? value : undefined;
}

export function arrayAt(table: TomlTable | undefined, ...path: string[]): TomlArray | undefined {
  const value = valueAt(table, ...path);
  return value?.kind === 'array' ? value : undefined;
}

export function booleanAt(table: TomlTable | undefined, ...path: string[]): boolean | undefined {
  const value = valueAt(table, ...path);
  return value?.kind === 'boolean' ? Boolean(value.value) : undefined;
}

/** Tables in an array (`[[package]]` or an array of inline tables); other items are skipped. */
export function tablesIn(array: TomlArray | undefined): TomlTable[] {
  return (array?.items ?? []).filter((item): item is TomlTable => item.kind === 'table');
}

// ---- string offsets ----

/** Offsets of a string's content in the source text (quotes and a leading multi-line newline excluded). */
export function stringContentRange(value: TomlString, text: string): [number, number] {
  return syntaxContentRange(value.node, text);
}

/**
 * The source offset of the character at `index` of a string's decoded value (or of the end, for
 * index === value.length). Escapes make the two differ (`"a \"quoted\" b"`), so the mapping walks
 * the source when the raw content is not the value itself.
 */
export function sourceOffset(value: TomlString, text: string, index: number): number {
  const [contentStart, contentEnd] = stringContentRange(value, text);
  const raw = text.slice(contentStart, contentEnd);
  if (raw === value.value || value.node.style === 'literal') return contentStart + Math.min(index, raw.length);
  let decoded = 0;
  let i = 0;
  while (i < raw.length && decoded < index) {
    if (raw[i] !== '\\') {
      i++;
      decoded++;
      continue;
    }
    const next = raw[i + 1];
    if (next === 'u' || next === 'U') {
      const digits = next === 'u' ? 4 : 8;
      const cp = parseInt(raw.slice(i + 2, i + 2 + digits), 16);
      decoded += Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp).length : 1;
      i += 2 + digits;
    } else if (next === '\n' || next === '\r' || next === ' ' || next === '\t') {
      // A line-ending backslash in a multi-line string swallows the following whitespace.
      i++;
      while (i < raw.length && /\s/.test(raw[i]!)) i++;
    } else {
      i += 2;
      decoded++;
    }
  }
  return contentStart + Math.min(i, raw.length);
}
