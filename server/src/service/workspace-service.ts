import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { discoverDependencyFiles } from '../analysis/discover';
import { fileDiagnostics, type EngineDiagnostic } from '../analysis/diagnostics';
import type { DependencyReport, FileReport } from '../analysis/report-types';
import type { UnitAnalysis } from '../analysis/unit';
import { analyzeWorkspace, type WorkspaceAnalysis } from '../analysis/workspace-analysis';
import { WorkspaceFiles } from '../analysis/workspace-files';
import { DEFAULT_LIMITS } from '../analysis/limits';
import type { Finding } from '../core/findings';
import { rangeContains, rangesOverlap, type Position, type Range } from '../core/text-range';
import { fileKindFor } from '../ecosystems/files';
import { createSource } from '../osv/create-source';
import { downloadOfflineDatabase } from '../osv/offline-download';
import type { SourceStatus, VulnerabilitySource } from '../osv/source';
import { DEFAULT_SETTINGS, type ChainsightSettings, type DownloadDatabaseResult, type ExportFormat, type ExportReportResult, type LockfileCommandResult, type ReportResult, type StatusParams, type VerifyResult } from '../protocol';
import { toCycloneDx } from '../reports/cyclonedx';
import { toSpdx } from '../reports/spdx';
import { toJsonReport } from '../reports/json';
import { toMarkdown } from '../reports/markdown';
import type { ReportInput } from '../reports/report-input';
import { toSarif } from '../reports/sarif';
import { VERSION } from '../version';
import { fixAllEdit, fixPlansFor, type FixPlan } from './fix-plans';
import { dependencyHover } from './hover-content';
import { type DataResources, type HttpSettings } from './data-resources';
import { provenanceFileDiagnostics, provenanceHover, verifyResult } from './provenance-view';
import { verifyReportJson, verifyReportTable } from '../provenance/present/verify-report';
import type { PackageProvenance } from '../provenance/types';
import { provenanceKey, WorkspaceProvenance } from '../provenance/workspace-check';
import { OverlayTexts } from './overlay-texts';
import { reportRows, statusFor } from './status';

/** What the service needs from its host (the LSP connection, or a test). No LSP types cross this line. */
export interface ServiceHost {
  settingsFor(folder: string): Promise<ChainsightSettings>;
  /** The editor's network settings (proxy, certificate checks). */
  httpSettings(): Promise<HttpSettings>;
  /** Shows a message to the user once (a recovered store, a bad CA file). */
  notify(message: string): void;
  publish(path: string, diagnostics: EngineDiagnostic[], settings: ChainsightSettings): void;
  status(status: StatusParams): void;
  log(message: string): void;
}

interface FolderState {
  root: string;
  settings: ChainsightSettings;
  paths: string[];
  analysis?: WorkspaceAnalysis;
}

/**
 * The language service: knows the workspace's dependency files, keeps them analysed, and answers
 * hovers, code actions and reports from the last analysis. Independent of the connection, so tests
 * and other hosts can drive it directly.
 */
export class WorkspaceService {
  private readonly texts = new OverlayTexts(() => ({ roots: this.folders.map((f) => f.root), limits: DEFAULT_LIMITS }));
  private readonly files = new WorkspaceFiles(this.texts);
  private folders: FolderState[] = [];
  private readonly sources = new Map<string, VulnerabilitySource>();
  private readonly published = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: { controller: AbortController; done: Promise<void> } | undefined;
  private generation = 0;
  /** Signature and provenance results by `provenanceKey`, filled by the background check after each analysis. */
  private readonly provenance = new Map<string, PackageProvenance>();
  private provenanceJob: { controller: AbortController; done: Promise<void> } | undefined;

  constructor(
    private readonly host: ServiceHost,
    private readonly resources: DataResources,
  ) {}

  // ---- workspace events --------------------------------------------------------------------------

  async setFolders(roots: string[]): Promise<void> {
    this.folders = await Promise.all(roots.map(async (root) => ({ root, settings: await this.host.settingsFor(root), paths: [] })));
    await this.discover();
  }

  /** Re-reads settings and the file list, then analyses again. */
  async refresh(signal?: AbortSignal): Promise<WorkspaceAnalysis[]> {
    for (const folder of this.folders) folder.settings = await this.host.settingsFor(folder.root);
    await this.discover(signal);
    return this.analyzeNow(signal);
  }

  open(path: string, text: string): void {
    this.texts.set(path, text);
    this.track(path);
    this.schedule();
  }

  change(path: string, text: string): void {
    this.texts.set(path, text);
    this.schedule();
  }

  close(path: string): void {
    this.texts.close(path);
    this.schedule();
  }

  /** Files created, changed or deleted on disk (lockfiles rewritten by a package manager, ...). */
  filesChanged(changes: Array<{ path: string; deleted: boolean }>): void {
    for (const { path, deleted } of changes) {
      if (deleted) {
        this.files.remove(path);
        for (const folder of this.folders) folder.paths = folder.paths.filter((p) => p !== path);
      } else this.track(path);
    }
    this.schedule();
  }

  async settingsChanged(): Promise<void> {
    for (const folder of this.folders) folder.settings = await this.host.settingsFor(folder.root);
    this.schedule(0);
  }

  private track(path: string): void {
    if (!fileKindFor(basename(path))) return;
    this.files.add(path);
    const folder = this.folderOf(path);
    if (folder && !folder.paths.includes(path)) folder.paths = [...folder.paths, path].sort();
    if (!folder) this.folders.push({ root: dirname(path), settings: this.folders[0]?.settings ?? DEFAULT_SETTINGS, paths: [path] });
  }

  private folderOf(path: string): FolderState | undefined {
    return [...this.folders].sort((a, b) => b.root.length - a.root.length).find((f) => isInside(path, f.root));
  }

  private async discover(signal?: AbortSignal): Promise<void> {
    for (const folder of this.folders) {
      const found = (await discoverDependencyFiles(folder.root, { exclude: folder.settings.exclude, ...(signal ? { signal } : {}) })).paths;
      const open = folder.paths.filter((p) => this.texts.isOpen(p));
      folder.paths = [...new Set([...found, ...open])].sort();
    }
    this.files.setPaths(this.folders.flatMap((f) => f.paths));
  }

  // ---- analysis ------------------------------------------------------------------------------------

  /** Typing produces bursts of changes; analyse once the burst is over. */
  schedule(delayMs = 200): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.analyzeNow().catch((err) => this.host.log(`analysis failed: ${(err as Error).stack ?? err}`));
    }, delayMs);
  }

  /** Analyses every folder now, cancelling an analysis still running; publishes the results. */
  async analyzeNow(signal?: AbortSignal): Promise<WorkspaceAnalysis[]> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.running?.controller.abort();
    await this.running?.done.catch(() => undefined);
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort);
    const generation = ++this.generation;
    let finish!: () => void;
    this.running = { controller, done: new Promise((r) => (finish = r)) };
    this.host.status(this.statusNow('scanning'));
    const started = Date.now();
    try {
      const analyses: WorkspaceAnalysis[] = [];
      for (const folder of this.folders) {
        folder.analysis = await analyzeWorkspace(this.files, folder.paths, await this.sourceFor(folder), { signal: controller.signal, root: folder.root });
        analyses.push(folder.analysis);
      }
      for (const notice of this.resources.takeNotices()) this.host.notify(notice);
      if (generation === this.generation) {
        const status = statusFor('ready', analyses);
        const files = this.folders.reduce((n, f) => n + f.paths.length, 0);
        this.host.log(`scanned ${files} dependency files, ${status.packages} packages in ${Date.now() - started} ms: ${status.vulnerablePackages} vulnerable; data: ${status.data.description}${status.data.error ? ` (${status.data.error})` : ''}`);
        this.publishAll();
        this.startProvenance();
        this.host.status(this.statusNow('ready'));
      }
      return analyses;
    } catch (err) {
      if (controller.signal.aborted) throw err;
      // Never leave diagnostics from before the failure standing as if they were current.
      for (const path of this.published) this.host.publish(path, [], this.folderOf(path)?.settings ?? DEFAULT_SETTINGS);
      this.published.clear();
      this.host.status({ ...this.statusNow('error'), message: (err as Error).message });
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      finish();
      if (this.running?.controller === controller) this.running = undefined;
    }
  }

  /**
   * The source for a folder's settings. Sources are kept per distinct configuration: the online
   * source's in-memory state and the local source's loaded index survive between scans.
   */
  private async sourceFor(folder: FolderState): Promise<VulnerabilitySource> {
    const osv = folder.settings.osv;
    const data = osv.offlineData.trim();
    const location = data ? (isAbsolute(data) ? data : resolve(folder.root, data)) : '';
    const http = location || osv.mode === 'offline' ? undefined : await this.host.httpSettings();
    const key = JSON.stringify({ location, mode: osv.mode, url: osv.url, ttl: osv.cacheTtl, http });
    let source = this.sources.get(key);
    if (!source) {
      source = location ? createSource({ osvData: location }) : await this.storeBackedSource(osv, http);
      this.sources.set(key, source);
    }
    return source;
  }

  private async storeBackedSource(osv: ChainsightSettings['osv'], http: HttpSettings | undefined): Promise<VulnerabilitySource> {
    let store;
    try {
      store = await this.resources.store();
    } catch (err) {
      // Without the store, online mode still works (uncached); offline mode reports why it cannot.
      this.host.notify(`Chainsight could not open its metadata store: ${(err as Error).message}`);
    }
    return createSource({
      mode: osv.mode,
      osvUrl: osv.url,
      ttlMs: Math.max(0, osv.cacheTtl) * 3_600_000,
      ...(store ? { store } : {}),
      ...(http ? { dispatcher: this.resources.dispatcher(http) } : {}),
    });
  }

  /** Downloads OSV's offline database for the ecosystems in the workspace, then analyses again. */
  async downloadOfflineDatabase(onProgress: (message: string, percentage?: number) => void, signal?: AbortSignal): Promise<DownloadDatabaseResult> {
    const ecosystems = [...new Set(this.folders.flatMap((f) => [...(f.analysis?.reports.values() ?? [])].map((r) => r.ecosystem)))].sort();
    if (ecosystems.length === 0) return { ecosystems: [] };
    const store = await this.resources.store();
    const settings = this.folders[0]?.settings ?? DEFAULT_SETTINGS;
    const results = await downloadOfflineDatabase({
      ecosystems,
      store,
      dispatcher: this.resources.dispatcher(await this.host.httpSettings()),
      bucket: settings.osv.bucket,
      cacheDir: join(dirname(store.path), 'downloads'),
      ...(signal ? { signal } : {}),
      onProgress: (p) => {
        if (p.phase === 'download') onProgress(`${p.ecosystem}: downloading ${(p.bytes / 1e6).toFixed(1)}${p.totalBytes ? ` of ${(p.totalBytes / 1e6).toFixed(1)}` : ''} MB`, p.totalBytes ? Math.round((100 * p.bytes) / p.totalBytes) : undefined);
        else onProgress(`${p.ecosystem ?? ''}: ${p.records} records imported`);
      },
    });
    this.sources.clear();
    void this.analyzeNow().catch(() => undefined);
    return { ecosystems: results.map((r) => ({ ecosystem: r.ecosystem, ...(r.import ? { records: r.import.records } : {}), ...(r.error ? { error: r.error } : {}) })) };
  }

  private publishAll(): void {
    const now = new Set<string>();
    for (const folder of this.folders) {
      for (const report of folder.analysis?.reports.values() ?? []) {
        if (now.has(report.path)) continue;
        now.add(report.path);
        this.host.publish(report.path, [...fileDiagnostics(report), ...provenanceFileDiagnostics(report, this.provenance, folder.settings)], folder.settings);
      }
    }
    for (const path of this.published) if (!now.has(path)) this.host.publish(path, [], this.folderOf(path)?.settings ?? DEFAULT_SETTINGS);
    this.published.clear();
    for (const path of now) this.published.add(path);
  }

  private statusNow(state: StatusParams['state']): StatusParams {
    const analyses = this.folders.map((f) => f.analysis).filter((a): a is WorkspaceAnalysis => a !== undefined);
    const status = statusFor(state, analyses);
    if (this.provenanceJob || this.provenance.size) {
      const summary = verifyResult(this.currentProvenance()).summary;
      status.provenance = {
        state: this.provenanceJob ? 'checking' : 'done',
        packages: summary.packages,
        invalid: summary.invalid,
        signaturesVerified: summary.signature.verified ?? 0,
        provenanceVerified: summary.provenance.verified ?? 0,
      };
    }
    return status;
  }

  // ---- signatures and provenance ------------------------------------------------------------------

  /**
   * Checks registry signatures and provenance of the lockfiles' packages in the background (it is
   * network work), then publishes again with the findings. A newer analysis cancels an older check.
   */
  private startProvenance(force = false): void {
    this.provenanceJob?.controller.abort();
    const folders = this.folders.filter((f) => (force || f.settings.provenance.enable) && f.analysis);
    if (folders.length === 0) {
      this.provenanceJob = undefined;
      return;
    }
    const controller = new AbortController();
    const done = (async () => {
      try {
        const store = await this.resources.store().catch(() => undefined);
        const http = await this.host.httpSettings();
        for (const folder of folders) {
          const trusted = folder.settings.sigstore.trustedRoot.trim();
          const checker = new WorkspaceProvenance({
            dispatcher: this.resources.dispatcher(http),
            tufCachePath: store ? dirname(store.path) : join(tmpdir(), 'chainsight'),
            ...(store ? { cache: store.keyedCache() } : {}),
            ...(trusted ? { trustedRootPath: isAbsolute(trusted) ? trusted : resolve(folder.root, trusted) } : {}),
          });
          const lockfiles = folder.analysis!.units.map((u) => u.unit.lockfile).filter((l): l is NonNullable<typeof l> => l !== undefined);
          const results = await checker.check(lockfiles, controller.signal);
          if (controller.signal.aborted) return;
          for (const [key, result] of results) this.provenance.set(key, result);
        }
        if (!controller.signal.aborted) this.publishAll();
      } catch (err) {
        if (!controller.signal.aborted) this.host.log(`signature and provenance check failed: ${(err as Error).stack ?? err}`);
      } finally {
        if (this.provenanceJob?.controller === controller) {
          this.provenanceJob = undefined;
          this.host.status(this.statusNow('ready'));
        }
      }
    })();
    this.provenanceJob = { controller, done };
  }

  /** Waits for the current check (starting one if needed) and returns every result, for the audit command. */
  async verify(signal?: AbortSignal): Promise<VerifyResult> {
    // The audit is asked for explicitly, so it runs even where background checks are turned off.
    if (!this.provenanceJob) this.startProvenance(true);
    const job = this.provenanceJob;
    if (job) {
      const onAbort = () => job.controller.abort();
      signal?.addEventListener('abort', onAbort);
      await job.done;
      signal?.removeEventListener('abort', onAbort);
    }
    signal?.throwIfAborted();
    return verifyResult(this.currentProvenance());
  }

  /** Results for the packages of the current analyses only (the map also holds older versions). */
  private currentProvenance(): PackageProvenance[] {
    const keys = new Set<string>();
    for (const folder of this.folders) {
      for (const unit of folder.analysis?.units ?? []) {
        for (const pkg of unit.unit.lockfile?.result.packages ?? []) if (pkg.source === 'registry' && pkg.version) keys.add(provenanceKey(pkg.ecosystem, pkg.name, pkg.version));
      }
    }
    return [...keys].map((k) => this.provenance.get(k)).filter((r): r is PackageProvenance => r !== undefined);
  }

  // ---- queries -----------------------------------------------------------------------------------

  private lookup(path: string): { folder: FolderState; report: FileReport; unit?: UnitAnalysis } | undefined {
    for (const folder of this.folders) {
      const report = folder.analysis?.reports.get(path);
      if (!report) continue;
      const unit = folder.analysis!.units.find((u) => u.reports.some((r) => r.path === path));
      return { folder, report, ...(unit ? { unit } : {}) };
    }
    return undefined;
  }

  private dependencyAt(report: FileReport, position: Position): DependencyReport | undefined {
    return report.dependencies.find((d) => (d.pkg.versionRange && rangeContains(d.pkg.versionRange, position)) || (d.pkg.nameRange && rangeContains(d.pkg.nameRange, position)));
  }

  /** Markdown for a hover, or undefined when the position is not on a dependency. */
  hover(path: string, position: Position): string | undefined {
    const found = this.lookup(path);
    if (!found) return undefined;
    const dep = this.dependencyAt(found.report, position);
    if (!dep) return undefined;
    const pkg = dep.resolved?.pkg ?? dep.pkg;
    const extra = pkg.source === 'registry' && pkg.version ? provenanceHover(this.provenance, pkg.ecosystem, pkg.name, pkg.version, found.folder.settings, this.provenanceJob !== undefined) : undefined;
    return dependencyHover(found.report, dep, this.pathsFor(found.report, dep, found.unit), extra ? [extra] : []);
  }

  /** Dependency paths from the project down to this entry, project name first. */
  private pathsFor(report: FileReport, dep: DependencyReport, unit: UnitAnalysis | undefined): string[][] {
    if (report.kind === 'manifest') {
      const name = dep.resolved?.pkg.name ?? dep.pkg.name;
      return [[report.project, dep.pkg.alias ?? name]];
    }
    if (!unit?.graph) return [];
    const out: string[][] = [];
    for (const root of unit.roots) {
      for (const ids of unit.graph.pathsTo(dep.pkg.id, root.ids).values()) out.push([root.project, ...ids.map((id) => unit.graph!.package(id)?.name ?? id)]);
    }
    return out.sort((a, b) => a.length - b.length);
  }

  /** Fixes for the dependencies overlapping `range`. */
  codeActions(path: string, range: Range): FixPlan[] {
    const found = this.lookup(path);
    if (!found) return [];
    const plans: FixPlan[] = [];
    for (const dep of found.report.dependencies) {
      const r = dep.pkg.versionRange ?? dep.pkg.nameRange;
      if (!r || !rangesOverlap(r, range)) continue;
      plans.push(...this.plansFor(found.report, dep, found.unit));
      if (dep.stale && found.report.lockfile) {
        plans.push({ title: `Update ${basename(found.report.lockfile.path)} to match ${basename(path)}`, preferred: false, edits: [], command: { id: 'chainsight.updateLockfile', title: 'Update Lockfile', arguments: [path] }, target: { path, range: r } });
      }
    }
    return plans;
  }

  private plansFor(report: FileReport, dep: DependencyReport, unit: UnitAnalysis | undefined): FixPlan[] {
    return fixPlansFor(report, dep, (p) => this.files.get(p), (d) => this.manifestsPullingIn(d, unit));
  }

  /** For a lockfile entry: the manifests whose projects pull it in, and their own declaration if direct. */
  private manifestsPullingIn(dep: DependencyReport, unit: UnitAnalysis | undefined) {
    const out: Array<{ manifest: string; lockfileParser?: string; declared?: import('../core/package').ExtractedPackage }> = [];
    if (!unit?.graph) return out;
    for (const root of unit.roots) {
      if (!root.manifest) continue;
      const reaches = unit.graph.pathsTo(dep.pkg.id, root.ids).size > 0;
      if (!reaches) continue;
      const manifestReport = unit.reports.find((r) => r.path === root.manifest!.path);
      const declared = manifestReport?.dependencies.find((d) => d.resolved?.pkg.id === dep.pkg.id)?.pkg;
      out.push({ manifest: root.manifest.path, ...(unit.unit.lockfile ? { lockfileParser: unit.unit.lockfile.parser.kind.parser } : {}), ...(declared ? { declared } : {}) });
    }
    return out;
  }

  /** Every preferred fix in the file, as one edit (source.fixAll.chainsight). */
  fixAll(path: string): { path: string; edit: import('../ecosystems/types').TextEdit } | undefined {
    const found = this.lookup(path);
    const file = this.files.get(path);
    if (!found || !file || found.report.kind !== 'manifest') return undefined;
    const edit = fixAllEdit(path, file.text, (fresh) => {
      const plans: FixPlan[] = [];
      for (const dep of found.report.dependencies) {
        const current = fresh.result.packages.find((p) => p.id === dep.pkg.id);
        if (!current) continue;
        plans.push(...fixPlansFor(found.report, { ...dep, pkg: current }, (p) => (p === path ? fresh : this.files.get(p)), () => []));
      }
      return plans;
    });
    return edit ? { path, edit } : undefined;
  }

  report(): ReportResult {
    const analyses = this.folders.map((f) => f.analysis).filter((a): a is WorkspaceAnalysis => a !== undefined);
    const provenance = this.currentProvenance();
    return {
      rows: this.folders.flatMap((f) => (f.analysis ? reportRows(f.analysis, f.root) : [])),
      packages: analyses.reduce((n, a) => n + a.packagesScanned, 0),
      status: statusFor('ready', analyses).data,
      ...(provenance.length ? { provenance: verifyResult(provenance).rows } : {}),
    };
  }

  exportReport(format: ExportFormat): ExportReportResult {
    const folder = this.folders.find((f) => f.analysis) ?? this.folders[0];
    const analysis = mergeAnalyses(this.folders.map((f) => f.analysis).filter((a): a is WorkspaceAnalysis => a !== undefined));
    const input: ReportInput = { analysis, root: folder?.root ?? '/', toolVersion: VERSION };
    switch (format) {
      case 'markdown':
        return { content: toMarkdown(input), fileName: 'chainsight-report.md' };
      case 'sarif':
        return { content: `${JSON.stringify(toSarif(input), null, 2)}\n`, fileName: 'chainsight.sarif' };
      case 'cyclonedx':
        return { content: `${JSON.stringify(toCycloneDx(input), null, 2)}\n`, fileName: 'bom.cdx.json' };
      case 'spdx':
        return { content: `${JSON.stringify(toSpdx(input), null, 2)}\n`, fileName: 'bom.spdx.json' };
      case 'json':
        return { content: `${JSON.stringify(toJsonReport(input), null, 2)}\n`, fileName: 'chainsight.json' };
      case 'verify-json':
        return { content: `${verifyReportJson(this.currentProvenance())}\n`, fileName: 'chainsight-verify.json' };
      case 'verify-table':
        return { content: verifyReportTable(this.currentProvenance()), fileName: 'chainsight-verify.txt' };
    }
  }

  /** The command that refreshes the lockfile of the project `path` belongs to. */
  lockfileCommand(path: string | undefined): LockfileCommandResult | undefined {
    for (const folder of this.folders) {
      for (const unit of folder.analysis?.units ?? []) {
        const lockfile = unit.unit.lockfile;
        if (!lockfile) continue;
        const members = [lockfile.path, ...unit.unit.manifests.map((m) => m.file.path)];
        const stale = unit.reports.some((r) => r.dependencies.some((d) => d.stale) || r.staleRemoved?.length);
        if (path ? !members.includes(path) : !stale) continue;
        const command = lockfile.parser.ecosystem.lockfileCommand?.(lockfile.parser.kind.parser, lockfile.text);
        if (command) return { ...command, cwd: dirname(lockfile.path), lockfile: lockfile.path };
      }
    }
    return undefined;
  }

  /** Findings of every folder (for tests and the CLI-like commands). */
  findings(): Finding[] {
    return this.folders.flatMap((f) => f.analysis?.findings ?? []);
  }

  async dispose(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.provenanceJob?.controller.abort();
    this.running?.controller.abort();
    for (const source of this.sources.values()) await source.dispose?.();
    await this.resources.dispose();
  }
}

function mergeAnalyses(list: WorkspaceAnalysis[]): WorkspaceAnalysis {
  const reports = new Map<string, FileReport>();
  for (const a of list) for (const [k, v] of a.reports) reports.set(k, v);
  const status: SourceStatus = list[0]?.status ?? { kind: 'none', description: 'not scanned yet', incomplete: true, stale: false };
  return { units: list.flatMap((a) => a.units), reports, findings: list.flatMap((a) => a.findings), packagesScanned: list.reduce((n, a) => n + a.packagesScanned, 0), status, omissions: list.flatMap((a) => a.omissions) };
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !isAbsolute(rel);
}

