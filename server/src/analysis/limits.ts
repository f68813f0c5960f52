/**
 * The limits that keep a hostile or huge workspace from exhausting the machine or flooding the
 * user. Each is documented in docs/cli.md (and, for the editor, in the settings); hitting one is
 * always said, never silent.
 */
export interface ReadLimits {
  /** Largest dependency file (or included file) read, in bytes. */
  maxFileBytes: number;
  /**
   * Follow includes (`-r`, `-c`, parent POMs, Cargo workspace roots, ...) and symbolic links to
   * files outside the workspace folder. Off by default: a repository must not make Chainsight read
   * `~/.ssh/id_rsa` as a requirements file.
   */
  allowIncludesOutsideWorkspace: boolean;
}

export interface EngineLimits extends ReadLimits {
  /** Dependency files found under one folder before discovery stops. */
  maxFiles: number;
  /** Diagnostics published for one file; the rest are summed up in one more. */
  maxDiagnosticsPerFile: number;
  /** Advisories listed per package in human-readable output (hover, table, Markdown report). */
  maxAdvisoriesPerPackage: number;
}

export const DEFAULT_LIMITS: Readonly<EngineLimits> = {
  maxFileBytes: 256 * 1024 * 1024,
  allowIncludesOutsideWorkspace: false,
  maxFiles: 20_000,
  maxDiagnosticsPerFile: 1_000,
  maxAdvisoriesPerPackage: 100,
};

/** `268435456` → `256 MiB`, for messages about the size limit. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
