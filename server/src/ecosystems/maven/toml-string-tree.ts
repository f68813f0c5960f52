import { type TomlAst as AST, type TomlKeyNode, keyContentRange, keyName, parseTomlSyntax, stringContentRange } from '../../core/toml-syntax';

/**
 * A TOML document as nested tables of strings with source offsets: dotted keys, `[a.b]` headers
 * and inline tables all land in the same shape, so readers look values up by path and never
 * care how the file spelled them.
 */
export type TomlNode = TomlTable | TomlString | TomlOther;

export interface TomlTable {
  kind: 'table';
  entries: Map<string, TomlEntry>;
}

export interface TomlString {
  kind: 'string';
  value: string;
  /** Offsets of the string's content, quotes excluded. */
  start: number;
  end: number;
}

export interface TomlOther {
  kind: 'other';
}

export interface TomlEntry {
  /** Offsets of the last key segment. */
  keyStart: number;
  keyEnd: number;
  node: TomlNode;
}

export type TomlParse = { root: TomlTable } | { error: { message: string; offset: number } };

export function parseTomlTree(text: string): TomlParse {
  const parsed = parseTomlSyntax(text);
  if ('error' in parsed) return { error: { message: parsed.error.message, offset: missingValueOffset(text, parsed.error.offset) } };
  const root: TomlTable = { kind: 'table', entries: new Map() };
  for (const item of parsed.ast.body[0].body) {
    if (item.type === 'TOMLKeyValue') {
      addKeyValue(text, root, item);
      continue;
    }
    if (item.kind === 'array') continue; // [[array.of.tables]]: not used by the formats read here
    const table = tableAt(root, item.key);
    if (!table) continue;
    for (const kv of item.body) addKeyValue(text, table, kv);
  }
  return { root };
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

function addKeyValue(source: string, table: TomlTable, kv: AST.TOMLKeyValue): void {
  const keys = kv.key.keys;
  let target: TomlTable | undefined = table;
  for (const key of keys.slice(0, -1)) target = child(target, key);
  const last = keys[keys.length - 1];
  if (!target || !last) return;
  const [keyStart, keyEnd] = keyContentRange(last);
  target.entries.set(keyName(last), { keyStart, keyEnd, node: convert(source, kv.value) });
}

function tableAt(root: TomlTable, key: AST.TOMLKey): TomlTable | undefined {
  let target: TomlTable | undefined = root;
  for (const part of key.keys) target = child(target, part);
  return target;
}

/** The sub-table under `key`, created when missing; undefined when a non-table already sits there. */
function child(table: TomlTable | undefined, key: TomlKeyNode): TomlTable | undefined {
  if (!table) return undefined;
  const name = keyName(key);
  const existing = table.entries.get(name);
  if (existing) return existing.node.kind === 'table' ? existing.node : undefined;
  const created: TomlTable = { kind: 'table', entries: new Map() };
  const [keyStart, keyEnd] = keyContentRange(key);
  table.entries.set(name, { keyStart, keyEnd, node: created });
  return created;
}

function convert(source: string, node: AST.TOMLContentNode): TomlNode {
  if (node.type === 'TOMLInlineTable') {
    const table: TomlTable = { kind: 'table', entries: new Map() };
    for (const kv of node.body) addKeyValue(source, table, kv);
    return table;
  }
  if (node.type === 'TOMLValue' && node.kind === 'string') {
    const [start, end] = stringContentRange(node, source);
    return { kind: 'string', value: node.value, start, end };
  }
  return { kind: 'other' };
}

/** Path lookup through nested tables. */
export function tomlGet(table: TomlTable, ...path: string[]): TomlEntry | undefined {
  let current: TomlTable = table;
  let entry: TomlEntry | undefined;
  for (const key of path) {
    entry = current.entries.get(key);
    if (!entry) return undefined;
    if (entry.node.kind === 'table') current = entry.node;
    else if (key !== path[path.length - 1]) return undefined;
  }
  return entry;
}

export function tomlString(table: TomlTable, ...path: string[]): TomlString | undefined {
  const node = tomlGet(table, ...path)?.node;
  return node?.kind === 'string' ? node : undefined;
}
