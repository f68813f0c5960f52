import type { DependencyFileKind } from '../files';

/**
 * The npm family's other lockfiles, to merge into `DEPENDENCY_FILES`. Each resolves package.json.
 * None shadows another: where a folder holds two, the manifest pairs with the first in its
 * `lockfiles` order and the other is still scanned on its own.
 */
export const NPM_FAMILY_FILES: readonly DependencyFileKind[] = [
  { parser: 'npm/yarn-lock', ecosystem: 'npm', kind: 'lockfile', patterns: ['yarn.lock'] },
  { parser: 'npm/pnpm-lock', ecosystem: 'npm', kind: 'lockfile', patterns: ['pnpm-lock.yaml'] },
  // bun.lockb (the binary format before bun 1.2) is not read.
  { parser: 'npm/bun-lock', ecosystem: 'npm', kind: 'lockfile', patterns: ['bun.lock'] },
];
