import { readFileSync, statSync } from 'node:fs';
import type { EngineDiagnostic } from '../analysis/diagnostics';
import type { DocumentReader } from '../documents';
import type { TriageStatus } from '../protocol';
import type { ChainsightSettings } from '../settings';
import { applyTriage } from '../triage/apply';
import { relativeInside } from '../triage/files';
import { extrasFrom, lockfileExtras } from '../triage/package-extras';
import { policyReads } from '../triage/policy-source';
import { lintProblems } from '../vex/statement-problems';
import type { SourcedStatement } from '../vex/types';
import type { DataResources } from './data-resources';
import type { FolderState } from './folder-state';
import { LockfileHistory } from './lockfile-history';
import type { OverlayTexts } from './overlay-texts';
import { TriageFacts, type TriageFactsHost } from './triage-facts';
import { FolderTriage, type FolderTriageInputs, type TriageTextReader } from './triage-inputs';

export interface TriageServiceOptions {
  /**
   * VEX statements from elsewhere than the workspace's files, per folder: the seam for the metadata
   * store's documents (a later change ingests VEX there). They are the user's, so they apply
   * whether or not the workspace is trusted.
   */
  extraStatements?: (root: string) => readonly SourcedStatement[];
  /** The clock expiry and release age are judged by (tests inject one). */
  now?: () => number;
}

/**
 * Triage in the language server: each folder's VEX files and policy file (read again when they
 * change), CISA's KEV catalog and npm publish times (in the background), and the lockfiles seen
 * before, applied to every analysis. Results go on the folders (`FolderState.triage`), where
 * diagnostics, hovers, code actions and the report read them.
 */
export class TriageService {
  /**
   * Loaded with the first discovery, not at start-up: the readers bring Sigstore's bundle checks
   * (attestations), which a first scan never needs (test/unit/startup-chunks.test.ts).
   */
  private documents: DocumentReader | undefined;
  private readonly folders = new Map<string, FolderTriage>();
  private readonly inputs = new Map<string, FolderTriageInputs>();
  private readonly history = new LockfileHistory();
  readonly facts: TriageFacts;

  constructor(
    host: TriageFactsHost,
    resources: DataResources,
    private readonly options: TriageServiceOptions = {},
  ) {
    this.facts = new TriageFacts(host, resources);
  }

  /** Finds each folder's VEX files again (on start, on a rescan, when settings change). */
  async discover(folders: readonly FolderState[], signal?: AbortSignal): Promise<void> {
    this.documents ??= new (await import('../documents/read-document.js')).DocumentReader();
    for (const folder of folders) await this.folder(folder.root).discover(folder.settings, signal);
  }

  /** Whether a file is a triage file of some folder: its change calls for a new analysis. */
  concerns(path: string, folders: readonly FolderState[]): boolean {
    return folders.some((f) => this.folder(f.root).concerns(path, f.settings));
  }

  filesChanged(changes: ReadonlyArray<{ path: string; deleted: boolean }>, folders: readonly FolderState[]): void {
    for (const { path, deleted } of changes) for (const f of folders) if (relativeInside(f.root, path) !== undefined) this.folder(f.root).fileChanged(path, deleted, f.settings);
  }

  /** After an analysis: reads the triage files, applies triage to every folder, and fetches missing facts in the background. */
  afterAnalysis(folders: readonly FolderState[], trusted: boolean, texts: OverlayTexts): void {
    for (const folder of folders) if (folder.analysis) this.history.observe(folder.analysis);
    this.apply(folders, trusted, texts);
    const releaseAge = folders.filter((f) => f.analysis && this.inputs.get(f.root) && policyReads(this.inputs.get(f.root)!.policy, 'pkg', 'releaseAgeDays'));
    this.facts.refresh(folders[0]?.settings, releaseAge, trusted);
  }

  /** How triage files are read: buffers over disk inside the folders, disk outside. */
  textReader(texts: OverlayTexts, folders: readonly FolderState[]): TriageTextReader {
    return textReader(texts, folders.map((f) => f.root));
  }

  /** Applies triage with the files and facts as they are now (again when facts arrive). */
  apply(folders: readonly FolderState[], trusted: boolean, texts: OverlayTexts): void {
    const read = this.textReader(texts, folders);
    const now = (this.options.now ?? Date.now)();
    const published = this.facts.published;
    const previous = this.history.previous();
    for (const folder of folders) {
      const applyOwn = trusted || folder.settings.triage.untrustedWorkspaces;
      const inputs = this.folder(folder.root).load(folder.settings, applyOwn, read, this.options.extraStatements?.(folder.root) ?? []);
      this.inputs.set(folder.root, inputs);
      if (!folder.analysis) {
        delete folder.triage;
        continue;
      }
      const extras = extrasFrom({ locked: lockfileExtras(folder.analysis), published, previous });
      const kev = this.facts.catalog;
      folder.triage = applyTriage(folder.analysis, { statements: inputs.index, policy: inputs.policy, now, ...(kev ? { kev } : {}), ...(extras ? { extras } : {}) });
    }
  }

  /** Diagnostics in the triage files themselves, by path: unreadable VEX, statement problems and lint, a bad policy file. */
  diagnostics(folders: readonly FolderState[]): Map<string, { settings: ChainsightSettings; diagnostics: EngineDiagnostic[] }> {
    const out = new Map<string, { settings: ChainsightSettings; diagnostics: EngineDiagnostic[] }>();
    const add = (path: string, settings: ChainsightSettings, d: EngineDiagnostic) => {
      const entry = out.get(path) ?? { settings, diagnostics: [] };
      entry.diagnostics.push(d);
      out.set(path, entry);
    };
    for (const folder of folders) {
      const inputs = this.inputs.get(folder.root);
      if (!inputs) continue;
      for (const r of inputs.reads) for (const e of r.errors) add(r.path, folder.settings, { range: e.range, message: e.message, kind: 'parse-error', severity: 'unknown', related: [] });
      const vex = folder.triage?.vex;
      for (const p of [...(vex?.problems ?? []), ...lintProblems(vex?.unused ?? [])]) {
        if (p.file && p.range) add(p.file, folder.settings, { range: p.range, message: p.message, kind: 'vex-statement', severity: 'unknown', level: p.level, code: p.kind, related: [] });
      }
      const error = inputs.policyError;
      if (error) add(error.file, folder.settings, { range: error.range, message: `${error.message} (the previous policy stays in force)`, kind: 'parse-error', severity: 'unknown', related: [] });
      for (const p of folder.triage?.policy.problems ?? []) {
        const source = p.rule.source;
        if (source?.range) add(source.file, folder.settings, { range: source.range, message: `rule "${p.rule.id}" could not be evaluated for ${p.count} ${p.count === 1 ? 'subject' : 'subjects'} (counted as no match): ${p.message}`, kind: 'parse-warning', severity: 'unknown', related: [] });
      }
    }
    return out;
  }

  /** What the status says about triage, beyond the suppressed count `statusFor` makes. */
  status(folders: readonly FolderState[]): Omit<TriageStatus, 'suppressed'> {
    const all = folders.map((f) => ({ root: f.root, inputs: this.inputs.get(f.root) })).filter((x): x is { root: string; inputs: FolderTriageInputs } => x.inputs !== undefined);
    const display = (root: string, path: string) => relativeInside(root, path) ?? path;
    const policy = all.find((x) => x.inputs.policyError || x.inputs.policyFile);
    const kev = this.facts.kevStatus;
    const notApplied = all.find((x) => x.inputs.notApplied)?.inputs.notApplied;
    return {
      statements: all.reduce((n, x) => n + x.inputs.index.statements.length, 0),
      vexFiles: all.flatMap((x) => x.inputs.vexFiles.map((p) => display(x.root, p))),
      ...(policy
        ? { policy: { ...(policy.inputs.policyFile ? { file: display(policy.root, policy.inputs.policyFile) } : {}), ...(policy.inputs.policyError ? { error: `${display(policy.root, policy.inputs.policyError.file)}:${policy.inputs.policyError.line}:${policy.inputs.policyError.column}: ${policy.inputs.policyError.message}` } : {}) } }
        : {}),
      ...(notApplied ? { notApplied } : {}),
      ...(kev ? { kev: { state: kev.state, ...(kev.catalogVersion ? { catalogVersion: kev.catalogVersion } : {}), ...(kev.error ? { error: kev.error } : {}) } } : {}),
    };
  }

  dispose(): void {
    this.facts.dispose();
  }

  private folder(root: string): FolderTriage {
    let folder = this.folders.get(root);
    if (!folder) this.folders.set(root, (folder = new FolderTriage(root, () => this.documents)));
    return folder;
  }
}

/** VEX and policy files larger than this are not triage a person wrote; they are refused like other oversized input. */
const MAX_TRIAGE_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Triage files as the user sees them: inside a workspace folder through the workspace's reader
 * (buffers over disk, the size and workspace rules); outside it (a path from the user's own
 * settings: restricted settings come from there until the workspace is trusted) from disk.
 */
function textReader(texts: OverlayTexts, roots: readonly string[]): TriageTextReader {
  return (path) => {
    if (roots.some((root) => relativeInside(root, path) !== undefined)) {
      const read = texts.read(path);
      return read.kind === 'text' ? read.text : undefined;
    }
    try {
      const stat = statSync(path);
      return stat.isFile() && stat.size <= MAX_TRIAGE_FILE_BYTES ? readFileSync(path, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };
}
