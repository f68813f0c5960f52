import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Position } from '../core/text-range';
import { ecosystemByName } from '../ecosystems';
import { SupplyChainGraph } from '../graph/graph-store';
import { ingestPaths } from '../graph/ingest-files';
import type { StoreAnswer, StoreImportResult, StoreLocateParams, StoreLocation, StoreOverview, StoreQuestion } from '../protocol';
import type { DataResources } from './data-resources';
import { folderOf, type FolderState } from './folder-state';
import { dependencyAt, findReport } from './queries/lookup';
import { storeHoverSection, storeHoverUnavailable } from './store-hover';

/** Projects the overview reads in full (each is one query); `chainsight store status` lists them all. */
export const OVERVIEW_PROJECT_LIMIT = 50;
/** Projects whose every snapshot the overview reads, for the report's chart (it draws this many). */
export const CHART_PROJECTS = 8;
/** How long a hover waits for the store before showing its note instead (the store may be busy importing). */
export const STORE_HOVER_TIMEOUT_MS = 750;

/**
 * The aggregated store as the editor asks it: the CLI's questions with the CLI's answers, the
 * overview the Supply Chain view and the report's store tab draw, documents the user imports, and
 * the hover's "Across your store". Stateless: the store itself is the process's one (DataResources).
 */
export class StoreService {
  constructor(private readonly resources: DataResources) {}

  /**
   * What questions read: the team store when `chainsight.store.url` names one (window-scoped: the
   * first folder's), else — or while it is down — the embedded store. The editor's own recordings and
   * imports stay embedded, so a reader role is all an editor needs (docs/team.md).
   */
  private async graph(folders: readonly FolderState[]): Promise<SupplyChainGraph> {
    return (await this.resources.team.open(folders[0]?.settings.store.url ?? '')).store.graph;
  }

  /** The same answer as `chainsight query … --format json` (a relative project path is the folder's, as the CLI's is the cwd's). */
  async query(q: StoreQuestion, folders: readonly FolderState[]): Promise<StoreAnswer> {
    const graph = await this.graph(folders);
    const base = folders[0]?.root ?? process.cwd();
    switch (q.question) {
      case 'who-uses':
        return graph.whoUses({ package: q.package, ...(q.history ? { history: true } : {}) });
      case 'vuln':
        return graph.vuln({ id: q.id, ...(q.history ? { history: true } : {}) });
      case 'project':
        return graph.project({ project: q.project, path: resolve(base, q.project), ...(q.commit ? { commit: q.commit } : {}) });
      case 'provenance':
        return graph.provenance({ ...(q.missing ? { missing: true } : {}), ...(q.invalid ? { invalid: true } : {}) });
      case 'diff':
        return graph.diff({ project: q.project, path: resolve(base, q.project), from: q.from, to: q.to });
    }
  }

  /** The first OVERVIEW_PROJECT_LIMIT projects with their packages and open findings; every snapshot of the CHART_PROJECTS with the most open findings; the documents. */
  async overview(folders: readonly FolderState[]): Promise<StoreOverview> {
    const graph = await this.graph(folders);
    const { projects, omitted } = await graph.overview({ limit: OVERVIEW_PROJECT_LIMIT, historyFor: CHART_PROJECTS });
    const documents = (await graph.status()).documents;
    return {
      projects: projects.map(({ remote, ...p }) => ({ ...p, ...(remote ? { remote } : {}), inWorkspace: folders.some((f) => f.root === p.path) })),
      omittedProjects: omitted,
      documents,
    };
  }

  /**
   * Ingests what the user picked, each document whole or not at all; the rest go on when one fails.
   * Sigstore bundles are verified against the user's trusted root setting, else the public-good root
   * (no fetch in offline mode: they are stored as unverified).
   */
  async import(paths: readonly string[], folders: readonly FolderState[]): Promise<StoreImportResult> {
    const store = await this.resources.store();
    // The readers bring Sigstore (bundle verification): loaded with the first import, not at start-up.
    const { ingestDocumentReader } = await import('../graph/ingest-reader.js');
    const folder = folders[0];
    const root = folder?.settings.sigstore.trustedRoot.trim() ?? '';
    const read = ingestDocumentReader({
      ...(root ? { trustedRootPath: isAbsolute(root) || !folder ? root : resolve(folder.root, root) } : {}),
      offline: folder?.settings.osv.mode === 'offline',
      tufCachePath: join(dirname(store.path), 'tuf'),
    });
    const results = await ingestPaths(new SupplyChainGraph(store.sqlExecutor()), paths, read, { between: () => store.yieldLock() });
    return { results };
  }

  /**
   * The "Across your store" section for the dependency at `position`, or undefined (not on a
   * resolved registry package, or nothing elsewhere). A store that errs or is slower than `timeoutMs`
   * gives a note instead; the rest of the hover never waits longer than that.
   */
  async hoverSection(folders: readonly FolderState[], path: string, position: Position, project: (folder: FolderState) => Promise<string | undefined>, timeoutMs = STORE_HOVER_TIMEOUT_MS): Promise<string | undefined> {
    const found = findReport(folders, path);
    const dep = found && dependencyAt(found.report, position);
    if (!found || !dep) return undefined;
    const pkg = dep.resolved?.pkg ?? dep.pkg;
    const purl = pkg.source === 'registry' && pkg.version ? ecosystemByName(pkg.ecosystem)?.purl(pkg.name, pkg.version) : undefined;
    if (!purl) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    try {
      const ask = (async () => {
        const excludeProject = await project(found.folder);
        return (await this.graph(folders)).context({ purl, vulnerabilities: dep.own?.vulnerabilities.map((v) => v.id) ?? [], ...(excludeProject ? { excludeProject } : {}) });
      })();
      const context = await Promise.race([ask, timeout]);
      if (context === 'timeout') return storeHoverUnavailable(`the store did not answer within ${timeoutMs} ms`);
      return storeHoverSection(context, pkg.version);
    } catch (err) {
      return storeHoverUnavailable((err as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Where a workspace project declares a package: its manifest line, else its lockfile entry. */
  locate(folders: readonly FolderState[], params: StoreLocateParams): Omit<StoreLocation, 'uri'> & { path: string } | undefined {
    const folder = folders.find((f) => f.root === params.path) ?? folderOf(folders, params.path);
    let fallback: (Omit<StoreLocation, 'uri'> & { path: string }) | undefined;
    for (const report of folder?.analysis?.reports.values() ?? []) {
      for (const dep of report.dependencies) {
        const pkg = dep.resolved?.pkg ?? dep.pkg;
        if (pkg.name !== params.name || (params.version && pkg.version && pkg.version !== params.version)) continue;
        const range = dep.pkg.nameRange ?? dep.pkg.versionRange;
        if (!range) continue;
        const at = { path: report.path, line: range.start.line, character: range.start.character };
        if (report.kind === 'manifest') return at;
        fallback ??= at;
      }
    }
    return fallback;
  }
}
