import { basename } from 'node:path';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import type { Finding } from '../core/findings';
import type { Position, Range } from '../core/text-range';
import type { TextEdit } from '../ecosystems/types';
import { fileKindFor } from '../ecosystems/files';
import type { DownloadDatabaseResult, ExportFormat, ExportReportResult, PackageManagerRun, ReportResult, StatusParams, StoreAnswer, StoreChangedParams, StoreImportResult, StoreLocateParams, StoreOverview, StoreQuestion, TriageDecisionParams, VerifyResult } from '../protocol';
import type { DataResources, HttpSettings } from './data-resources';
import { publishable, type PublishedDiagnostic } from './diagnostic-levels';
import { analysesOf } from './folder-state';
import { IssuedRuns } from './issued-runs';
import { runPackageManager } from './package-manager';
import { ProvenanceJob } from './provenance-job';
import { provenanceFileDiagnostics, provenanceHover, verifyResult } from './provenance-view';
import { codeActionsAt, fixAllIn } from './queries/code-actions';
import { hoverAt } from './queries/hover';
import { exportOf, reportOf } from './report-exports';
import { AnalysisScheduler } from './scheduler';
import type { SettingsSource } from './settings-source';
import { statusFor } from './status';
import { VulnerabilitySources } from './vulnerability-sources';
import { Workspace } from './workspace';
import { lockfileRunFor } from './lockfile-run';
import { StoreRecorder } from './store-recorder';
import { StoreService } from './store-service';
import { downloadDatabase } from './database-download';
import { triagedFileDiagnostics } from './triage-diagnostics';
import { triageNotes } from './triage-hover';
import { TriageService, type TriageServiceOptions } from './triage-service';
import { triageActionsAt, triageEdit, type TriageCommand, type TriageEditOutcome, type TriageRequest } from './triage-actions';
import type { TriageTextReader } from './triage-inputs';
import type { ExtractedPackage } from '../core/package';
import type { FolderState } from './folder-state';

/** What the service needs from its host (the LSP connection, or a test). No LSP types cross this line. */
export interface ServiceHost {
  /** The editor's network settings (proxy, certificate checks). */
  httpSettings(): Promise<HttpSettings>;
  /** Shows a message to the user once (a recovered store, a bad CA file). */
  notify(message: string): void;
  /** The diagnostics of one file, with the levels the user's settings give them. */
  publish(path: string, diagnostics: PublishedDiagnostic[]): void;
  status(status: StatusParams): void;
  log(message: string): void;
  /** The aggregated store changed (a folder recorded, documents imported). */
  storeChanged?(params: StoreChangedParams): void;
}

export interface ServiceOptions {
  /** The user (never the workspace) lets the server run package managers for fixes it offers (clients without their own runner). */
  allowPackageManagers?: boolean;
  /** The client asks triage decisions itself (VS Code): triage quick fixes carry its command instead of edits. */
  interactiveTriage?: boolean;
  triage?: TriageServiceOptions;
}

/** A fix as the handlers offer it: edits, and a command by name with its arguments. */
export interface ActionPlan {
  title: string;
  preferred: boolean;
  edits: Array<{ path: string; edits: TextEdit[] }>;
  command?: { kind: 'run'; title: string; id: string } | { kind: 'update-lockfile'; title: string; path: string } | TriageCommand;
  target: { path: string; range: Range };
}

/**
 * The language service: keeps the workspace analysed, publishes its diagnostics and status, and
 * answers hovers, code actions and reports from the last analysis. It composes the parts that do the
 * work (workspace, scheduler, provenance job, queries) and is independent of the connection.
 */
export class WorkspaceService {
  private readonly workspace: Workspace;
  private readonly scheduler: AnalysisScheduler<WorkspaceAnalysis[]>;
  private readonly sources: VulnerabilitySources;
  private readonly provenance: ProvenanceJob;
  private readonly runs = new IssuedRuns();
  private readonly published = new Set<string>();
  private readonly store: StoreService;
  private readonly recorder: StoreRecorder;
  private readonly triage: TriageService;
  private readonly clock = (): number => (this.options.triage?.now ?? Date.now)();

  constructor(
    private readonly host: ServiceHost,
    private readonly resources: DataResources,
    private readonly settings: SettingsSource,
    private readonly options: ServiceOptions = {},
  ) {
    this.workspace = new Workspace((root) => settings.settingsFor(root));
    this.scheduler = new AnalysisScheduler((signal, isLatest) => this.analyze(signal, isLatest), (err) => host.log(`analysis failed: ${(err as Error).stack ?? err}`));
    this.sources = new VulnerabilitySources(resources, () => host.httpSettings(), (m) => host.notify(m));
    this.provenance = new ProvenanceJob(
      {
        httpSettings: () => host.httpSettings(),
        log: (m) => host.log(m),
        updated: () => this.publishAll(),
        stateChanged: () => host.status(this.statusNow('ready')),
      },
      resources,
    );
    this.store = new StoreService(resources);
    this.recorder = new StoreRecorder(
      { store: () => resources.store(), log: (m) => host.log(m), recorded: (projects) => host.storeChanged?.({ reason: 'recorded', projects }) },
      () => ({ folders: this.workspace.folders, trusted: this.settings.trusted, provenance: this.provenance.current(this.workspace.folders) }),
    );
    this.triage = new TriageService({ httpSettings: () => host.httpSettings(), log: (m) => host.log(m), updated: () => this.triageUpdated() }, resources, options.triage);
  }

  // ---- workspace events --------------------------------------------------------------------------

  async setFolders(roots: readonly string[]): Promise<void> {
    await this.workspace.setFolders(roots);
    await this.triage.discover(this.workspace.folders);
  }

  /** Re-reads settings and the file list, then analyses again. */
  async refresh(signal?: AbortSignal): Promise<WorkspaceAnalysis[]> {
    await this.workspace.reloadSettings();
    await this.workspace.discover(signal);
    await this.triage.discover(this.workspace.folders, signal);
    return this.analyzeNow(signal);
  }

  // Editors that attach by language (Helix, eglot, Sublime) send every JSON or TOML file; only
  // dependency files and the files they include change an analysis.
  open(path: string, text: string): void {
    this.workspace.open(path, text);
    if (this.affectsAnalysis(path)) this.schedule();
  }

  change(path: string, text: string): void {
    this.workspace.change(path, text);
    if (this.affectsAnalysis(path)) this.schedule();
  }

  close(path: string): void {
    this.workspace.close(path);
    if (this.affectsAnalysis(path)) this.schedule();
  }

  /** Whether a document can change an analysis: a dependency file, a file one of them includes, a VEX or policy file. */
  affectsAnalysis(path: string): boolean {
    return this.workspace.matters(path) || this.triage.concerns(path, this.workspace.folders);
  }

  filesChanged(changes: ReadonlyArray<{ path: string; deleted: boolean }>): void {
    this.workspace.filesChanged(changes);
    this.triage.filesChanged(changes, this.workspace.folders);
    this.schedule();
  }

  /** Settings pushed by the client (`workspace/didChangeConfiguration`), or a hint to pull them again. */
  async settingsChanged(pushed?: unknown): Promise<void> {
    this.settings.push(pushed);
    await this.workspace.reloadSettings();
    // `chainsight.vex.files` may have changed.
    await this.triage.discover(this.workspace.folders);
    this.schedule(0);
  }

  /** The user trusted (or stopped trusting) the workspace: settings and registries are read again. */
  async trustChanged(trusted: boolean): Promise<void> {
    if (this.settings.trusted === trusted) return;
    this.settings.setTrusted(trusted);
    await this.workspace.reloadSettings();
    this.schedule(0);
  }

  // ---- analysis ------------------------------------------------------------------------------------

  schedule(delayMs = 200): void {
    this.scheduler.schedule(delayMs);
  }

  /** Analyses every folder now, cancelling an analysis still running; publishes the results. */
  analyzeNow(signal?: AbortSignal): Promise<WorkspaceAnalysis[]> {
    return this.scheduler.now(signal);
  }

  private async analyze(signal: AbortSignal, isLatest: () => boolean): Promise<WorkspaceAnalysis[]> {
    this.host.status(this.statusNow('scanning'));
    const started = Date.now();
    try {
      const analyses = await this.workspace.analyze((folder) => this.sources.for(folder), signal);
      for (const notice of this.resources.takeNotices()) this.host.notify(notice);
      if (isLatest()) {
        this.triage.afterAnalysis(this.workspace.folders, this.settings.trusted, this.workspace.texts);
        const status = this.statusNow('ready');
        const files = this.workspace.folders.reduce((n, f) => n + f.paths.length, 0);
        this.host.log(`scanned ${files} dependency files, ${status.packages} packages in ${Date.now() - started} ms: ${status.vulnerablePackages} vulnerable; data: ${status.data.description}${status.data.error ? ` (${status.data.error})` : ''}`);
        this.publishAll();
        this.provenance.start(this.workspace.folders, this.settings.trusted);
        this.host.status(this.statusNow('ready'));
      }
      return analyses;
    } catch (err) {
      if (signal.aborted) throw err;
      // Never leave diagnostics from before the failure standing as if they were current.
      for (const path of this.published) this.host.publish(path, []);
      this.published.clear();
      this.host.status({ ...this.statusNow('error'), message: (err as Error).message });
      throw err;
    }
  }

  /** New triage facts (KEV, publish times) arrived: apply again and publish. */
  private triageUpdated(): void {
    this.triage.apply(this.workspace.folders, this.settings.trusted, this.workspace.texts);
    this.publishAll();
    this.host.status(this.statusNow('ready'));
  }

  private publishAll(): void {
    const now = new Set<string>();
    for (const folder of this.workspace.folders) {
      for (const report of folder.analysis?.reports.values() ?? []) {
        if (now.has(report.path)) continue;
        now.add(report.path);
        // Uncapped here: the cap applies once, to what is shown, provenance findings included.
        const diagnostics = [...triagedFileDiagnostics(report, folder.triage, folder.root), ...provenanceFileDiagnostics(report, this.provenance.all(), folder.settings)];
        this.host.publish(report.path, publishable(diagnostics, folder.settings, fileKindFor(basename(report.path))?.kind === 'lockfile'));
      }
    }
    for (const [path, { settings, diagnostics }] of this.triage.diagnostics(this.workspace.folders)) {
      if (now.has(path)) continue;
      now.add(path);
      this.host.publish(path, publishable(diagnostics, settings, false));
    }
    for (const path of this.published) if (!now.has(path)) this.host.publish(path, []);
    this.published.clear();
    for (const path of now) this.published.add(path);
    // After publishing, and debounced: recording never delays diagnostics.
    this.recorder.schedule();
  }

  private statusNow(state: StatusParams['state']): StatusParams {
    const folders = this.workspace.folders;
    const status = statusFor(state, analysesOf(folders), this.settings.trusted, (a) => folders.find((f) => f.analysis === a)?.triage);
    status.triage = { suppressed: status.triage?.suppressed ?? 0, ...this.triage.status(folders) };
    // Each failing host once, however many packages waited on it.
    const network = this.resources.breaker.failing();
    if (network.length) status.network = network;
    const team = this.resources.team.state();
    if (team) status.teamStore = team;
    if (this.provenance.running || this.provenance.hasResults) {
      const summary = verifyResult(this.provenance.current(folders)).summary;
      status.provenance = {
        state: this.provenance.running ? 'checking' : 'done',
        packages: summary.packages,
        invalid: summary.invalid,
        signaturesVerified: summary.signature.verified ?? 0,
        provenanceVerified: summary.provenance.verified ?? 0,
      };
    }
    return status;
  }

  /** Downloads OSV's offline database for the ecosystems in the workspace, then analyses again. */
  async downloadOfflineDatabase(onProgress: (message: string, percentage?: number) => void, signal?: AbortSignal): Promise<DownloadDatabaseResult> {
    const ecosystems = this.workspace.ecosystems();
    if (ecosystems.length === 0) return { ecosystems: [] };
    const result = await downloadDatabase(this.resources, await this.host.httpSettings(), this.workspace.folders[0]!.settings, ecosystems, onProgress, signal);
    this.sources.reset();
    void this.analyzeNow().catch(() => undefined);
    return result;
  }

  // ---- queries -----------------------------------------------------------------------------------

  /** Markdown for a hover, or undefined when the position is not on a dependency. */
  hover(path: string, position: Position): string | undefined {
    const sections = (folder: FolderState, pkg: ExtractedPackage) => {
      const section = provenanceHover(this.provenance.all(), pkg.ecosystem, pkg.name, pkg.version, folder.settings, this.provenance.running);
      return section ? [section] : [];
    };
    return hoverAt(this.workspace.folders, path, position, sections, (folder) => triageNotes(folder.triage, folder.root));
  }

  /** The hover's "Across your store" section (awaited apart from the hover, which never waits on the store for long). */
  storeHover(path: string, position: Position): Promise<string | undefined> {
    return this.store.hoverSection(this.workspace.folders, path, position, async (folder) => (await this.recorder.projectOf(folder))?.name);
  }

  storeQuery(question: StoreQuestion): Promise<StoreAnswer> {
    return this.store.query(question, this.workspace.folders);
  }

  storeOverview(): Promise<StoreOverview> {
    return this.store.overview(this.workspace.folders);
  }

  /** Ingests what the user picked (the import command: documents are never ingested on their own). */
  async storeImport(paths: readonly string[]): Promise<StoreImportResult> {
    const result = await this.store.import(paths, this.workspace.folders);
    if (result.results.some((r) => r.status === 'added')) this.host.storeChanged?.({ reason: 'imported' });
    return result;
  }

  storeLocate(params: StoreLocateParams) {
    return this.store.locate(this.workspace.folders, params);
  }

  /** Fixes for the dependencies overlapping `range`; a package-manager run is offered by an opaque id. */
  codeActions(path: string, range: Range, options: { triage?: boolean } = {}): ActionPlan[] {
    const out: ActionPlan[] = [];
    for (const plan of codeActionsAt(this.workspace.folders, this.workspace.files, path, range)) {
      const { command, ...rest } = plan;
      if (command?.kind !== 'run') {
        out.push(command ? { ...rest, command } : rest);
        continue;
      }
      const id = this.runs.issue(command.run);
      if (id) out.push({ ...rest, command: { kind: 'run', title: command.title, id } });
      else if (rest.edits.length) out.push(rest);
    }
    // Triage is an edit of a file, not running anything: offered in untrusted workspaces too.
    if (options.triage) out.push(...triageActionsAt(this.workspace.folders, path, range, this.options.interactiveTriage === true));
    return out;
  }

  private triageReader(): TriageTextReader {
    return this.triage.textReader(this.workspace.texts, this.workspace.folders);
  }

  /** The project's VEX file with one decision written, for the client to apply as an edit (VS Code's triage command). */
  triageEdit(request: TriageRequest, decision: TriageDecisionParams): TriageEditOutcome {
    return triageEdit(this.workspace.folders, request, decision, this.triageReader(), this.clock);
  }

  /** Every preferred fix in the file, as one edit (source.fixAll.chainsight). */
  fixAll(path: string): { path: string; edit: TextEdit } | undefined {
    return fixAllIn(this.workspace.folders, this.workspace.files, path);
  }

  report(): ReportResult {
    return reportOf(this.workspace.folders, this.provenance.current(this.workspace.folders), this.statusNow('ready').triage);
  }

  exportReport(format: ExportFormat): ExportReportResult {
    return exportOf(this.workspace.folders, this.provenance.current(this.workspace.folders), format);
  }

  /** Waits for the signature and provenance check (starting one if needed), for the audit command. */
  async verify(signal?: AbortSignal): Promise<VerifyResult> {
    // The audit is asked for explicitly, so it runs even where background checks are turned off.
    await this.provenance.complete(this.workspace.folders, this.settings.trusted, signal);
    return verifyResult(this.provenance.current(this.workspace.folders));
  }

  /** The command that refreshes the lockfile of the project `path` belongs to (the first stale one without a path). */
  lockfileCommand(path: string | undefined): PackageManagerRun | undefined {
    return lockfileRunFor(analysesOf(this.workspace.folders), path);
  }

  /** The run a code action's id stands for, if this session issued it. */
  issuedRun(id: unknown): PackageManagerRun | undefined {
    return this.runs.resolve(id);
  }

  /**
   * Runs a package manager for clients without their own runner (`workspace/executeCommand`): only on
   * that explicit request, only in a trusted workspace, and only when the user's own configuration
   * allows it. Returns what to tell the user.
   */
  async runForClient(run: PackageManagerRun | undefined, signal?: AbortSignal): Promise<{ ok: boolean; message: string }> {
    if (!run) return { ok: false, message: 'Chainsight: nothing to run (the fix is no longer current; ask for code actions again).' };
    if (!this.settings.trusted) return { ok: false, message: 'Chainsight does not run package managers in an untrusted workspace (see docs/editors.md: workspaceTrusted).' };
    if (!this.options.allowPackageManagers) return { ok: false, message: 'Chainsight runs package managers only when your editor configuration sets allowPackageManagers (see docs/editors.md).' };
    const line = [run.command, ...run.args].join(' ');
    this.host.log(`> ${line}   (in ${run.cwd})`);
    const outcome = await runPackageManager(run, signal);
    this.host.log(outcome.output);
    if (outcome.code !== 0) return { ok: false, message: `Chainsight: "${line}" failed${outcome.code === null ? '' : ` (exit code ${outcome.code})`}; see the server log.` };
    await this.refresh().catch(() => undefined);
    return { ok: true, message: `Chainsight: ${line} finished.` };
  }

  /** Findings of every folder (for tests and the CLI-like commands). */
  findings(): Finding[] {
    return this.workspace.folders.flatMap((f) => f.analysis?.findings ?? []);
  }

  async dispose(): Promise<void> {
    this.scheduler.dispose();
    this.provenance.dispose();
    await this.recorder.dispose();
    this.triage.dispose();
    await this.sources.dispose();
    await this.resources.dispose();
  }
}
