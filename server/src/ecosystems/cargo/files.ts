import type { DependencyFileKind } from '../files';

/** The crates.io dependency files, merged into DEPENDENCY_FILES. Plain data, so the client can import it. */
export const FILES: readonly DependencyFileKind[] = [
  { parser: 'cargo/cargo-toml', ecosystem: 'crates.io', kind: 'manifest', patterns: ['Cargo.toml'], lockfiles: ['cargo/cargo-lock'] },
  { parser: 'cargo/cargo-lock', ecosystem: 'crates.io', kind: 'lockfile', patterns: ['Cargo.lock'], priority: 10 },
];
