/**
 * A UTF-8 byte-order mark reaches us as U+FEFF, the first character of the text the editor holds.
 * Readers that must not see it get the text with the mark replaced by a space: the same length, so
 * every offset (and every line and column) still points into the editor's text, and a space is
 * insignificant where these readers meet it (before the first token of JSON, TOML and requirement
 * lines). Formats whose tools refuse the mark never get this far (ecosystems/byte-order-mark.ts).
 */
export const BYTE_ORDER_MARK = 0xfeff;

export function startsWithByteOrderMark(text: string): boolean {
  return text.charCodeAt(0) === BYTE_ORDER_MARK;
}

/** The text with a leading byte-order mark blanked; the same string when there is none. */
export function blankByteOrderMark(text: string): string {
  return startsWithByteOrderMark(text) ? ` ${text.slice(1)}` : text;
}
