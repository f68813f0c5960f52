/**
 * What the client and the server agree on: settings (type, defaults, the one list that package.json
 * contributes), custom requests and notifications, and the dependency-file patterns. Imported by
 * both sides with a plain relative import; holds no engine code so the client bundle stays small.
 */
import { DEPENDENCY_FILES } from './ecosystems/files';

export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint' | 'none';
export const DIAGNOSTIC_LEVELS: readonly DiagnosticLevel[] = ['error', 'warning', 'information', 'hint', 'none'];

export interface ChainsightSettings {
  osv: { offlineData: string; mode: 'online' | 'offline' | 'auto'; url: string; cacheTtl: number; bucket: string };
  severity: { critical: DiagnosticLevel; high: DiagnosticLevel; moderate: DiagnosticLevel; low: DiagnosticLevel; unknown: DiagnosticLevel };
  diagnostics: { lockfiles: boolean; rangeNotes: boolean; staleLockfile: DiagnosticLevel };
  exclude: string[];
  provenance: { enable: boolean; invalid: ProvenanceLevel; missingSignature: ProvenanceLevel; regression: ProvenanceLevel; policy: ProvenanceLevel };
  sigstore: { trustedRoot: string };
  policy: { requireProvenance: string[] };
}

export type ProvenanceLevel = 'error' | 'warning' | 'information' | 'off';
const PROVENANCE_LEVELS: readonly ProvenanceLevel[] = ['error', 'warning', 'information', 'off'];

export interface SettingSpec {
  /** Full key, e.g. `chainsight.osv.offlineData`. */
  key: string;
  type: 'string' | 'boolean' | 'number' | 'array';
  default: unknown;
  enum?: readonly string[];
  description: string;
  /** VS Code configuration scope. */
  scope: 'application' | 'machine' | 'machine-overridable' | 'window' | 'resource';
  /** Changing it needs a language server restart (the client restarts it). */
  restart?: boolean;
}

/** THE list of settings; package.json `contributes.configuration` is checked against it by a test. */
export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'chainsight.osv.offlineData',
    type: 'string',
    default: '',
    description: 'A folder of OSV records (`<ID>.json`) or an OSV `all.zip` to use as vulnerability data, e.g. for air-gapped machines. Relative paths are resolved against the workspace folder.',
    scope: 'machine-overridable',
  },
  {
    key: 'chainsight.osv.mode',
    type: 'string',
    default: 'online',
    enum: ['online', 'offline', 'auto'],
    description: '`online`: ask osv.dev (or `chainsight.osv.url`), cached in the metadata store. `offline`: no network at all; use the offline database (see **Chainsight: Download Offline Database**) and the cache. `auto`: online, and the offline database with a visible stale status when the network fails. `chainsight.osv.offlineData`, when set, wins over all three.',
    scope: 'machine-overridable',
  },
  {
    key: 'chainsight.osv.url',
    type: 'string',
    default: 'https://api.osv.dev',
    description: 'Base URL of the OSV API (`/v1/querybatch`, `/v1/vulns/{id}`), for internal mirrors. Proxies come from `http.proxy` or `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`.',
    scope: 'machine-overridable',
  },
  {
    key: 'chainsight.osv.cacheTtl',
    type: 'number',
    default: 6,
    description: 'Hours an online answer stays fresh in the cache. A rescan within this time makes no request.',
    scope: 'machine-overridable',
  },
  {
    key: 'chainsight.osv.bucket',
    type: 'string',
    default: 'https://osv-vulnerabilities.storage.googleapis.com',
    description: 'Where **Download Offline Database** fetches `{bucket}/{ecosystem}/all.zip`, for internal mirrors.',
    scope: 'machine-overridable',
  },
  ...(['critical', 'high', 'moderate', 'low', 'unknown'] as const).map(
    (s): SettingSpec => ({
      key: `chainsight.severity.${s}`,
      type: 'string',
      default: { critical: 'error', high: 'error', moderate: 'warning', low: 'information', unknown: 'warning' }[s],
      enum: DIAGNOSTIC_LEVELS,
      description: `Diagnostic severity for dependencies whose most severe known vulnerability is rated ${s}. \`none\` hides them.`,
      scope: 'resource',
    }),
  ),
  {
    key: 'chainsight.diagnostics.lockfiles',
    type: 'boolean',
    default: true,
    description: 'Also show diagnostics on vulnerable entries in lockfiles, not only on the manifest line you can change.',
    scope: 'resource',
  },
  {
    key: 'chainsight.diagnostics.rangeNotes',
    type: 'boolean',
    default: true,
    description: 'Without a lockfile, note (as information) when a declared version range admits versions with known vulnerabilities.',
    scope: 'resource',
  },
  {
    key: 'chainsight.diagnostics.staleLockfile',
    type: 'string',
    default: 'warning',
    enum: DIAGNOSTIC_LEVELS,
    description: 'Diagnostic severity when a lockfile no longer matches its manifest.',
    scope: 'resource',
  },
  {
    key: 'chainsight.provenance.enable',
    type: 'boolean',
    default: true,
    description: 'Check the registry signature and Sigstore provenance of every resolved npm package (asks the registry from your `.npmrc`; results are cached). Shown in hovers, as diagnostics, and by **Verify Signatures & Provenance**.',
    scope: 'window',
  },
  ...(
    [
      ['invalid', 'error', 'an invalid registry signature or attestation (possible tampering)'],
      ['missingSignature', 'warning', 'a version without a registry signature while the registry publishes signing keys'],
      ['regression', 'warning', 'a version with no provenance when the previous one had it, or built from another repository'],
      ['policy', 'warning', 'a package matching `chainsight.policy.requireProvenance` that has no provenance'],
    ] as const
  ).map(
    ([name, level, what]): SettingSpec => ({
      key: `chainsight.provenance.${name}`,
      type: 'string',
      default: level,
      enum: PROVENANCE_LEVELS,
      description: `Diagnostic severity for ${what}. \`off\` hides it.`,
      scope: 'resource',
    }),
  ),
  {
    key: 'chainsight.sigstore.trustedRoot',
    type: 'string',
    default: '',
    description: 'A Sigstore `trusted_root.json` to verify attestations against, for air-gapped machines. Empty: Sigstore\'s public-good root, fetched and cached through TUF.',
    scope: 'machine-overridable',
  },
  {
    key: 'chainsight.policy.requireProvenance',
    type: 'array',
    default: [],
    description: 'Package name globs (e.g. `@acme/*`) that must be published with provenance: a matching package without it gets a diagnostic.',
    scope: 'resource',
  },
  {
    key: 'chainsight.exclude',
    type: 'array',
    default: [],
    description: 'Folder names to skip when looking for dependency files (node_modules and VCS folders are always skipped).',
    scope: 'resource',
  },
];

export const DEFAULT_SETTINGS: ChainsightSettings = settingsFromFlat({});

/** Builds typed settings from `key → value` (missing or invalid values take the default). */
export function settingsFromFlat(flat: Record<string, unknown>): ChainsightSettings {
  const get = <T>(key: string): T => {
    const spec = SETTINGS.find((s) => s.key === key)!;
    const value = flat[key];
    if (value === undefined || value === null) return spec.default as T;
    if (spec.type === 'array' ? !Array.isArray(value) : typeof value !== spec.type) return spec.default as T;
    if (spec.enum && !spec.enum.includes(value as string)) return spec.default as T;
    return value as T;
  };
  return {
    osv: {
      offlineData: get('chainsight.osv.offlineData'),
      mode: get('chainsight.osv.mode'),
      url: get('chainsight.osv.url'),
      cacheTtl: get('chainsight.osv.cacheTtl'),
      bucket: get('chainsight.osv.bucket'),
    },
    severity: {
      critical: get('chainsight.severity.critical'),
      high: get('chainsight.severity.high'),
      moderate: get('chainsight.severity.moderate'),
      low: get('chainsight.severity.low'),
      unknown: get('chainsight.severity.unknown'),
    },
    diagnostics: {
      lockfiles: get('chainsight.diagnostics.lockfiles'),
      rangeNotes: get('chainsight.diagnostics.rangeNotes'),
      staleLockfile: get('chainsight.diagnostics.staleLockfile'),
    },
    exclude: get<unknown[]>('chainsight.exclude').filter((x): x is string => typeof x === 'string'),
    provenance: {
      enable: get('chainsight.provenance.enable'),
      invalid: get('chainsight.provenance.invalid'),
      missingSignature: get('chainsight.provenance.missingSignature'),
      regression: get('chainsight.provenance.regression'),
      policy: get('chainsight.provenance.policy'),
    },
    sigstore: { trustedRoot: get('chainsight.sigstore.trustedRoot') },
    policy: { requireProvenance: get<unknown[]>('chainsight.policy.requireProvenance').filter((x): x is string => typeof x === 'string') },
  };
}

/** Flattens a nested `chainsight` configuration object (as `workspace/configuration` returns it). */
export function flattenSection(section: unknown, prefix = 'chainsight'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (value: unknown, path: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    } else out[path] = value;
  };
  walk(section, prefix);
  return out;
}

// ---- custom protocol ----------------------------------------------------------------------------

export const STATUS_NOTIFICATION = 'chainsight/status';

export interface StatusParams {
  state: 'starting' | 'scanning' | 'ready' | 'error';
  /** Vulnerable package@version × advisory pairs by severity. */
  counts: { critical: number; high: number; moderate: number; low: number; unknown: number };
  packages: number;
  vulnerablePackages: number;
  data: { kind: string; description: string; dataTime?: number; stale: boolean; incomplete: boolean; error?: string };
  /** The background signature and provenance check, when enabled. */
  provenance?: { state: 'checking' | 'done'; packages: number; invalid: number; signaturesVerified: number; provenanceVerified: number };
  message?: string;
}

export const SCAN_WORKSPACE_REQUEST = 'chainsight/scanWorkspace';
export const DOWNLOAD_DATABASE_REQUEST = 'chainsight/downloadOfflineDatabase';
export const PROGRESS_NOTIFICATION = 'chainsight/progress';

export interface DownloadDatabaseResult {
  ecosystems: Array<{ ecosystem: string; records?: number; error?: string }>;
}

/** Progress of a long server task, for the client's progress notification. */
export interface ProgressParams {
  task: 'download';
  message: string;
  /** 0–100 when known. */
  percentage?: number;
}

/** Sent by the client at start-up (LSP initializationOptions). */
export interface InitializationOptions {
  /** The metadata store file (the extension's global storage); other clients get the user cache default. */
  storePath?: string;
}
export const REPORT_REQUEST = 'chainsight/report';
export const EXPORT_REPORT_REQUEST = 'chainsight/exportReport';
export const LOCKFILE_COMMAND_REQUEST = 'chainsight/lockfileCommand';

export const EXPORT_FORMATS = ['markdown', 'sarif', 'cyclonedx', 'spdx', 'json', 'verify-json', 'verify-table'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

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

export interface ReportResult {
  rows: ReportRow[];
  packages: number;
  status: StatusParams['data'];
  /** Signature and provenance of each npm package, once checked. */
  provenance?: ProvenanceRow[];
}

export interface ProvenanceRow {
  name: string;
  version: string;
  signature: string;
  provenance: string;
  /** `github.com/owner/repo@commit` when provenance is verified. */
  source: string;
  reason: string;
}

export const VERIFY_REQUEST = 'chainsight/verify';

export interface VerifyResult {
  summary: { packages: number; signature: Record<string, number>; provenance: Record<string, number>; regressions: number; invalid: number };
  rows: ProvenanceRow[];
}

export interface ExportReportParams {
  format: ExportFormat;
}

export interface ExportReportResult {
  content: string;
  /** A file name to suggest in the save dialog. */
  fileName: string;
}

export interface LockfileCommandParams {
  /** The manifest or lockfile the user is looking at; the first stale project when absent. */
  uri?: string;
}

export interface LockfileCommandResult {
  command: string;
  args: string[];
  /** Folder to run it in. */
  cwd: string;
  /** The lockfile it refreshes, for messages. */
  lockfile: string;
}

/** Document selector patterns (`**∕name`) for every dependency file Chainsight reads. */
export const DOCUMENT_PATTERNS: readonly string[] = [...new Set(DEPENDENCY_FILES.flatMap((f) => f.patterns.map((p) => `**/${p}`)))];
