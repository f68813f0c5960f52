import type { FormatEntry } from '../format';

export const GO_MOD_TIDY = { command: 'go', args: ['mod', 'tidy'] } as const;

/**
 * The Go dependency files. go.mod is its own lockfile (minimal version selection builds the
 * versions it names), so it pairs with no other file. go.sum is read on its own only where no
 * go.mod sits next to it (its parser checks); for go.mod files older than go 1.17 the go.mod parser
 * merges it.
 *
 * None takes a byte-order mark: x/mod/modfile's lexer stops at U+FEFF ("unexpected input
 * character"), and cmd/go reads go.sum by whitespace-separated fields, so the mark becomes part of
 * the first module path and that line's checksum never matches.
 */
export const FORMATS = [
  { parser: 'go/go-mod', ecosystem: 'Go', kind: 'manifest', patterns: ['go.mod'], language: 'go.mod', byteOrderMark: { rejectedBy: 'the go command' }, lockfileCommand: GO_MOD_TIDY, lockfiles: [] },
  {
    parser: 'go/go-work',
    ecosystem: 'Go',
    kind: 'manifest',
    patterns: ['go.work'],
    language: 'go.work',
    byteOrderMark: { rejectedBy: 'the go command' },
    lockfileCommand: { command: 'go', args: ['work', 'sync'] },
    lockfiles: [],
  },
  { parser: 'go/go-sum', ecosystem: 'Go', kind: 'lockfile', patterns: ['go.sum'], language: 'go.sum', byteOrderMark: { rejectedBy: 'the go command' }, lockfileCommand: GO_MOD_TIDY, priority: 1 },
] as const satisfies readonly FormatEntry[];
