import { type Document, type Node, type Pair, type YAMLMap, isMap, isScalar, isSeq, parseDocument } from 'yaml';

/**
 * `yaml` (YAML with source ranges) wrapped for pub files: a syntax error becomes a value with the
 * position the library reports, and scalars are read with the offsets of their text (quotes
 * excluded), so a plain `1.2` stays the text "1.2" rather than the number 1.2.
 */
export type YamlNode = Node;

export interface YamlSyntaxError {
  message: string;
  start: number;
  end: number;
}

export function parseYamlText(text: string): { doc: Document.Parsed } | { error: YamlSyntaxError } {
  try {
    const doc = parseDocument(text, { prettyErrors: false });
    const first = doc.errors[0];
    if (first) return { error: { message: first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), start: first.pos[0], end: Math.max(first.pos[1], first.pos[0]) } };
    return { doc };
  } catch (e) {
    return { error: { message: e instanceof Error ? e.message : String(e), start: 0, end: 0 } };
  }
}

export function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

/** The pairs of a mapping whose keys are scalars, with the key text. */
export function mapEntries(map: YAMLMap): Array<{ key: string; pair: Pair; keyNode: Node }> {
  const out: Array<{ key: string; pair: Pair; keyNode: Node }> = [];
  for (const pair of map.items) {
    if (!isScalar(pair.key) || pair.key.value === null || pair.key.value === undefined) continue;
    out.push({ key: String(pair.key.value), pair, keyNode: pair.key });
  }
  return out;
}

export function mapGet(map: YAMLMap | undefined, key: string): unknown {
  if (!map) return undefined;
  return mapEntries(map).find((e) => e.key === key)?.pair.value ?? undefined;
}

export interface ScalarText {
  text: string;
  /** Offsets of the text in the file, quotes excluded. */
  start: number;
  end: number;
  quoted: boolean;
}

/** A scalar's text as written (plain) or its string value (quoted); undefined for null and non-scalars. */
export function scalarText(node: unknown, source: string): ScalarText | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined || !node.range) return undefined;
  const [start, end] = node.range;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return { text: String(node.value), start: start + 1, end: end - 1, quoted: true };
  if (node.type === 'PLAIN') return { text: source.slice(start, end), start, end, quoted: false };
  return { text: String(node.value), start, end, quoted: false };
}

export function stringOf(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined && typeof node.value !== 'object' ? String(node.value) : undefined;
}

export function stringList(node: unknown): string[] {
  if (!isSeq(node)) return [];
  return node.items.map((i) => stringOf(i)).filter((s): s is string => s !== undefined);
}
