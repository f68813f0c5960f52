import { createHash } from 'node:crypto';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import { ecosystemByName } from '../ecosystems';
import { SupplyChainGraph } from '../graph/graph-store';
import { notRecordable } from '../graph/recordable';
import { scanFacts, type PackageVerdict } from '../graph/scan-facts';
import { identifyProject, type ProjectIdentity } from '../projects/project-identity';
import type { PackageProvenance } from '../provenance/types';
import type { MetadataStore } from '../store/metadata-store';
import { VERSION } from '../version';
import type { FolderState } from './folder-state';

export interface RecorderHost {
  store(): Promise<MetadataStore>;
  log(message: string): void;
  /** Projects were written to the store. */
  recorded(projects: string[]): void;
}

/** What the recorder needs of the workspace when its timer fires: read then, so the latest state is written. */
export interface RecordInput {
  folders: readonly FolderState[];
  trusted: boolean;
  provenance: readonly PackageProvenance[];
}

/**
 * Records each workspace folder's latest scan in the aggregated store (`chainsight.store.record`):
 * after the diagnostics are published, once a burst of analyses is over (debounced), one folder at
 * a time. A snapshot that says what the last one said is not written again, so typing that does not
 * change packages or findings costs no write. Untrusted workspaces and incomplete scans are never
 * recorded: the store is the user's, across projects, and a partial scan would show packages as gone.
 */
export class StoreRecorder {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private readonly written = new Map<string, string>();
  private readonly skipped = new Map<string, string>();
  // Keyed by the analysis itself, so an identity never keeps an old analysis alive.
  private readonly identities = new WeakMap<WorkspaceAnalysis, Promise<ProjectIdentity>>();
  private disposed = false;
  private opened = false;

  constructor(
    private readonly host: RecorderHost,
    private readonly input: () => RecordInput,
    private readonly delayMs = 1_500,
  ) {}

  /** Records once the analyses settle (`delayMs` after the last call). */
  schedule(): void {
    if (this.disposed) return;
    this.openEarly();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.running.then(() => this.recordNow()).catch((err) => this.host.log(`recording in the store failed: ${(err as Error).message}`));
    }, this.delayMs);
  }

  /**
   * Opens the store as soon as recording is sure to need it, rather than when the timer fires: the
   * first hover then finds it open instead of waiting for SQLite to load (and timing out).
   */
  private openEarly(): void {
    if (this.opened) return;
    const { folders, trusted } = this.input();
    if (!trusted || !folders.some((f) => f.settings.store.record)) return;
    this.opened = true;
    void this.host.store().catch(() => undefined);
  }

  /** The project a folder is recorded as (its identity from the last analysis), for the hover to leave out. */
  async projectOf(folder: FolderState): Promise<ProjectIdentity | undefined> {
    return folder.analysis ? this.identity(folder.root, folder.analysis) : undefined;
  }

  private identity(root: string, analysis: WorkspaceAnalysis): Promise<ProjectIdentity> {
    let identity = this.identities.get(analysis);
    if (!identity) this.identities.set(analysis, (identity = identifyProject(root, { analysis })));
    return identity;
  }

  private async recordNow(): Promise<void> {
    const { folders, trusted, provenance } = this.input();
    if (this.disposed) return;
    const recorded: string[] = [];
    for (const folder of folders) {
      const analysis = folder.analysis;
      if (!analysis) continue;
      const skip = !folder.settings.store.record ? 'chainsight.store.record is off' : !trusted ? 'the workspace is not trusted' : notRecordable(analysis);
      if (skip) {
        // Once per folder and reason, not once per keystroke.
        if (this.skipped.get(folder.root) !== skip) this.host.log(`not recorded in the store: ${folder.root} (${skip})`);
        this.skipped.set(folder.root, skip);
        continue;
      }
      this.skipped.delete(folder.root);
      const project = await this.identity(folder.root, analysis);
      const bundle = scanFacts({ analysis, project, root: folder.root, tool: `chainsight ${VERSION} (language server)`, verdicts: verdictsOf(provenance) });
      const fingerprint = createHash('sha256')
        .update(JSON.stringify([project.name, project.commit ?? '', project.remoteUrl ?? '', bundle.deps, bundle.certVulns, bundle.meta]))
        .digest('hex');
      if (this.written.get(folder.root) === fingerprint) continue;
      const graph = new SupplyChainGraph((await this.host.store()).sqlExecutor(), { historyLimit: folder.settings.store.historyLimit });
      const started = Date.now();
      const result = await graph.recordSnapshot(project, bundle);
      this.written.set(folder.root, fingerprint);
      recorded.push(result.project);
      this.host.log(`recorded ${result.project}${result.commit ? ` @ ${result.commit.slice(0, 12)}` : ''} in the store in ${Date.now() - started} ms (${result.packages} packages, ${result.findings} findings)`);
    }
    if (recorded.length) this.host.recorded(recorded);
  }

  /** Stops recording; resolves once a write in progress has finished (before the store is closed). */
  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

function verdictsOf(results: readonly PackageProvenance[]): PackageVerdict[] {
  const out: PackageVerdict[] = [];
  for (const r of results) {
    const ecosystem = ecosystemByName(r.ecosystem);
    if (!ecosystem) continue;
    out.push({ purl: ecosystem.purl(r.name, r.version), signature: { status: r.signature.status, reason: r.signature.reason }, provenance: { status: r.provenance.status, reason: r.provenance.reason } });
  }
  return out;
}
