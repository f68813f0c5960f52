import { isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { discoverDependencyFiles } from '../analysis/discover';

/** More VEX files than this under one folder is a mis-opened home folder, not a project's triage. */
export const MAX_VEX_FILES = 1_000;

/** Whether a path relative to the workspace folder (`/` separators) matches one of the `chainsight.vex.files` globs. */
export function vexFileMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const patterns = globs.map((g) => g.trim()).filter((g) => g !== '');
  if (patterns.length === 0) return () => false;
  // `dot`: triage lives in `.chainsight/`, and globs such as `**/*.openvex.json` must reach it.
  const match = picomatch(patterns, { dot: true });
  return (relativePath) => match(relativePath);
}

/** `path` relative to `root` with `/` separators, or undefined when it is not inside `root`. */
export function relativeInside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** A setting's path (the VEX file, the policy file) as an absolute path: relative ones are the folder's. */
export function folderPath(root: string, setting: string): string {
  return isAbsolute(setting) ? setting : resolve(root, setting);
}

export interface VexDiscovery {
  paths: string[];
  /** The walk stopped at MAX_VEX_FILES. */
  truncated: boolean;
}

/**
 * The VEX files under `root` that the globs match, walked as dependency discovery walks (installed
 * trees, VCS folders and `exclude` skipped; symbolic links to folders not followed). Folders it cannot
 * list are left out silently: dependency discovery already reports them.
 */
export async function discoverVexFiles(root: string, globs: readonly string[], options: { exclude?: readonly string[]; signal?: AbortSignal } = {}): Promise<VexDiscovery> {
  const match = vexFileMatcher(globs);
  const found = await discoverDependencyFiles(root, { ...options, limit: MAX_VEX_FILES, accept: (path, name) => match(relativeInside(root, path) ?? name) });
  return { paths: found.paths, truncated: found.omissions.some((o) => o.reason === 'file-limit') };
}
