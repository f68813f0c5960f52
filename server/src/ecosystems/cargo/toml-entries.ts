import { type TomlAst as AST, type TomlKeyNode, keyContentRange, keyName } from '../../core/toml-syntax';

/**
 * TOML (parsed by core's parseTomlSyntax) read for Cargo files: key-values are flattened to their full
 * dotted path so `[dependencies.serde] version = "1"`, `serde.version = "1"` and
 * `serde = { version = "1" }` can be read alike.
 */

export type TomlProgram = AST.TOMLProgram;
export type TomlNode = AST.TOMLContentNode;

/** A key-value with the full path of its key (table header + dotted key), as strings. */
export interface TomlEntry {
  path: string[];
  /** The key segment nodes of this key-value (not the table header's). */
  keys: TomlKeyNode[];
  /** How many leading path elements come from the table header, and the header's key nodes. */
  headerLength: number;
  headerKeys: TomlKeyNode[];
  value: AST.TOMLContentNode;
  /** For `[[array]]` tables: which element (0-based) the entry belongs to. */
  arrayIndex?: number;
}

/**
 * Every key-value of the document, in order; inline tables are not descended into. (A table header
 * with no key-values under it yields nothing, which is all Cargo files need.)
 */
export function tomlEntries(ast: AST.TOMLProgram): TomlEntry[] {
  const out: TomlEntry[] = [];
  const top = ast.body[0];
  if (!top) return out;
  for (const node of top.body) {
    if (node.type === 'TOMLKeyValue') {
      out.push({ path: keyPath(node.key), keys: node.key.keys, headerLength: 0, headerKeys: [], value: node.value });
      continue;
    }
    const header = node.resolvedKey.filter((k): k is string => typeof k === 'string');
    const arrayIndex = node.kind === 'array' ? lastNumber(node.resolvedKey) : undefined;
    for (const kv of node.body) {
      const entry: TomlEntry = { path: [...header, ...keyPath(kv.key)], keys: kv.key.keys, headerLength: header.length, headerKeys: node.key.keys, value: kv.value };
      if (arrayIndex !== undefined) entry.arrayIndex = arrayIndex;
      out.push(entry);
    }
  }
  return out;
}

/** Key-values of an inline table, with their own key paths. */
export function inlineEntries(node: AST.TOMLInlineTable): Array<{ path: string[]; keys: TomlKeyNode[]; value: AST.TOMLContentNode }> {
  return node.body.map((kv) => ({ path: keyPath(kv.key), keys: kv.key.keys, value: kv.value }));
}

export function keyPath(key: AST.TOMLKey): string[] {
  return key.keys.map(keyName);
}

function lastNumber(path: Array<string | number>): number | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'number') return path[i] as number;
  return undefined;
}

export function stringValue(node: AST.TOMLContentNode | undefined): string | undefined {
  return node && node.type === 'TOMLValue' && node.kind === 'string' ? node.value : undefined;
}

export function booleanValue(node: AST.TOMLContentNode | undefined): boolean | undefined {
  return node && node.type === 'TOMLValue' && node.kind === 'boolean' ? node.value : undefined;
}

export function stringArray(node: AST.TOMLContentNode | undefined): string[] {
  if (!node || node.type !== 'TOMLArray') return [];
  return node.elements.map((e) => stringValue(e)).filter((s): s is string => s !== undefined);
}

/** Offsets of a string's content, quotes excluded (a key segment or a string value). */
export function innerOffsets(node: AST.TOMLContentNode | TomlKeyNode): [number, number] {
  if (node.type === 'TOMLQuoted' || node.type === 'TOMLBare') return keyContentRange(node);
  const [start, end] = node.range;
  if (node.type === 'TOMLValue' && node.kind === 'string') {
    // Unlike core's stringContentRange, a multi-line string's range keeps the newline after the
    // opening quotes: Cargo's ranges and fixes have always been written against this one.
    const q = node.multiline ? 3 : 1;
    return [start + q, end - q];
  }
  return [start, end];
}

/** Whether the document has a table (or dotted key) under `name`, even an empty `[name]` table. */
export function hasTopLevelTable(ast: AST.TOMLProgram, name: string): boolean {
  const top = ast.body[0];
  if (!top) return false;
  return top.body.some((node) => (node.type === 'TOMLTable' ? node.resolvedKey[0] === name : keyPath(node.key)[0] === name));
}
