/**
 * The settings: their type, defaults and THE list that package.json contributes (a test checks it).
 * Imported by the client and the server; plain data, no engine code, so the client bundle stays small.
 * Adding a setting touches this file, package.json and its one consumer.
 */

export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint' | 'none';
export const DIAGNOSTIC_LEVELS: readonly DiagnosticLevel[] = ['error', 'warning', 'information', 'hint', 'none'];

export type ProvenanceLevel = 'error' | 'warning' | 'information' | 'off';
const PROVENANCE_LEVELS: readonly ProvenanceLevel[] = ['error', 'warning', 'information', 'off'];

export interface ChainsightSettings {
  osv: { offlineData: string; mode: 'online' | 'offline' | 'auto'; url: string; cacheTtl: number; bucket: string };
  severity: { critical: DiagnosticLevel; high: DiagnosticLevel; moderate: DiagnosticLevel; low: DiagnosticLevel; unknown: DiagnosticLevel };
  diagnostics: { lockfiles: boolean; rangeNotes: boolean; staleLockfile: DiagnosticLevel };
  exclude: string[];
  provenance: { enable: boolean; invalid: ProvenanceLevel; missingSignature: ProvenanceLevel; regression: ProvenanceLevel; policy: ProvenanceLevel; pypiIndexUrl: string; goSumdb: string };
  sigstore: { trustedRoot: string };
  policy: { requireProvenance: string[]; file: string };
  vex: { file: string; files: string[]; author: string; showSuppressed: boolean };
  triage: { untrustedWorkspaces: boolean };
  kev: { enable: boolean; url: string; cacheTtl: number };
  limits: { maxFileBytes: number; maxFiles: number; maxDiagnosticsPerFile: number; maxAdvisoriesPerPackage: number; allowIncludesOutsideWorkspace: boolean };
  store: { url: string; record: boolean; historyLimit: number };
}

export interface SettingSpec {
  /** Full key, e.g. `chainsight.osv.offlineData`; the part after `chainsight.` is its path in ChainsightSettings. */
  key: string;
  type: 'string' | 'boolean' | 'number' | 'array';
  default: unknown;
  enum?: readonly string[];
  description: string;
  /** VS Code configuration scope. */
  scope: 'application' | 'machine' | 'machine-overridable' | 'window' | 'resource';
  /**
   * It can hide findings or choose where data comes from, so until the workspace is trusted it is
   * taken from the user's own configuration only (package.json `restrictedConfigurations`, and the
   * server enforces the same; docs/security.md).
   */
  restricted: boolean;
}

/** THE list of settings; package.json `contributes.configuration` is checked against it by a test. */
export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'chainsight.osv.offlineData',
    type: 'string',
    default: '',
    description: 'A folder of OSV records (`<ID>.json`) or an OSV `all.zip` to use as vulnerability data, e.g. for air-gapped machines. Relative paths are resolved against the workspace folder.',
    scope: 'machine-overridable',
    restricted: true,
  },
  {
    key: 'chainsight.osv.mode',
    type: 'string',
    default: 'online',
    enum: ['online', 'offline', 'auto'],
    description: '`online`: ask osv.dev (or `chainsight.osv.url`), cached in the metadata store. `offline`: no network at all; use the offline database (see **Chainsight: Download Offline Database**) and the cache. `auto`: online, and the offline database with a visible stale status when the network fails. `chainsight.osv.offlineData`, when set, wins over all three.',
    scope: 'machine-overridable',
    restricted: true,
  },
  {
    key: 'chainsight.osv.url',
    type: 'string',
    default: 'https://api.osv.dev',
    description: 'Base URL of the OSV API (`/v1/querybatch`, `/v1/vulns/{id}`), for internal mirrors. Proxies come from `http.proxy` or `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`.',
    scope: 'machine-overridable',
    restricted: true,
  },
  {
    key: 'chainsight.osv.cacheTtl',
    type: 'number',
    default: 6,
    description: 'Hours an online answer stays fresh in the cache. A rescan within this time makes no request.',
    scope: 'machine-overridable',
    restricted: true,
  },
  {
    key: 'chainsight.osv.bucket',
    type: 'string',
    default: 'https://osv-vulnerabilities.storage.googleapis.com',
    description: 'Where **Download Offline Database** fetches `{bucket}/{ecosystem}/all.zip`, for internal mirrors.',
    scope: 'machine-overridable',
    restricted: true,
  },
  ...(['critical', 'high', 'moderate', 'low', 'unknown'] as const).map(
    (s): SettingSpec => ({
      key: `chainsight.severity.${s}`,
      type: 'string',
      default: { critical: 'error', high: 'error', moderate: 'warning', low: 'information', unknown: 'warning' }[s],
      enum: DIAGNOSTIC_LEVELS,
      description: `Diagnostic severity for dependencies whose most severe known vulnerability is rated ${s}. \`none\` hides them.`,
      scope: 'resource',
      restricted: true,
    }),
  ),
  {
    key: 'chainsight.diagnostics.lockfiles',
    type: 'boolean',
    default: true,
    description: 'Also show diagnostics on vulnerable entries in lockfiles, not only on the manifest line you can change.',
    scope: 'resource',
    restricted: true,
  },
  {
    key: 'chainsight.diagnostics.rangeNotes',
    type: 'boolean',
    default: true,
    description: 'Without a lockfile, note (as information) when a declared version range admits versions with known vulnerabilities.',
    scope: 'resource',
    restricted: true,
  },
  {
    key: 'chainsight.diagnostics.staleLockfile',
    type: 'string',
    default: 'warning',
    enum: DIAGNOSTIC_LEVELS,
    description: 'Diagnostic severity when a lockfile no longer matches its manifest.',
    scope: 'resource',
    restricted: true,
  },
  {
    key: 'chainsight.provenance.enable',
    type: 'boolean',
    default: true,
    description: 'Check what vouches for every resolved package: npm registry signatures and Sigstore provenance (the registry from your `.npmrc`), PyPI PEP 740 attestations of each locked file, and go.sum lines against the Go checksum database. Results are cached. Shown in hovers, as diagnostics, and by **Verify Signatures & Provenance**.',
    scope: 'window',
    restricted: true,
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
      restricted: true,
    }),
  ),
  {
    key: 'chainsight.provenance.pypiIndexUrl',
    type: 'string',
    default: '',
    description: "The Python package index to check PEP 740 attestations on, like pip's `--index-url` (it must serve the JSON Simple API and the Integrity API). Empty: `PIP_INDEX_URL` / `UV_INDEX_URL`, your `pip.conf` or `uv.toml`, else https://pypi.org/simple.",
    scope: 'machine-overridable',
    restricted: true,
  },
  {
    key: 'chainsight.provenance.goSumdb',
    type: 'string',
    default: '',
    description: 'The Go checksum database go.sum lines are checked against, as `GOSUMDB` writes it (`sum.golang.org`, `<name>+<hash>+<key> <URL>`, or `off`). Empty: `GOSUMDB`, else sum.golang.org. `GONOSUMDB` and `GOPRIVATE` always apply: private modules are never sent.',
    scope: 'machine-overridable',
    restricted: true,
  },
  {
    key: 'chainsight.sigstore.trustedRoot',
    type: 'string',
    default: '',
    description: 'A Sigstore `trusted_root.json` to verify attestations against, for air-gapped machines. Empty: Sigstore\'s public-good root, fetched and cached through TUF.',
    scope: 'machine-overridable',
    restricted: true,
  },
  {
    key: 'chainsight.store.url',
    type: 'string',
    default: '',
    description:
      "The team's aggregated store on PostgreSQL, e.g. `postgres://chainsight_reader@db.example.com/chainsight?sslmode=verify-full&sslrootcert=/etc/ssl/team-ca.pem`. Empty: the embedded store. Questions and vulnerability data (its shared offline database) are read from it. Put no password here: set it with **Chainsight: Set Team Store Password…** (kept in VS Code's secret storage), or use `PGPASSWORD` or `~/.pgpass`. See docs/team.md.",
    // A shared machine's administrator may set it; a repository must not point the editor at another server.
    scope: 'machine-overridable',
    restricted: true,
  },
  {
    key: 'chainsight.policy.requireProvenance',
    type: 'array',
    default: [],
    description: 'Package name globs (e.g. `@acme/*`) that must be published with provenance: a matching package without it gets a diagnostic.',
    scope: 'resource',
    // It can only add findings, so a repository may set it for itself.
    restricted: false,
  },
  {
    key: 'chainsight.policy.file',
    type: 'string',
    default: '.chainsight/policy.yaml',
    description: 'The policy file: ordered rules that decide how loud each finding is (`error`, `warn`, `info`, `hint`, `ignore`), shared with `chainsight scan`. Relative paths are resolved against the workspace folder. A file that does not read gives one diagnostic at its error, and the previous policy stays. See docs/policy.md.',
    scope: 'resource',
    // Its rules can ignore findings.
    restricted: true,
  },
  {
    key: 'chainsight.vex.file',
    type: 'string',
    default: '.chainsight/vex.openvex.json',
    description: 'The OpenVEX file the triage quick fixes (**Mark … as not affected**, **Accept risk until…**, **Under investigation**) write to, relative to the workspace folder. It is always read as VEX too. See docs/vex.md.',
    scope: 'resource',
    restricted: true,
  },
  {
    key: 'chainsight.vex.files',
    type: 'array',
    default: ['**/*.openvex.json', '**/*.vex.json', '**/*.vex.cdx.json', '**/csaf/**/*.json'],
    description: 'Globs (relative to the workspace folder) of the VEX documents to honour: OpenVEX, CycloneDX VEX or CSAF VEX. A statement that says `not_affected` or `fixed` (or accepts a risk until a date not yet past) takes the finding out of the Problems panel; hovers and the report still show it.',
    scope: 'resource',
    // They can hide findings.
    restricted: true,
  },
  {
    key: 'chainsight.vex.author',
    type: 'string',
    default: '',
    description: 'Who triage statements are written by (`Name <email>`). Empty: `user.name` and `user.email` from git\'s configuration, read without running git.',
    scope: 'resource',
    restricted: true,
  },
  {
    key: 'chainsight.vex.showSuppressed',
    type: 'boolean',
    default: false,
    description: 'Show findings a VEX statement suppresses (not affected, fixed, an accepted risk) as hints, instead of leaving them to hovers and the report.',
    scope: 'resource',
    // It can only show more.
    restricted: false,
  },
  {
    key: 'chainsight.triage.untrustedWorkspaces',
    type: 'boolean',
    default: false,
    description: 'Apply the workspace\'s own VEX files and policy file while the workspace is untrusted. Off: a repository you have not trusted cannot suppress or silence its own findings (suppressions are always counted and shown anyway). User settings only.',
    scope: 'application',
    restricted: true,
  },
  {
    key: 'chainsight.kev.enable',
    type: 'boolean',
    default: true,
    description: 'Load CISA\'s Known Exploited Vulnerabilities catalog (fetched with a cache; in offline mode only a copy already in the store, e.g. imported with `chainsight scan --kev-data`): hovers say `Known exploited`, and policy rules can use `vuln.knownExploited`.',
    scope: 'window',
    restricted: true,
  },
  {
    key: 'chainsight.kev.url',
    type: 'string',
    default: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
    description: 'Where the KEV catalog is fetched from, for internal mirrors.',
    scope: 'machine-overridable',
    restricted: true,
  },
  {
    key: 'chainsight.kev.cacheTtl',
    type: 'number',
    default: 24,
    description: 'Hours a fetched KEV catalog stays fresh before it is fetched again.',
    scope: 'machine-overridable',
    restricted: true,
  },
  ...(
    [
      ['maxFileBytes', 268_435_456, 'Largest dependency file (or file it includes) Chainsight reads, in bytes. A larger one is skipped and the status says so.'],
      ['maxFiles', 20_000, 'Dependency files Chainsight looks for under one workspace folder; discovery stops there and the status says so.'],
      ['maxDiagnosticsPerFile', 1_000, 'Diagnostics shown in one file; the last one says how many more there are.'],
      ['maxAdvisoriesPerPackage', 100, 'Advisories listed per package in a hover; the rest are counted.'],
    ] as const
  ).map(
    ([name, value, description]): SettingSpec => ({
      key: `chainsight.limits.${name}`,
      type: 'number',
      default: value,
      description: `${description} See docs/security.md.`,
      scope: 'window',
      // A repository must not lift the limits that protect the machine from it.
      restricted: true,
    }),
  ),
  {
    key: 'chainsight.limits.allowIncludesOutsideWorkspace',
    type: 'boolean',
    default: false,
    description: 'Follow includes (`-r other.txt`, parent POMs, …) and symbolic links to files outside the workspace folder. Off: a repository cannot make Chainsight read files elsewhere on the machine. See docs/security.md.',
    scope: 'window',
    restricted: true,
  },
  {
    key: 'chainsight.store.record',
    type: 'boolean',
    default: true,
    description: 'Record each trusted workspace folder\'s latest scan in the metadata store (the project at its git commit), so hovers, the Supply Chain view and `chainsight query` can answer across your projects. Untrusted workspaces are never recorded. See docs/store.md.',
    scope: 'window',
    // The store is the user's, across every project: a repository must not decide what goes into it.
    restricted: true,
  },
  {
    key: 'chainsight.store.historyLimit',
    type: 'number',
    default: 50,
    description: 'Snapshots kept per project in the metadata store; the oldest are dropped first. Re-scanning the same commit replaces its snapshot.',
    scope: 'window',
    restricted: true,
  },
  {
    key: 'chainsight.exclude',
    type: 'array',
    default: [],
    description: 'Folder names to skip when looking for dependency files (node_modules and VCS folders are always skipped).',
    scope: 'resource',
    restricted: true,
  },
];

const SPECS = new Map(SETTINGS.map((s) => [s.key, s]));

/** Builds typed settings from `key → value`: missing or invalid values take the default. */
export function settingsFromFlat(flat: Readonly<Record<string, unknown>>): ChainsightSettings {
  const out: Record<string, unknown> = {};
  for (const spec of SETTINGS) {
    const path = spec.key.split('.').slice(1);
    let node = out;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]!] = validValue(spec, flat[spec.key]);
  }
  return out as unknown as ChainsightSettings;
}

function validValue(spec: SettingSpec, value: unknown): unknown {
  if (value === undefined || value === null) return spec.default;
  if (spec.type === 'array') return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : spec.default;
  if (typeof value !== spec.type) return spec.default;
  if (spec.enum && !spec.enum.includes(value as string)) return spec.default;
  return value;
}

export const DEFAULT_SETTINGS: ChainsightSettings = settingsFromFlat({});

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

/** Only the keys Chainsight knows, so stray client data never reaches the builder. */
export function knownSettings(flat: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) if (SPECS.has(key) && value !== undefined && value !== null) out[key] = value;
  return out;
}

export function isRestricted(key: string): boolean {
  return SPECS.get(key)?.restricted ?? true;
}
