/**
 * What the client and the server agree on: settings (type, defaults, the one list that package.json
 * contributes), custom requests and notifications, and the dependency-file patterns. Imported by
 * both sides with a plain relative import; holds no engine code so the client bundle stays small.
 */
import { DEPENDENCY_FILES } from './ecosystems/files';

export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint' | 'none';
export const DIAGNOSTIC_LEVELS: readonly DiagnosticLevel[] = ['error', 'warning', 'information', 'hint', 'none'];

export interface ChainsightSettings {
  osv: { offlineData: string };
  severity: { critical: DiagnosticLevel; high: DiagnosticLevel; moderate: DiagnosticLevel; low: DiagnosticLevel; unknown: DiagnosticLevel };
  diagnostics: { lockfiles: boolean; rangeNotes: boolean; staleLockfile: DiagnosticLevel };
  exclude: string[];
}

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
    osv: { offlineData: get('chainsight.osv.offlineData') },
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
  message?: string;
}

export const SCAN_WORKSPACE_REQUEST = 'chainsight/scanWorkspace';
export const REPORT_REQUEST = 'chainsight/report';
export const EXPORT_REPORT_REQUEST = 'chainsight/exportReport';
export const LOCKFILE_COMMAND_REQUEST = 'chainsight/lockfileCommand';

export const EXPORT_FORMATS = ['markdown', 'sarif', 'cyclonedx', 'json'] as const;
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
