/**
 * The fast way to find where the entries of one big JSON object are, when JSON.parse has already
 * given us their keys in document order (JSON.parse keeps source order for non-integer keys): search
 * forwards for each `"key":` in turn, with the engine's native string search. It costs a fraction
 * of a character-by-character scan.
 *
 * Only the keys are searched for, and every offset is checked (the text at it is the key, followed
 * by a colon); when a key cannot be found that way the caller falls back to the full scanner, so the
 * answer is never a guess.
 */
export function findKeysInOrder(text: string, keys: readonly string[], from = 0, objectValues = false): Array<{ keyStart: number; keyEnd: number; valueStart: number }> | undefined {
  const out: Array<{ keyStart: number; keyEnd: number; valueStart: number }> = [];
  let cursor = from;
  for (const key of keys) {
    const needle = JSON.stringify(key);
    let at = text.indexOf(needle, cursor);
    for (;;) {
      if (at === -1) return undefined;
      const colon = skipSpace(text, at + needle.length);
      const valueStart = skipSpace(text, colon + 1);
      // With `objectValues`, only a key whose value is an object counts (package entries, not the
      // `"name": "range"` pairs of a `requires` map that may come first).
      if (text.charCodeAt(colon) === 58 /* : */ && (!objectValues || text.charCodeAt(valueStart) === 123 /* { */)) {
        out.push({ keyStart: at + 1, keyEnd: at + needle.length - 1, valueStart });
        cursor = colon + 1;
        break;
      }
      at = text.indexOf(needle, at + needle.length);
    }
  }
  return out;
}

/**
 * The string value of `"property":` inside the object that starts at `from` and ends before `until`,
 * checked against the value JSON.parse gave for it. Undefined when not found as expected.
 */
export function findStringProperty(text: string, property: string, expected: string, from: number, until: number): { valueStart: number; valueEnd: number } | undefined {
  const needle = `${JSON.stringify(property)}`;
  let at = text.indexOf(needle, from);
  while (at !== -1 && at < until) {
    const colon = skipSpace(text, at + needle.length);
    if (text.charCodeAt(colon) === 58) {
      const quote = skipSpace(text, colon + 1);
      const literal = JSON.stringify(expected);
      if (text.startsWith(literal, quote)) return { valueStart: quote + 1, valueEnd: quote + literal.length - 1 };
    }
    at = text.indexOf(needle, at + needle.length);
  }
  return undefined;
}

/**
 * `findStringProperty`, and sure of its answer: undefined also when a second `"property":
 * "expected"` pair sits before `until` (a nested object that repeats it), since only a full scan
 * could then tell which one is the entry's own.
 */
export function findOnlyStringProperty(text: string, property: string, expected: string, from: number, until: number): { valueStart: number; valueEnd: number } | undefined {
  const at = findStringProperty(text, property, expected, from, until);
  return at && !findStringProperty(text, property, expected, at.valueEnd, until) ? at : undefined;
}

/** One entry found by `locateEntriesInOrder`: its key, and the string value of the property asked for. */
export interface OrderedEntry {
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  property?: { valueStart: number; valueEnd: number };
}

/**
 * The entries of one JSON object whose value starts at `from`, by `findKeysInOrder`, each with the
 * place of its string `property`, checked against the value JSON.parse gave (`expected[i]`; none
 * to look for when undefined). Each property is searched between its entry's key and the next
 * entry's (the last one: before `until`), and must be the only such pair there. Undefined when
 * anything is not where it should be, or not sure: the caller then asks the full scanner.
 */
export function locateEntriesInOrder(
  text: string,
  keys: readonly string[],
  expected: ReadonlyArray<string | undefined>,
  property: string,
  from: number,
  until = text.length,
  objectValues = false,
): OrderedEntry[] | undefined {
  const found: OrderedEntry[] | undefined = findKeysInOrder(text, keys, from, objectValues);
  if (!found) return undefined;
  for (let i = 0; i < found.length; i++) {
    const value = expected[i];
    if (value === undefined) continue;
    const entry = found[i]!;
    // As the entry's first key (npm writes `version` first) nothing nested can come before it;
    // anywhere else it must be the only such pair in the entry.
    const at =
      findStringProperty(text, property, value, entry.valueStart, skipSpace(text, entry.valueStart + 1) + 1) ??
      findOnlyStringProperty(text, property, value, entry.valueStart, found[i + 1]?.keyStart ?? until);
    if (!at) return undefined;
    entry.property = at;
  }
  return found;
}

function skipSpace(text: string, at: number): number {
  let c = text.charCodeAt(at);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++at);
  return at;
}
