import type { DependencyFileKind } from '../files';

/** The Pub dependency files, merged into DEPENDENCY_FILES. Plain data, so the client can import it. */
export const FILES: readonly DependencyFileKind[] = [
  { parser: 'pub/pubspec-yaml', ecosystem: 'Pub', kind: 'manifest', patterns: ['pubspec.yaml'], lockfiles: ['pub/pubspec-lock'] },
  { parser: 'pub/pubspec-lock', ecosystem: 'Pub', kind: 'lockfile', patterns: ['pubspec.lock'], priority: 10 },
];
