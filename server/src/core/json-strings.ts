/** The two string primitives every offset-keeping JSON scanner here needs. */

const BACKSLASH = 92;

/** Offset just past the closing quote of the JSON string whose opening quote is at `start`. */
export function jsonStringEnd(text: string, start: number): number {
  let p = start + 1;
  for (;;) {
    const q = text.indexOf('"', p);
    if (q === -1) return text.length;
    // A quote ends the string unless an odd run of backslashes escapes it.
    let backslashes = 0;
    for (let b = q - 1; text.charCodeAt(b) === BACKSLASH; b--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    p = q + 1;
  }
}

/** The value of the JSON string text between `start` and `end` (quotes excluded), escapes decoded. */
export function jsonStringValue(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  if (raw.indexOf('\\') === -1) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
