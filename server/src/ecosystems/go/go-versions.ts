import { goScheme } from '../../versions/go';

/**
 * Version spellings in Go files. Module versions carry a `v` (`v1.2.3`, pseudo-versions,
 * `+incompatible`); OSV's Go records drop it, so Chainsight reports versions without it.
 * Toolchains are `go1.21.3` (optionally with a `-suffix` for custom builds); the `go` directive is a
 * bare language version (`1.17`, `1.21.0`, `1.21rc1`).
 */

export function withoutV(version: string): string {
  return version.startsWith('v') ? version.slice(1) : version;
}

export function withV(version: string): string {
  return version.startsWith('v') ? version : `v${version}`;
}

/** `go1.23.6-xyz` → `1.23.6`; undefined for `default` or anything that is not a Go release name. */
export function toolchainRelease(name: string): string | undefined {
  const m = /^go(\d+(?:\.\d+)*(?:(?:rc|beta)\d+)?)(?:[-+].*)?$/.exec(name);
  return m ? m[1] : undefined;
}

/** A `go` directive value as the go command accepts it. */
export function isGoLanguageVersion(text: string): boolean {
  return /^\d+(?:\.\d+){0,2}(?:(?:rc|beta)\d+)?$/.test(text);
}

/** Whether a `go` directive value is at least `major.minor`. */
export function goVersionAtLeast(version: string, major: number, minor: number): boolean {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return false;
  const [ma, mi] = [Number(m[1]), Number(m[2] ?? 0)];
  return ma > major || (ma === major && mi >= minor);
}

/** A module version go.mod accepts in `require`: semantic version with a `v`, build metadata allowed. */
export function isModuleVersion(text: string): boolean {
  return /^v\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(text);
}

/**
 * Orders module versions (with or without `v`) the way MVS does (Go's semver order, build metadata
 * such as `+incompatible` ignored). Unparseable versions sort first, by text.
 */
export function compareModuleVersions(a: string, b: string): number {
  const pa = goScheme.parse(a);
  const pb = goScheme.parse(b);
  if (pa && pb) return goScheme.compare(pa, pb);
  if (pa) return 1;
  if (pb) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Local replacement targets are directory paths: `./x`, `../x`, `/abs`, `C:\x`. */
export function isLocalPath(path: string): boolean {
  return path.startsWith('./') || path.startsWith('../') || path === '.' || path === '..' || path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('.\\') || path.startsWith('..\\');
}
