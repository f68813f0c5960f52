import type { DependencyFileKind } from '../files';

/** The Go dependency files, merged into DEPENDENCY_FILES. Plain data, so the client can import it. */
export const FILES: readonly DependencyFileKind[] = [
  { parser: 'go/go-mod', ecosystem: 'Go', kind: 'manifest', patterns: ['go.mod'], lockfiles: [] },
  { parser: 'go/go-work', ecosystem: 'Go', kind: 'manifest', patterns: ['go.work'], lockfiles: [] },
  { parser: 'go/go-sum', ecosystem: 'Go', kind: 'lockfile', patterns: ['go.sum'], priority: 1 },
];
