import type { ExtractedPackage, ParseError } from '../../core/package';
import { type LineIndex, type Range, ZERO_RANGE } from '../../core/text-range';

/**
 * Where a lockfile says a registry package is fetched from. An entry that names a registry version
 * is that package to the package manager whatever its tarball URL (npm: arborist's
 * `isRegistryDependency` looks at the specs that lead to the entry, never at the URL), so it is
 * matched as that package; but a tarball that comes from somewhere unusual is worth a warning of
 * its own: a lockfile edited to fetch `lodash@4.17.4` from another host installs whatever that
 * host serves.
 *
 * Usual is: the public registry (npm's hosts, yarn's mirror of it, GitHub Packages), the registry
 * the lockfile itself uses for most of its packages (a company mirror), and per scope the host that
 * serves most of that scope (`@corp:registry=`); and a path in the registry layout for the entry's
 * own name and version (`…/<name>/-/<name>-<version>.tgz`, GitHub Packages' `/download/…`).
 */
export interface TarballEntry {
  name: string;
  version: string;
  resolved: string;
}

const PUBLIC_REGISTRY_HOSTS = new Set(['registry.npmjs.org', 'registry.npmjs.com', 'registry.yarnpkg.com', 'npm.pkg.github.com']);

export class RegistryTarballs {
  private readonly usualHosts = new Set(PUBLIC_REGISTRY_HOSTS);
  private readonly scopeHosts = new Map<string, string>();

  /** `entries`: the registry packages of one lockfile that record a tarball URL. */
  constructor(entries: Iterable<TarballEntry>) {
    const hosts = new Map<string, number>();
    const byScope = new Map<string, Map<string, number>>();
    for (const entry of entries) {
      const url = parseUrl(entry.resolved);
      if (!url || !(isRegistryLayout(url, entry.name, entry.version) || url.path.endsWith('/'))) continue;
      hosts.set(url.host, (hosts.get(url.host) ?? 0) + 1);
      const scope = scopeOf(entry.name);
      if (scope === undefined) continue;
      const counts = byScope.get(scope) ?? new Map<string, number>();
      counts.set(url.host, (counts.get(url.host) ?? 0) + 1);
      byScope.set(scope, counts);
    }
    const dominant = mostCommon(hosts);
    if (dominant) this.usualHosts.add(dominant);
    for (const [scope, counts] of byScope) {
      const host = mostCommon(counts);
      // One package alone does not make a scope's registry: that would excuse any single redirect.
      if (host && (counts.get(host) ?? 0) >= 2) this.scopeHosts.set(scope, host);
    }
  }

  /** Why this registry package's tarball URL is unusual, or undefined when it is not. */
  unusual(entry: TarballEntry): string | undefined {
    const url = parseUrl(entry.resolved);
    const label = `${entry.name}@${entry.version}`;
    if (!url) return `${label} is fetched from ${entry.resolved}, which is no http(s) URL`;
    const scope = scopeOf(entry.name);
    const usual = this.usualHosts.has(url.host) || (scope !== undefined && this.scopeHosts.get(scope) === url.host);
    if (!usual) return `${label} is fetched from ${url.host}, not from a registry this lockfile otherwise uses: the package manager installs whatever ${entry.resolved} serves under this name`;
    // bun.lock may name the registry's base URL rather than the tarball: then only the host tells.
    const isBase = url.path.endsWith('/') && !url.path.endsWith('.tgz');
    if (!isBase && !isRegistryLayout(url, entry.name, entry.version)) return `${label} is fetched from ${entry.resolved}, which is not the registry's tarball for it (…/${entry.name}/-/${basename(entry.name)}-${entry.version}.tgz)`;
    return undefined;
  }
}

interface Url {
  host: string;
  /** Path, decoded, without query or fragment. */
  path: string;
}

function parseUrl(text: string): Url | undefined {
  const m = /^https?:\/\/(?:[^/@?#]*@)?([^/?#:]+)(?::\d+)?(\/[^?#]*)?/i.exec(text);
  if (!m) return undefined;
  let path = m[2] ?? '/';
  try {
    path = decodeURIComponent(path);
  } catch {
    // Keep the raw path: an undecodable one will not look like the registry's.
  }
  return { host: m[1]!.toLowerCase(), path };
}

/** `/<name>/-/<basename>-<version>.tgz` under any prefix, or GitHub Packages' `/download/<name>/<version>/…`. */
function isRegistryLayout(url: Url, name: string, version: string): boolean {
  if (url.path.endsWith(`/${name}/-/${basename(name)}-${version}.tgz`)) return true;
  return url.host === 'npm.pkg.github.com' && url.path.startsWith(`/download/${name}/${version}/`);
}

function basename(name: string): string {
  return name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
}

function scopeOf(name: string): string | undefined {
  return name.startsWith('@') && name.includes('/') ? name.slice(0, name.indexOf('/')) : undefined;
}

function mostCommon(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  for (const [key, n] of counts) if (best === undefined || n > counts.get(best)!) best = key;
  return best;
}

/**
 * A warning for each registry package whose tarball comes from an unusual place, at the place the
 * lockfile names its URL (`rangeOf`; the version when it has none).
 */
export function unusualTarballWarnings(packages: readonly ExtractedPackage[], rangeOf: (pkg: ExtractedPackage) => Range | undefined): ParseError[] {
  const candidates = packages.filter((p): p is ExtractedPackage & { resolved: string } => p.source === 'registry' && p.resolved !== undefined && p.resolved !== '' && p.version !== '');
  if (candidates.length === 0) return [];
  const tarballs = new RegistryTarballs(candidates.map((p) => ({ name: p.name, version: p.version, resolved: p.resolved })));
  const warnings: ParseError[] = [];
  for (const pkg of candidates) {
    const message = tarballs.unusual({ name: pkg.name, version: pkg.version, resolved: pkg.resolved });
    if (message) warnings.push({ message, range: rangeOf(pkg) ?? pkg.versionRange ?? pkg.nameRange ?? ZERO_RANGE, severity: 'warning' });
  }
  return warnings;
}

/** For formats that keep the URL as written (pnpm, bun): its first occurrence after the package's name. */
export function urlAfterName(text: string, index: LineIndex): (pkg: ExtractedPackage) => Range | undefined {
  return (pkg) => {
    if (pkg.resolved === undefined) return undefined;
    const from = pkg.nameRange ? index.offset(pkg.nameRange.start) : 0;
    const at = text.indexOf(pkg.resolved, from);
    return at === -1 ? undefined : index.range(at, at + pkg.resolved.length);
  };
}
