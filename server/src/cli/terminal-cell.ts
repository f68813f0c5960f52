/**
 * Untrusted text (package names, VEX statements, file names from documents) made safe for one
 * table cell: escape sequences, C0 and C1 controls, and bidirectional controls (Trojan Source)
 * removed, whitespace collapsed, length capped.
 *
 * Stand-in until core/'s sanitising function lands on main (another change adds it); replace the
 * body with that function then, the callers stay as they are.
 */
// eslint-disable-next-line no-control-regex
const ESCAPES = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u001b[ -~]?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalCell(text: string, maxLength = 120): string {
  const clean = text.replace(ESCAPES, '').replace(BIDI, '').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
}
