import type { FormatEntry } from '../format';

/** Re-resolves what the manifests changed and keeps every other locked version. */
export const CARGO_LOCK_REFRESH = { command: 'cargo', args: ['update', '--workspace'] } as const;

/**
 * The crates.io dependency files. Cargo's TOML parser (toml_edit) skips a leading byte-order mark
 * in both. A workspace has one Cargo.lock at its root; member manifests pair with it across folders.
 */
export const FORMATS = [
  { parser: 'cargo/cargo-toml', ecosystem: 'crates.io', kind: 'manifest', patterns: ['Cargo.toml'], language: 'toml', byteOrderMark: 'accepted', lockfiles: ['cargo/cargo-lock'] },
  { parser: 'cargo/cargo-lock', ecosystem: 'crates.io', kind: 'lockfile', patterns: ['Cargo.lock'], language: 'toml', byteOrderMark: 'accepted', lockfileCommand: CARGO_LOCK_REFRESH, priority: 10 },
] as const satisfies readonly FormatEntry[];
