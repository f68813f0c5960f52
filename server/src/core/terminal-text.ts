/**
 * Untrusted text (package names, advisory text, registry metadata, file contents) made safe for
 * sinks that show characters as they are: terminals, CI logs, diagnostic messages, SARIF.
 *
 * A terminal obeys escape sequences in what it prints: `ESC[1A ESC[2K` erases the line above (a
 * CRITICAL row), OSC 8 (`ESC]8;;url ESC\`) wraps text in a hidden link. Bidirectional controls
 * (Trojan Source, CVE-2021-42574) reorder what the eye reads without changing the bytes.
 */

// eslint-disable-next-line no-control-regex
const TERMINAL_SEQUENCES = new RegExp(
  [
    // CSI (7-bit and 8-bit): ESC [ or U+009B, parameters, intermediates, one final byte.
    '(?:\\u001b\\[|\\u009b)[0-?]*[ -/]*[@-~]?',
    // OSC, DCS, SOS, PM, APC: everything up to the string terminator (BEL, ESC \, U+009C) or the end.
    '(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d-\\u009f])[\\s\\S]*?(?:\\u0007|\\u001b\\\\|\\u009c|$)',
    // Any other escape: ESC and the one character it selects.
    '\\u001b[ -~]?',
  ].join('|'),
  'g',
);

/** C0 and C1 control characters except tab and line feed, DEL, and the Unicode line separators. */
// eslint-disable-next-line no-control-regex
const CONTROLS_EXCEPT_TAB_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Characters that change the display order of text: ALM, LRM, RLM, LRE…RLO, LRI…PDI. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Removes bidirectional controls; everything else is kept (for Markdown, SARIF, JSON text). */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * Text that may span lines but carries no terminal sequence, control character (tab and newline
 * excepted; CR ends a line) or bidirectional control.
 */
export function safeMultilineText(text: string): string {
  return withoutBidiControls(text.replace(/\r\n?/g, '\n').replace(TERMINAL_SEQUENCES, '')).replace(CONTROLS_EXCEPT_TAB_NEWLINE, ' ');
}

/**
 * One line of plain text for terminals and plain-text messages: sequences and controls removed,
 * whitespace collapsed, and at most `maxLength` characters (with `…` when cut).
 */
export function plainText(text: string, maxLength = 200): string {
  const collapsed = safeMultilineText(text).replace(/\s+/g, ' ').trim();
  return collapsed.length > maxLength ? `${collapsed.slice(0, Math.max(0, maxLength - 1))}…` : collapsed;
}
