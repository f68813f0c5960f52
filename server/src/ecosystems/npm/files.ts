import type { DependencyFileKind } from '../files';
import { NPM_FAMILY_FILES } from './family-files';

/** The npm dependency files, merged into DEPENDENCY_FILES. Plain data, so the client can import it. */
export const FILES: readonly DependencyFileKind[] = [
  {
    parser: 'npm/package-json',
    ecosystem: 'npm',
    kind: 'manifest',
    patterns: ['package.json'],
    // A newer tool's lockfile is usually the live one when an older one was left behind (`pnpm
    // import`, `bun install`); package.json's `packageManager` field, when set, decides first.
    lockfiles: ['npm/npm-shrinkwrap', 'npm/bun-lock', 'npm/pnpm-lock', 'npm/yarn-lock', 'npm/package-lock'],
  },
  // npm reads npm-shrinkwrap.json and ignores a package-lock.json next to it.
  { parser: 'npm/npm-shrinkwrap', ecosystem: 'npm', kind: 'lockfile', patterns: ['npm-shrinkwrap.json'], priority: 20, shadows: ['npm/package-lock'] },
  { parser: 'npm/package-lock', ecosystem: 'npm', kind: 'lockfile', patterns: ['package-lock.json'], priority: 10 },
  ...NPM_FAMILY_FILES,
];
