import type { FormatEntry } from '../format';

export const MIX_DEPS_GET = { command: 'mix', args: ['deps.get'] } as const;

/**
 * mix.lock only: mix.exs is Elixir code that Chainsight does not evaluate (see
 * docs/ecosystems/hex.md). Mix reads the lock with Elixir's own parser, which stops at a byte-order
 * mark; Mix then treats the lock as empty and resolves everything again.
 */
export const FORMATS = [
  { parser: 'hex/mix-lock', ecosystem: 'Hex', kind: 'lockfile', patterns: ['mix.lock'], language: 'mixlock', byteOrderMark: { rejectedBy: 'Mix (Elixir parser)' }, lockfileCommand: MIX_DEPS_GET, priority: 10 },
] as const satisfies readonly FormatEntry[];
