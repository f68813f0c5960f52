import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { VulnerabilitySource } from '../osv/source';
import { discoverDependencyFiles } from './discover';
import { analyzeWorkspace, type WorkspaceAnalysis } from './workspace-analysis';
import { WorkspaceFiles } from './workspace-files';
import { readFileSync } from 'node:fs';

export interface ScanTarget {
  /** The folder scanned (reports are relative to it). */
  root: string;
  files: WorkspaceFiles;
  paths: string[];
}

/** Finds the dependency files under a folder, or takes a single file as the whole target. */
export async function scanTarget(path: string, options: { exclude?: readonly string[]; signal?: AbortSignal } = {}): Promise<ScanTarget> {
  const absolute = resolve(path);
  const stat = await fs.stat(absolute);
  const files = new WorkspaceFiles(diskTexts);
  if (stat.isDirectory()) {
    const paths = await discoverDependencyFiles(absolute, options);
    files.setPaths(paths);
    return { root: absolute, files, paths };
  }
  // A single file: its siblings still matter (a manifest's lockfile), but only it is reported on.
  const siblings = await discoverDependencyFiles(dirname(absolute), { ...options, limit: 200 });
  files.setPaths(new Set([...siblings.filter((p) => dirname(p) === dirname(absolute)), absolute]));
  return { root: dirname(absolute), files, paths: files.paths() };
}

export async function scanFolder(path: string, source: VulnerabilitySource, options: { exclude?: readonly string[]; signal?: AbortSignal } = {}): Promise<{ target: ScanTarget; analysis: WorkspaceAnalysis }> {
  const target = await scanTarget(path, options);
  const analysis = await analyzeWorkspace(target.files, target.paths, source, { root: target.root, ...(options.signal ? { signal: options.signal } : {}) });
  return { target, analysis };
}

const diskTexts = {
  read(path: string): string | undefined {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};
