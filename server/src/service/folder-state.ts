import { isAbsolute, relative, sep } from 'node:path';
import type { Omission } from '../analysis/omissions';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import type { ChainsightSettings } from '../settings';
import type { Triage } from '../triage/types';

/** One workspace folder: its settings, its dependency files and their latest analysis. */
export interface FolderState {
  root: string;
  settings: ChainsightSettings;
  paths: string[];
  /** What the last discovery could not look at (unreadable folders, the file limit). */
  discoveryOmissions?: Omission[];
  analysis?: WorkspaceAnalysis;
  /** VEX, policy and KEV applied to `analysis` (service/triage-service.ts). */
  triage?: Triage;
}

/** The innermost folder that holds `path`. */
export function folderOf<F extends { root: string }>(folders: readonly F[], path: string): F | undefined {
  let best: F | undefined;
  for (const folder of folders) if (isInside(path, folder.root) && (!best || folder.root.length > best.root.length)) best = folder;
  return best;
}

export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !isAbsolute(rel);
}

export function analysesOf(folders: readonly FolderState[]): WorkspaceAnalysis[] {
  return folders.map((f) => f.analysis).filter((a): a is WorkspaceAnalysis => a !== undefined);
}
