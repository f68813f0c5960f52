import { plainText } from '../core/terminal-text';

/**
 * A plain-text table for the terminal: every cell passed through plainText (cells hold untrusted
 * text), columns padded to their widest cell, two spaces apart.
 */
export function textTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const cells = rows.map((row) => row.map((cell) => plainText(cell)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), ...cells.map(line)].join('\n') + '\n';
}

/** `2026-01-02 10:11` from an ISO time: tables show minutes, JSON keeps the full time. */
export function shortTime(iso: string): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '';
}

/** A commit as tables show it. */
export function shortCommit(commit: string | undefined): string {
  return commit ? commit.slice(0, 12) : '';
}
