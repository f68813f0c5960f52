import type { DependencyFileKind } from '../files';

/** The Hex dependency files, merged into DEPENDENCY_FILES. Plain data, so the client can import it. */
export const FILES: readonly DependencyFileKind[] = [{ parser: 'hex/mix-lock', ecosystem: 'Hex', kind: 'lockfile', patterns: ['mix.lock'], priority: 10 }];
