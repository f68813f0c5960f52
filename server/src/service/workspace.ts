import { basename, dirname } from 'node:path';
import { discoverDependencyFiles } from '../analysis/discover';
import { analysisMemos } from '../analysis/unit';
import { analyzeWorkspace, type WorkspaceAnalysis } from '../analysis/workspace-analysis';
import { WorkspaceFiles } from '../analysis/workspace-files';
import { fileKindFor } from '../ecosystems/files';
import type { VulnerabilitySource } from '../osv/source';
import { type ChainsightSettings, DEFAULT_SETTINGS } from '../settings';
import { type FolderState, folderOf } from './folder-state';
import { OverlayTexts } from './overlay-texts';

/**
 * The workspace as the server sees it: its folders with their settings, the dependency files in
 * each (editor buffers over disk), and their latest analysis. Knows nothing of the protocol.
 */
export class Workspace {
  // Reads stay inside the workspace folders, under the limits of the settings (window-scoped: one set).
  readonly texts = new OverlayTexts(() => ({ roots: this.list.map((f) => f.root), limits: this.list[0]?.settings.limits ?? DEFAULT_SETTINGS.limits }));
  readonly files = new WorkspaceFiles(this.texts);
  private list: FolderState[] = [];
  private readonly memos = analysisMemos();

  constructor(private readonly settingsFor: (root: string) => Promise<ChainsightSettings>) {}

  get folders(): readonly FolderState[] {
    return this.list;
  }

  async setFolders(roots: readonly string[], signal?: AbortSignal): Promise<void> {
    this.list = await Promise.all(roots.map(async (root) => ({ root, settings: await this.settingsFor(root), paths: [] })));
    await this.discover(signal);
  }

  async reloadSettings(): Promise<void> {
    for (const folder of this.list) folder.settings = await this.settingsFor(folder.root);
  }

  /** Finds every folder's dependency files again (open buffers stay, even where discovery skips them). */
  async discover(signal?: AbortSignal): Promise<void> {
    for (const folder of this.list) {
      const found = await discoverDependencyFiles(folder.root, { exclude: folder.settings.exclude, limit: folder.settings.limits.maxFiles, ...(signal ? { signal } : {}) });
      const open = folder.paths.filter((p) => this.texts.isOpen(p));
      folder.paths = [...new Set([...found.paths, ...open])].sort();
      folder.discoveryOmissions = found.omissions;
    }
    this.files.setPaths(this.list.flatMap((f) => f.paths));
  }

  open(path: string, text: string): void {
    this.texts.set(path, text);
    this.track(path);
  }

  change(path: string, text: string): void {
    this.texts.set(path, text);
  }

  close(path: string): void {
    this.texts.close(path);
  }

  /** Whether a document can change an analysis: a dependency file, or a file one of them includes. */
  matters(path: string): boolean {
    return fileKindFor(basename(path)) !== undefined || this.files.dependentsOf(path).length > 0;
  }

  /** Files created, changed or deleted on disk (lockfiles rewritten by a package manager, ...). */
  filesChanged(changes: ReadonlyArray<{ path: string; deleted: boolean }>): void {
    for (const { path, deleted } of changes) {
      if (!deleted) {
        this.track(path);
        continue;
      }
      this.files.remove(path);
      for (const folder of this.list) folder.paths = folder.paths.filter((p) => p !== path);
    }
  }

  private track(path: string): void {
    if (!fileKindFor(basename(path))) return;
    this.files.add(path);
    const folder = folderOf(this.list, path);
    if (folder && !folder.paths.includes(path)) folder.paths = [...folder.paths, path].sort();
    // A file opened from outside every folder is analysed as a project of its own.
    if (!folder) this.list.push({ root: dirname(path), settings: this.list[0]?.settings ?? DEFAULT_SETTINGS, paths: [path] });
  }

  /** Analyses every folder with its own vulnerability source; results stay on the folders. */
  async analyze(sourceFor: (folder: FolderState) => Promise<VulnerabilitySource>, signal: AbortSignal): Promise<WorkspaceAnalysis[]> {
    const analyses: WorkspaceAnalysis[] = [];
    for (const folder of this.list) {
      folder.analysis = await analyzeWorkspace(this.files, folder.paths, await sourceFor(folder), { signal, root: folder.root, memos: this.memos, omissions: folder.discoveryOmissions ?? [] });
      analyses.push(folder.analysis);
    }
    return analyses;
  }

  folderOf(path: string): FolderState | undefined {
    return folderOf(this.list, path);
  }

  settingsOf(path: string): ChainsightSettings {
    return this.folderOf(path)?.settings ?? this.list[0]?.settings ?? DEFAULT_SETTINGS;
  }

  /** Every OSV ecosystem in the analysed files. */
  ecosystems(): string[] {
    return [...new Set(this.list.flatMap((f) => [...(f.analysis?.reports.values() ?? [])].map((r) => r.ecosystem)))].sort();
  }
}
