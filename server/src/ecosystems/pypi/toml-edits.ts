import { LineIndex } from '../../core/text-range';
import type { TextEdit } from '../types';
import type { TomlArray, TomlTable } from '../../core/toml-document';

/**
 * Small text edits on TOML documents that keep the author's layout: one more `key = value` line
 * at the end of a table, one more item in an array (on its own line when the array is multi-line),
 * a new table at the end of the file.
 */

/** Adds `line` after the last key of a table opened by a `[header]`; undefined for inline or implicit tables. */
export function addLineToTable(text: string, table: TomlTable, line: string): TextEdit | undefined {
  const header = table.headers[table.headers.length - 1];
  if (!header) return undefined;
  const last = header.body[header.body.length - 1];
  const at = last ? last.range[1] : text.indexOf(']', header.key.range[1]) + (header.kind === 'array' ? 2 : 1);
  return insertAt(text, at, `\n${line}`);
}

/** Adds `item` (already TOML, e.g. a quoted string) as the array's last element. */
export function addArrayItem(text: string, array: TomlArray, item: string): TextEdit | undefined {
  const node = array.node;
  if (!node) return undefined;
  const close = node.range[1] - 1;
  const lastElement = node.elements[node.elements.length - 1];
  if (!lastElement) return { range: new LineIndex(text).range(node.range[0], node.range[1]), newText: `[${item}]` };
  const afterLast = lastElement.range[1];
  const between = text.slice(afterLast, close);
  const trailingComma = /^\s*,/.exec(between);
  const multiLine = text.slice(node.range[0], node.range[1]).includes('\n');
  if (multiLine) {
    const lineStart = text.lastIndexOf('\n', lastElement.range[0]) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    if (trailingComma) return insertAt(text, afterLast + trailingComma[0].length, `\n${indent}${item},`);
    return insertAt(text, afterLast, `,\n${indent}${item}`);
  }
  if (trailingComma) return insertAt(text, afterLast + trailingComma[0].length, ` ${item}`);
  return insertAt(text, afterLast, `, ${item}`);
}

/** A new `[header]` table with the given lines at the end of the file. */
export function appendTable(text: string, header: string, lines: string[]): TextEdit {
  const lead = text.length === 0 ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return insertAt(text, text.length, `${lead}[${header}]\n${lines.join('\n')}\n`);
}

export function insertAt(text: string, offset: number, newText: string): TextEdit {
  const position = new LineIndex(text).position(offset);
  return { range: { start: position, end: position }, newText };
}

export function replaceRange(text: string, start: number, end: number, newText: string): TextEdit {
  return { range: new LineIndex(text).range(start, end), newText };
}

/** A TOML basic string for text that needs no escapes beyond quotes and backslashes. */
export function tomlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
