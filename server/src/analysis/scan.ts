import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { VulnerabilitySource } from '../osv/source';
import { discoverDependencyFiles } from './discover';
import { diskReader } from './file-reader';
import { DEFAULT_LIMITS, type EngineLimits } from './limits';
import type { Omission } from './omissions';
import { analyzeWorkspace, type WorkspaceAnalysis } from './workspace-analysis';
import { WorkspaceFiles } from './workspace-files';

export interface ScanTarget {
  /** The folder scanned (reports are relative to it, and includes must stay inside it). */
  root: string;
  files: WorkspaceFiles;
  paths: string[];
  /** What discovery could not look at (unreadable folders, the file limit). */
  omissions: Omission[];
}

export interface ScanOptions {
  exclude?: readonly string[];
  signal?: AbortSignal;
  limits?: Partial<EngineLimits>;
}

/** Finds the dependency files under a folder, or takes a single file as the whole target. */
export async function scanTarget(path: string, options: ScanOptions = {}): Promise<ScanTarget> {
  const absolute = resolve(path);
  const stat = await fs.stat(absolute);
  const root = stat.isDirectory() ? absolute : dirname(absolute);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const files = new WorkspaceFiles(diskReader([root], limits));
  const discover = { ...(options.exclude ? { exclude: options.exclude } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  if (stat.isDirectory()) {
    const found = await discoverDependencyFiles(absolute, { ...discover, limit: limits.maxFiles });
    files.setPaths(found.paths);
    return { root, files, paths: found.paths, omissions: found.omissions };
  }
  // A single file: its siblings still matter (a manifest's lockfile), but only it is reported on.
  const siblings = await discoverDependencyFiles(root, { ...discover, limit: 200 });
  files.setPaths(new Set([...siblings.paths.filter((p) => dirname(p) === root), absolute]));
  return { root, files, paths: files.paths(), omissions: [] };
}

export async function scanFolder(path: string, source: VulnerabilitySource, options: ScanOptions = {}): Promise<{ target: ScanTarget; analysis: WorkspaceAnalysis }> {
  const target = await scanTarget(path, options);
  const analysis = await analyzeWorkspace(target.files, target.paths, source, {
    root: target.root,
    omissions: target.omissions,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { target, analysis };
}
