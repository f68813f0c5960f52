import type { DependencyFileKind } from '../files';

/** Composer: composer.json and the composer.lock beside it. */
export const FILES: readonly DependencyFileKind[] = [
  { parser: 'packagist/composer-json', ecosystem: 'Packagist', kind: 'manifest', patterns: ['composer.json'], lockfiles: ['packagist/composer-lock'] },
  { parser: 'packagist/composer-lock', ecosystem: 'Packagist', kind: 'lockfile', patterns: ['composer.lock'], priority: 10 },
];
