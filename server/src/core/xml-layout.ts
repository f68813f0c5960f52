import type { XmlElement } from './xml-tree';

/**
 * The whitespace conventions of an XML file, so inserted elements look as if the user wrote them:
 * the line ending, one indentation step, and the indentation of a given element.
 */
export interface XmlLayout {
  eol: string;
  unit: string;
}

export function xmlLayout(text: string, root: XmlElement): XmlLayout {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const rootIndent = indentOf(text, root.start) ?? '';
  for (const child of root.children) {
    const indent = indentOf(text, child.start);
    if (indent !== undefined && indent.length > rootIndent.length && indent.startsWith(rootIndent)) {
      return { eol, unit: indent.slice(rootIndent.length) };
    }
  }
  return { eol, unit: text.includes('\n\t<') ? '\t' : '  ' };
}

/** The whitespace before `offset` on its line, or undefined when other text precedes it there. */
export function indentOf(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/** Indentation for a child of `parent`: its own children's, or the parent's plus one step. */
export function childIndent(text: string, parent: XmlElement, layout: XmlLayout): string {
  for (const child of parent.children) {
    const indent = indentOf(text, child.start);
    if (indent !== undefined) return indent;
  }
  return (indentOf(text, parent.start) ?? '') + layout.unit;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Where and what to insert so `lines` (already indented for a child of `parent`) become its last
 * children: after the current last child, or in place of an empty or self-closing element.
 */
export function appendChildEdit(
  text: string,
  parent: XmlElement,
  lines: readonly string[],
  layout: XmlLayout,
): { start: number; end: number; newText: string } {
  const parentIndent = indentOf(text, parent.start) ?? '';
  const block = lines.map((line) => layout.eol + line).join('');
  const last = parent.children[parent.children.length - 1];
  if (last) return { start: last.end, end: last.end, newText: block };
  if (parent.selfClosing) {
    const open = text.slice(parent.start, parent.startTagEnd).replace(/\s*\/>$/, '>');
    return { start: parent.start, end: parent.end, newText: `${open}${block}${layout.eol}${parentIndent}</${tagName(text, parent)}>` };
  }
  return { start: parent.startTagEnd, end: parent.endTagStart, newText: `${block}${layout.eol}${parentIndent}` };
}

/** The element's name as written (with its prefix, if any). */
export function tagName(text: string, element: XmlElement): string {
  const m = /^<([^\s/>]+)/.exec(text.slice(element.start, element.startTagEnd));
  return m ? m[1]! : element.name;
}
