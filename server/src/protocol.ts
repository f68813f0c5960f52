/**
 * Chainsight's own LSP protocol, declared once: every request and notification is a typed constant
 * that carries its parameter and result types, imported by the client and the server alike (as
 * rust-analyzer's `lsp_ext.ts` does). Plain data and types only, so the client bundle stays small.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import { DEPENDENCY_FILES } from './ecosystems/files';
import { type ExportFormat, REPORT_FORMAT_LIST } from './reports/format-list';

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
  message?: string;
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

// ---- commands (workspace/executeCommand, and the VS Code client's own commands) ----------------

/** Runs a fix's package-manager command. Argument: the opaque id from the code action. */
export const RUN_FIX_COMMAND = 'chainsight.runFixCommand';
/** Refreshes the lockfile of a project. Argument: a manifest or lockfile URI (optional). */
export const UPDATE_LOCKFILE_COMMAND = 'chainsight.updateLockfile';
/** The commands the server executes for clients that do not run them themselves. */
export const SERVER_COMMANDS: readonly string[] = [RUN_FIX_COMMAND, UPDATE_LOCKFILE_COMMAND];

/** Document selector patterns (`**∕name`) for every dependency file Chainsight reads. */
export const DOCUMENT_PATTERNS: readonly string[] = [...new Set(DEPENDENCY_FILES.flatMap((f) => f.patterns.map((p) => `**/${p}`)))];
