import type { DocumentReader } from '../documents';
import { builtinPolicy, withBuiltins } from '../policy/builtin';
import type { PolicyFileError } from '../policy/policy-file';
import type { Policy } from '../policy/types';
import type { ChainsightSettings } from '../settings';
import { discoverVexFiles, folderPath, relativeInside, vexFileMatcher } from '../triage/files';
import { PolicyLoader } from '../triage/policy-source';
import { readVexFile, type VexFileRead } from '../triage/vex-files';
import { VexIndex } from '../vex/statement-index';
import type { SourcedStatement } from '../vex/types';

/** Reads a triage file as the user sees it (buffer over disk), or undefined when it is missing or refused. */
export type TriageTextReader = (path: string) => string | undefined;

/** What one folder's triage rests on, and what the status and diagnostics say about it. */
export interface FolderTriageInputs {
  index: VexIndex;
  policy: Policy;
  /** The VEX files whose statements apply. */
  vexFiles: string[];
  /** Each VEX file read, for diagnostics at their errors. */
  reads: readonly VexFileRead[];
  /** The policy file in force, when there is one. */
  policyFile?: string;
  /** The policy file does not read: the previous policy stays. */
  policyError?: PolicyFileError;
  /** Why the workspace's own files do not apply (untrusted). */
  notApplied?: string;
}

/**
 * One workspace folder's VEX files and policy file: found by the `chainsight.vex.files` globs (plus
 * `chainsight.vex.file`, where triage writes), read again only when their text changes, and indexed
 * once per set. A policy file that stops reading keeps the policy it had (never "allow
 * everything"). Until the workspace is trusted, files inside the folder apply only when the user
 * allows it (`chainsight.triage.untrustedWorkspaces`); files outside it come from user settings.
 */
export class FolderTriage {
  private discovered: string[] = [];
  private readonly reads = new Map<string, { text: string; read: VexFileRead }>();
  private indexed: { reads: readonly VexFileRead[]; extra: readonly SourcedStatement[]; index: VexIndex } | undefined;
  private readonly policies = new PolicyLoader();
  private lastGood: Policy | undefined;
  private match: { globs: string; test: (relative: string) => boolean } | undefined;

  constructor(
    readonly root: string,
    /** Undefined until the service's first discovery loaded it (then every file is read). */
    private readonly reader: () => DocumentReader | undefined,
  ) {}

  async discover(settings: ChainsightSettings, signal?: AbortSignal): Promise<void> {
    this.discovered = (await discoverVexFiles(this.root, settings.vex.files, { exclude: settings.exclude, ...(signal ? { signal } : {}) })).paths;
  }

  /** Whether `path` is one of this folder's triage files (known, or matching the globs): its change calls for a new analysis. */
  concerns(path: string, settings: ChainsightSettings): boolean {
    if (path === this.policyPath(settings) || path === folderPath(this.root, settings.vex.file) || this.discovered.includes(path)) return true;
    const relative = relativeInside(this.root, path);
    return relative !== undefined && this.matcher(settings)(relative);
  }

  /** A file created or deleted on disk. */
  fileChanged(path: string, deleted: boolean, settings: ChainsightSettings): void {
    if (deleted) this.discovered = this.discovered.filter((p) => p !== path);
    else if (!this.discovered.includes(path) && this.concerns(path, settings) && path !== this.policyPath(settings)) this.discovered = [...this.discovered, path].sort();
  }

  policyPath(settings: ChainsightSettings): string | undefined {
    return settings.policy.file.trim() ? folderPath(this.root, settings.policy.file.trim()) : undefined;
  }

  load(settings: ChainsightSettings, applyOwn: boolean, read: TriageTextReader, extra: readonly SourcedStatement[]): FolderTriageInputs {
    const own = (path: string) => relativeInside(this.root, path) !== undefined;
    const notApplied = applyOwn ? undefined : 'the workspace is not trusted (chainsight.triage.untrustedWorkspaces lets its VEX and policy files apply)';
    const candidates = [...new Set([...this.discovered, folderPath(this.root, settings.vex.file)])].filter((p) => applyOwn || !own(p));
    const reads: VexFileRead[] = [];
    for (const path of candidates) {
      const text = read(path);
      if (text === undefined) {
        this.reads.delete(path);
        continue;
      }
      let hit = this.reads.get(path);
      const reader = this.reader();
      if (!reader) continue;
      if (hit?.text !== text) this.reads.set(path, (hit = { text, read: readVexFile(path, text, reader) }));
      reads.push(hit.read);
    }
    const statements = [...reads.flatMap((r) => r.statements), ...extra];
    // The index keeps parsed purls between scans: rebuilt only when some file's text (so its read) or
    // an extra statement changed.
    if (!this.indexed || !sameItems(this.indexed.reads, reads) || !sameItems(this.indexed.extra, extra)) this.indexed = { reads, extra, index: new VexIndex(statements) };

    const options = { levels: settings.severity };
    const policyFile = this.policyPath(settings);
    const policyText = policyFile && (applyOwn || !own(policyFile)) ? read(policyFile) : undefined;
    const loaded = this.policies.load(policyFile ?? '', policyText, options);
    let policy: Policy;
    if (loaded.ok) {
      policy = loaded.policy;
      if (policyText !== undefined) this.lastGood = policy;
    } else {
      const rules = this.lastGood?.rules.filter((r) => r.source) ?? [];
      policy = this.lastGood ? withBuiltins(rules, this.lastGood.origin.kind === 'file' ? this.lastGood.origin.path : loaded.error.file, options) : builtinPolicy(options);
    }
    return {
      index: this.indexed.index,
      policy,
      vexFiles: reads.filter((r) => r.statements.length || !r.errors.length).map((r) => r.path),
      reads,
      ...(policyText !== undefined && policyFile ? { policyFile } : {}),
      ...(loaded.ok ? {} : { policyError: loaded.error }),
      ...(notApplied && (this.discovered.some(own) || (policyFile !== undefined && own(policyFile) && read(policyFile) !== undefined)) ? { notApplied } : {}),
    };
  }

  private matcher(settings: ChainsightSettings): (relative: string) => boolean {
    const globs = settings.vex.files.join('\n');
    if (this.match?.globs !== globs) this.match = { globs, test: vexFileMatcher(settings.vex.files) };
    return this.match.test;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
