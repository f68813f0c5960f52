import { SaxesParser } from 'saxes';

/**
 * A small element tree over saxes with the source offsets that fixes and diagnostics need. saxes
 * is strict (a well-formedness error is an error, as Maven and MSBuild treat it), streams in one
 * linear pass, and reports JavaScript string indexes, so offsets line up with `LineIndex`.
 * Shared by the Maven (pom.xml) and NuGet (csproj, props, packages.config) readers and fixes.
 */
export interface XmlAttribute {
  name: string;
  /** Decoded value. */
  value: string;
  /** Offsets of the raw value between the quotes. */
  valueStart: number;
  valueEnd: number;
}

export interface XmlElement {
  /** Local name: a namespace prefix, if any, is dropped (POMs and MSBuild use a default namespace). */
  name: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** Offset of `<` of the start tag. */
  start: number;
  /** Offset just after the start tag's `>`. */
  startTagEnd: number;
  /** Offset of `</` of the end tag; equals `startTagEnd` for a self-closing element. */
  endTagStart: number;
  /** Offset just after the element. */
  end: number;
  selfClosing: boolean;
  /** Decoded character data directly inside the element (text and CDATA, not descendants'). */
  text: string;
}

export interface XmlSyntaxError {
  message: string;
  offset: number;
}

export interface XmlDocument {
  root?: XmlElement;
  error?: XmlSyntaxError;
}

/** Thrown inside saxes handlers to stop at the first error; never escapes `parseXml`. */
class StopParsing extends Error {}

export function parseXml(text: string): XmlDocument {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: XmlSyntaxError | undefined;

  parser.on('error', (err) => {
    // saxes prefixes "line:column: "; the position is reported separately as an offset.
    const message = err.message.replace(/^\d+:\d+: /, '');
    // Stray text before the root is reported where it ends; the user's mistake is where it starts.
    const offset = !root && message.startsWith('text data outside of root node') ? firstNonSpace(text) : Math.max(0, parser.position - 1);
    error = { message, offset };
    throw new StopParsing();
  });
  parser.on('opentag', (tag) => {
    const startTagEnd = parser.position;
    const start = text.lastIndexOf('<', startTagEnd - 1);
    const element: XmlElement = {
      name: localName(tag.name),
      attributes: readAttributes(text, start, startTagEnd, tag.attributes as Record<string, string>),
      children: [],
      start,
      startTagEnd,
      endTagStart: startTagEnd,
      end: startTagEnd,
      selfClosing: tag.isSelfClosing,
      text: '',
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root ??= element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    const element = stack.pop();
    if (!element) return;
    element.end = parser.position;
    element.endTagStart = element.selfClosing ? element.startTagEnd : text.lastIndexOf('</', element.end - 1);
  });
  const appendText = (data: string) => {
    const current = stack[stack.length - 1];
    if (current) current.text += data;
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);

  try {
    parser.write(text).close();
  } catch (err) {
    if (!(err instanceof StopParsing)) {
      error ??= { message: err instanceof Error ? err.message : String(err), offset: Math.max(0, parser.position - 1) };
    }
  }
  if (error) return { error };
  if (!root) return { error: { message: 'document must contain a root element', offset: 0 } };
  return { root };
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

/**
 * saxes gives decoded attribute values but no positions; the raw start tag is well-formed by the
 * time `opentag` fires (no `<` inside, quoted values), so a scan of it finds each value's offsets.
 */
function readAttributes(text: string, start: number, end: number, decoded: Record<string, string>): XmlAttribute[] {
  const attributes: XmlAttribute[] = [];
  if (Object.keys(decoded).length === 0) return attributes;
  // Scan the start tag alone: a search over the rest of the document would make this quadratic.
  const tag = text.slice(start, end);
  const pattern = /([^\s=/<>"']+)\s*=\s*(["'])/g;
  pattern.lastIndex = 1;
  for (let m = pattern.exec(tag); m; m = pattern.exec(tag)) {
    const quote = m[2]!;
    const valueStart = m.index + m[0].length;
    const valueEnd = tag.indexOf(quote, valueStart);
    if (valueEnd === -1) break;
    const name = m[1]!;
    attributes.push({ name: localName(name), value: decoded[name] ?? tag.slice(valueStart, valueEnd), valueStart: start + valueStart, valueEnd: start + valueEnd });
    pattern.lastIndex = valueEnd + 1;
  }
  return attributes;
}

/** The first child element with this local name. */
export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** Attribute lookup; MSBuild attribute names are case-insensitive, so callers may ask for that. */
export function attribute(element: XmlElement, name: string, ignoreCase = false): XmlAttribute | undefined {
  if (!ignoreCase) return element.attributes.find((a) => a.name === name);
  const lower = name.toLowerCase();
  return element.attributes.find((a) => a.name.toLowerCase() === lower);
}

/** An element's trimmed text with the offsets of that trimmed text in the raw source. */
export interface XmlText {
  value: string;
  start: number;
  end: number;
}

export function elementText(source: string, element: XmlElement): XmlText {
  const value = element.text.trim();
  let start = element.startTagEnd;
  let end = element.endTagStart;
  while (start < end && isSpace(source.charCodeAt(start))) start++;
  while (end > start && isSpace(source.charCodeAt(end - 1))) end--;
  return { value, start, end };
}

export function childText(source: string, element: XmlElement, name: string): XmlText | undefined {
  const child = childElement(element, name);
  return child ? elementText(source, child) : undefined;
}

function firstNonSpace(text: string): number {
  let i = 0;
  while (i < text.length && (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 0xfeff)) i++;
  return i;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
