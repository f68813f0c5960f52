import { type Document, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { YamlEntry, YamlReadResult, YamlSyntaxError, YamlValue } from './tree';

/**
 * The general path: the `yaml` library, for everything the subset reader leaves (anchors, tags,
 * block scalars, multi-line scalars, tabs) and for syntax errors, which it words and places.
 */
/** The general path alone. Exported for equivalence tests. */
export function readWithYamlLibrary(text: string): YamlReadResult {
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, { prettyErrors: false });
    // An empty stream is an array too, carrying the stream's own errors (e.g. a stray directive).
    const streamErrors = 'errors' in parsed && Array.isArray(parsed.errors) ? parsed.errors : [];
    if (parsed.length === 0 && streamErrors[0]) return { error: libraryError(streamErrors[0]) };
    docs = [...parsed];
  } catch (err) {
    return { error: { message: err instanceof Error ? err.message : String(err), start: 0, end: 0 } };
  }
  for (const doc of docs) {
    const first = doc.errors[0];
    if (first) return { error: libraryError(first) };
  }
  return { documents: docs.map((doc) => fromLibrary(doc.contents, text)) };
}

function libraryError(error: { message: string; pos: [number, number] }): YamlSyntaxError {
  const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return { message, start: error.pos[0], end: Math.max(error.pos[1], error.pos[0]) };
}

function fromLibrary(node: unknown, text: string): YamlValue {
  if (isMap(node)) {
    const entries: YamlEntry[] = [];
    for (const pair of node.items) {
      const key = fromLibrary(pair.key, text);
      // Complex keys (maps as keys) have no place in a lockfile; skip them rather than guess.
      if (!key || key.kind !== 'scalar') continue;
      entries.push({ key: key.value, keyStart: key.start, keyEnd: key.end, value: fromLibrary(pair.value, text) });
    }
    return { kind: 'map', entries, ...(node.flow ? { flow: true } : {}) };
  }
  if (isSeq(node)) return { kind: 'seq', items: node.items.map((item) => fromLibrary(item, text)), ...(node.flow ? { flow: true } : {}) };
  // Aliases are never written by package managers; reading them as empty avoids alias bombs.
  if (isAlias(node) || !isScalar(node) || !node.range) return null;
  const [start, end] = node.range;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return { kind: 'scalar', value: String(node.value), start: start + 1, end: Math.max(start + 1, end - 1), quoted: true };
  if (node.type === 'PLAIN') return start === end ? null : { kind: 'scalar', value: text.slice(start, end), start, end, quoted: false };
  return { kind: 'scalar', value: node.value === null || node.value === undefined ? '' : String(node.value), start, end, quoted: false };
}
