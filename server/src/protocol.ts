/**
 * Chainsight's own LSP protocol, declared once: every request and notification is a typed constant
 * that carries its parameter and result types, imported by the client and the server alike (as
 * rust-analyzer's `lsp_ext.ts` does). Plain data and types only, so the client bundle stays small.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { TeamStoreStatus } from './protocol-store';
import { DEPENDENCY_FILES } from './ecosystems/files';
import { type ExportFormat, REPORT_FORMAT_LIST } from './reports/format-list';
import { DEFAULT_SETTINGS } from './settings';
import type { TriageDecision } from './vex/triage';

export * from './settings';

// ---- start-up ------------------------------------------------------------------------------------

/** Sent by the client at start-up (LSP `initializationOptions`). Every field is the user's, never a repository's. */
export interface InitializationOptions {
  /** The metadata store file (the extension's global storage); other clients get the user cache default. */
  storePath?: string;
  /**
   * Whether the user trusts the workspace. VS Code passes Workspace Trust (and its changes, through
   * `didChangeWorkspaceTrust`); other editors set it in their user configuration. Absent: untrusted.
   */
  workspaceTrusted?: boolean;
  /** User-level settings (`{ chainsight: {...} }`, the section itself, or dotted keys). */
  settings?: unknown;
  /**
   * The client answers `workspace/configuration` with user-level values for restricted settings while
   * the workspace is untrusted (the VS Code client does). Otherwise the server takes restricted
   * settings from `settings` above only, until the workspace is trusted.
   */
  configurationHonoursTrust?: boolean;
  /** The client runs package-manager commands itself (VS Code); the server then does not offer them through `workspace/executeCommand`. */
  clientRunsCommands?: boolean;
  /** For clients without their own runner: lets the server run a package manager when the user picks a fix that needs one. */
  allowPackageManagers?: boolean;
  /**
   * The client asks the user for triage decisions itself (VS Code: a picker and input boxes, then
   * `chainsight/triageEdit`): triage quick fixes then carry the client's `chainsight.triage` command.
   * Otherwise they are plain edits that need no input (docs/editors.md).
   */
  clientAsksTriage?: boolean;
  /** The client answers `chainsight/storePassword` from its secret storage (VS Code's SecretStorage). */
  clientStoresPasswords?: boolean;
}

export interface WorkspaceTrustParams {
  trusted: boolean;
}

export const didChangeWorkspaceTrust = new NotificationType<WorkspaceTrustParams>('chainsight/didChangeWorkspaceTrust');

// ---- status and progress -------------------------------------------------------------------------

export interface StatusParams {
  state: 'starting' | 'scanning' | 'ready' | 'error';
  /** Vulnerable package@version × advisory pairs by severity. */
  counts: { critical: number; high: number; moderate: number; low: number; unknown: number };
  packages: number;
  vulnerablePackages: number;
  data: { kind: string; description: string; dataTime?: number; stale: boolean; incomplete: boolean; error?: string };
  /** The background signature and provenance check, when enabled. */
  provenance?: { state: 'checking' | 'done' | 'offline'; packages: number; invalid: number; signaturesVerified: number; provenanceVerified: number; error?: string };
  /** Whether the server treats the workspace as trusted (repository files may then choose registries). */
  trusted: boolean;
  /** Hosts that are failing (one line each, however many requests waited on them). */
  network?: string[];
  /** What the answer leaves out and why (files skipped, limits hit), each said once. */
  omissions?: string[];
  /** VEX, policy and KEV: what applies, and what VEX suppresses (not in `counts`). */
  triage?: TriageStatus;
  /** The team store `chainsight.store.url` names, when one does: where, and why it does not answer (the embedded store then does). */
  teamStore?: TeamStoreStatus;
  message?: string;
}

export interface TriageStatus {
  /** Package@version × advisory pairs a VEX statement suppresses, counted apart from `counts` (never silently). */
  suppressed: number;
  /** VEX statements in force, and the files they come from (workspace-relative). */
  statements: number;
  vexFiles: string[];
  /** The policy file in force, and its error when it does not read (the previous policy stays). */
  policy?: { file?: string; error?: string };
  /** Why the workspace's own VEX and policy files do not apply (an untrusted workspace). */
  notApplied?: string;
  /** CISA's Known Exploited Vulnerabilities catalog. */
  kev?: { state: 'fresh' | 'stale' | 'none'; catalogVersion?: string; error?: string };
}

export const statusNotification = new NotificationType<StatusParams>('chainsight/status');

/** Progress of a long server task, for the client's progress notification. */
export interface ProgressParams {
  task: 'download';
  message: string;
  /** 0–100 when known. */
  percentage?: number;
}

export const progressNotification = new NotificationType<ProgressParams>('chainsight/progress');

// ---- requests ------------------------------------------------------------------------------------

export interface ScanWorkspaceResult {
  findings: number;
  packages: number;
}

export const scanWorkspaceRequest = new RequestType0<ScanWorkspaceResult, void>('chainsight/scanWorkspace');

export interface DownloadDatabaseResult {
  ecosystems: Array<{ ecosystem: string; records?: number; error?: string }>;
}

export const downloadDatabaseRequest = new RequestType0<DownloadDatabaseResult, void>('chainsight/downloadOfflineDatabase');

export interface ReportRow {
  ecosystem: string;
  name: string;
  version: string;
  advisory: string;
  aliases: string[];
  severity: string;
  score: number | null;
  summary: string;
  fixed: string | null;
  path: string;
  file: string;
  line: number;
  uri: string;
  /** What VEX says: `affected` (also without a statement), `not_affected`, `fixed`, `under_investigation`. */
  status: 'affected' | 'not_affected' | 'fixed' | 'under_investigation';
  /** A VEX statement takes it out of the Problems panel (still listed here, marked). */
  suppressed: boolean;
  /** The statement in words: `not affected — <justification>, by <author> on <date>, in <file>`. */
  vex: string | null;
  /** The policy rule that decided how loud it is; `fromFile` when a rule of the policy file (not a built-in one) did. */
  policy: { rule: string; name: string; action: 'error' | 'warn' | 'info' | 'hint' | 'ignore'; fromFile: boolean } | null;
  /** The date CISA added it to the Known Exploited Vulnerabilities catalog. */
  knownExploited: string | null;
}

export interface ProvenanceRow {
  /** `npm`, `PyPI`, `Go`. */
  ecosystem: string;
  name: string;
  version: string;
  signature: string;
  provenance: string;
  /** `github.com/owner/repo@commit` when provenance is verified. */
  source: string;
  reason: string;
}

export interface ReportResult {
  rows: ReportRow[];
  packages: number;
  status: StatusParams['data'];
  /** Signature and provenance of each package (npm, PyPI, Go), once checked. */
  provenance?: ProvenanceRow[];
  /** What VEX and the policy apply (suppressed findings are rows too, marked). */
  triage?: TriageStatus;
  /** Per project (dependency file) and ecosystem: packages with verified provenance, of those that could have it. */
  provenanceCoverage?: ProvenanceCoverageRow[];
}

export interface ProvenanceCoverageRow {
  /** The project's dependency file, relative to its workspace folder. */
  project: string;
  ecosystem: string;
  packages: number;
  verified: number;
}

export const reportRequest = new RequestType0<ReportResult, void>('chainsight/report');

export interface VerifyResult {
  summary: { packages: number; signature: Record<string, number>; provenance: Record<string, number>; regressions: number; invalid: number; coverage?: Array<{ ecosystem: string; packages: number; verified: number }> };
  rows: ProvenanceRow[];
}

export const verifyRequest = new RequestType0<VerifyResult, void>('chainsight/verify');

/** The formats the report can be exported in (the one list in reports/format-list.ts): what the export picker shows. */
export const EXPORT_FORMATS = REPORT_FORMAT_LIST.filter((f): f is Extract<(typeof REPORT_FORMAT_LIST)[number], { export: true }> => f.export);

export type { ExportFormat };

export function isExportFormat(value: unknown): value is ExportFormat {
  return EXPORT_FORMATS.some((f) => f.id === value);
}

export interface ExportReportParams {
  format: ExportFormat;
}

export interface ExportReportResult {
  content: string;
  /** A file name to suggest in the save dialog. */
  fileName: string;
}

export const exportReportRequest = new RequestType<ExportReportParams, ExportReportResult, void>('chainsight/exportReport');

/** A package-manager run the server planned: no shell, a known program, in the project's folder. */
export interface PackageManagerRun {
  command: string;
  args: string[];
  /** Folder to run it in. */
  cwd: string;
  /** The lockfile it refreshes, for messages. */
  lockfile: string;
}

/**
 * The programs a fix or a lockfile refresh may run: the package managers whose commands the
 * ecosystems write (`lockfileCommand` and override fixes; a test checks every one is listed). The
 * server issues nothing else and the VS Code client runs nothing else.
 */
export const PACKAGE_MANAGERS: ReadonlySet<string> = new Set(['npm', 'yarn', 'pnpm', 'bun', 'poetry', 'uv', 'pdm', 'pipenv', 'go', 'cargo', 'bundle', 'composer', 'dotnet', 'dart', 'flutter', 'mix']);

export interface LockfileCommandParams {
  /** The manifest or lockfile the user is looking at; the first stale project when absent. */
  uri?: string;
}

export const lockfileCommandRequest = new RequestType<LockfileCommandParams, PackageManagerRun | null, void>('chainsight/lockfileCommand');

export interface FixCommandParams {
  /** The opaque id a code action carried; valid for this server session only. */
  id: string;
}

/** Resolves a fix's command id to the run the server planned for it, or null when it issued no such id. */
export const fixCommandRequest = new RequestType<FixCommandParams, PackageManagerRun | null, void>('chainsight/fixCommand');

// ---- triage (VEX quick fixes) -----------------------------------------------------------------

/** The three triage decisions a quick fix can write (docs/vex.md). */
export type TriageKind = 'not_affected' | 'accept_risk' | 'under_investigation';

/** OpenVEX's five justifications for `not_affected`, with what each means, for pickers. */
export const TRIAGE_JUSTIFICATIONS = [
  { id: 'component_not_present', label: 'Component not present', detail: 'the vulnerable component is not part of what ships' },
  { id: 'vulnerable_code_not_present', label: 'Vulnerable code not present', detail: 'the component is there, but not the vulnerable code' },
  { id: 'vulnerable_code_not_in_execute_path', label: 'Vulnerable code not in execute path', detail: 'the vulnerable code is never run' },
  { id: 'vulnerable_code_cannot_be_controlled_by_adversary', label: 'Vulnerable code cannot be controlled by adversary', detail: 'it runs, but an attacker cannot reach or steer it' },
  { id: 'inline_mitigations_already_exist', label: 'Inline mitigations already exist', detail: 'something in place already prevents exploitation' },
] as const;

export type TriageJustification = (typeof TRIAGE_JUSTIFICATIONS)[number]['id'];

/** Which finding a triage decision is about: the finding's file (lockfile, or manifest without one), its entry, the advisory. */
export interface TriageTargetRef {
  uri: string;
  packageId: string;
  vulnerability: string;
  /** Narrow the statement to the paths through this package (a purl with version): the direct dependency of the line it was asked on. */
  via?: string;
}

/** What the VS Code client's triage command receives from a code action. */
export interface TriageCommandArgs extends TriageTargetRef {
  kind: TriageKind;
  /** `name@version`, for the prompts. */
  package: string;
}

/** A decision as vex/triage.ts writes it (`accept_risk.until` is `YYYY-MM-DD`, through the end of that day, UTC). */
export type TriageDecisionParams = TriageDecision;

export interface TriageEditParams {
  target: TriageTargetRef;
  decision: TriageDecisionParams;
}

/**
 * The project's VEX file with the statement written: its whole new text, for the client to apply as
 * an edit (so it can be undone), creating the file when `exists` is false.
 */
export type TriageEditResult = { ok: true; uri: string; text: string; exists: boolean; replaced: boolean } | { ok: false; message: string };

export const triageEditRequest = new RequestType<TriageEditParams, TriageEditResult, void>('chainsight/triageEdit');

/** The VS Code client's command behind the triage quick fixes (asks, then `chainsight/triageEdit`). Argument: TriageCommandArgs. */
export const TRIAGE_COMMAND = 'chainsight.triage';

/**
 * For clients that cannot ask (`clientAsksTriage` unset): writes a complete decision to the VEX file
 * through `workspace/applyEdit` (or on disk when the file is new). Argument: TriageEditParams.
 */
export const APPLY_TRIAGE_COMMAND = 'chainsight.applyTriage';

// ---- commands (workspace/executeCommand, and the VS Code client's own commands) ----------------

/** Runs a fix's package-manager command. Argument: the opaque id from the code action. */
export const RUN_FIX_COMMAND = 'chainsight.runFixCommand';
/** Refreshes the lockfile of a project. Argument: a manifest or lockfile URI (optional). */
export const UPDATE_LOCKFILE_COMMAND = 'chainsight.updateLockfile';
/** The commands the server executes for clients that do not run them themselves. */
export const SERVER_COMMANDS: readonly string[] = [RUN_FIX_COMMAND, UPDATE_LOCKFILE_COMMAND, APPLY_TRIAGE_COMMAND];

/** Document selector patterns (`**∕name`) for every dependency file Chainsight reads. */
export const DOCUMENT_PATTERNS: readonly string[] = [...new Set(DEPENDENCY_FILES.flatMap((f) => f.patterns.map((p) => `**/${p}`)))];

export * from './protocol-store';

/**
 * The triage files clients watch and sync besides dependency files: VEX files by the default
 * `chainsight.vex.files` globs, and `.chainsight/` (the VEX file triage writes, the policy file).
 * They are not dependency files (no activation, no parser), but a change to one changes findings.
 * Globs a user adds to `chainsight.vex.files` beyond these are read on every analysis and rescan.
 */
export const TRIAGE_PATTERNS: readonly string[] = [...new Set([...DEFAULT_SETTINGS.vex.files, '**/.chainsight/*'])];
