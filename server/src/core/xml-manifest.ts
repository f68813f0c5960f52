import type { ParseError } from './package';
import { syntaxError } from './syntax-error';
import type { LineIndex } from './text-range';
import { parseXml, type XmlElement } from './xml-tree';

export interface ExpectedRoot {
  /** File name for the syntax error: `could not parse pom.xml at ...`. */
  label: string;
  /** The root element this kind of file has, spelled as its tools write it. */
  root: string;
  /** What the file is, for the wrong-root error: `not a Maven POM: ...`. */
  kind: string;
  /** MSBuild element names are case-insensitive; POM and packages.config names are not. */
  ignoreCase?: boolean;
}

/**
 * The root element of an XML manifest, or the one error that stops reading it: the first syntax
 * error, or a root element that says this is some other kind of file.
 */
export function readManifestXml(text: string, index: LineIndex, expected: ExpectedRoot): { root: XmlElement } | { error: ParseError } {
  const doc = parseXml(text);
  if (!doc.root) return { error: syntaxError(index, expected.label, doc.error!.message, doc.error!.offset) };
  const name = doc.root.name;
  if (expected.ignoreCase ? name.toLowerCase() !== expected.root.toLowerCase() : name !== expected.root) {
    const range = index.range(doc.root.start, doc.root.startTagEnd);
    return { error: { message: `not ${expected.kind}: the root element is <${name}>, not <${expected.root}>`, range, severity: 'error' } };
  }
  return { root: doc.root };
}
