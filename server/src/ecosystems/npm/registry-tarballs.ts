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
const PUBLIC_REGISTRY_HOSTS = ['registry.npmjs.org', 'registry.npmjs.com', 'registry.yarnpkg.com', 'npm.pkg.github.com'];

/** How an entry's URL looks, decided once per entry. */
const enum Shape {
  NotChecked,
  NotHttp,
  /** `…/<name>/-/<basename>-<version>.tgz` or GitHub Packages' `/download/…`. */
  RegistryTarball,
  /** A registry's base URL (bun.lock): only the host tells. */
  RegistryBase,
  Elsewhere,
}

/**
 * A warning for each registry package whose tarball comes from an unusual place, at the place the
 * lockfile names its URL (`rangeOf`, given the package and its index in `packages`; the version
 * when it has none). Two passes over compact per-entry arrays: one to learn the hosts this lockfile
 * uses, one to judge each entry by them.
 */
export function unusualTarballWarnings(packages: readonly ExtractedPackage[], rangeOf: (pkg: ExtractedPackage, n: number) => Range | undefined): ParseError[] {
  const n = packages.length;
  const shape = new Uint8Array(n);
  const hostOf = new Int32Array(n);
  const hosts = new HostTable();
  const byScope = new Map<string, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    const pkg = packages[i]!;
    if (pkg.source !== 'registry' || !pkg.resolved || pkg.version === '') continue;
    const url = parseUrl(pkg.resolved);
    if (!url) {
      shape[i] = Shape.NotHttp;
      continue;
    }
    const host = hosts.id(url.host);
    hostOf[i] = host;
    shape[i] = isRegistryLayout(url, pkg.name, pkg.version) ? Shape.RegistryTarball : url.path.endsWith('/') && !url.path.endsWith('.tgz') ? Shape.RegistryBase : Shape.Elsewhere;
    if (shape[i] === Shape.Elsewhere && !url.path.endsWith('/')) continue;
    hosts.count(host);
    const scope = scopeOf(pkg.name);
    if (scope === undefined) continue;
    const counts = byScope.get(scope) ?? new Map<number, number>();
    counts.set(host, (counts.get(host) ?? 0) + 1);
    byScope.set(scope, counts);
  }
  // Usual: the public registries, the host that serves most of this lockfile (a company mirror),
  // and per scope the host that serves most of it; one package alone does not make a scope's
  // registry (that would excuse any single redirect).
  const usual = new Set(PUBLIC_REGISTRY_HOSTS.map((h) => hosts.id(h)));
  const dominant = hosts.mostCounted();
  if (dominant !== undefined) usual.add(dominant);
  const scopeHost = new Map<string, number>();
  for (const [scope, counts] of byScope) {
    let best: number | undefined;
    for (const [host, count] of counts) if (best === undefined || count > counts.get(best)!) best = host;
    if (best !== undefined && counts.get(best)! >= 2) scopeHost.set(scope, best);
  }

  const warnings: ParseError[] = [];
  for (let i = 0; i < n; i++) {
    if (shape[i] === Shape.NotChecked) continue;
    const pkg = packages[i]!;
    const resolved = pkg.resolved!;
    const label = `${pkg.name}@${pkg.version}`;
    let message: string | undefined;
    if (shape[i] === Shape.NotHttp) message = `${label} is fetched from ${resolved}, which is no http(s) URL`;
    else {
      const scope = scopeOf(pkg.name);
      const host = hostOf[i]!;
      if (!usual.has(host) && !(scope !== undefined && scopeHost.get(scope) === host)) {
        message = `${label} is fetched from ${hosts.name(host)}, not from a registry this lockfile otherwise uses: the package manager installs whatever ${resolved} serves under this name`;
      } else if (shape[i] === Shape.Elsewhere) {
        message = `${label} is fetched from ${resolved}, which is not the registry's tarball for it (…/${pkg.name}/-/${basename(pkg.name)}-${pkg.version}.tgz)`;
      }
    }
    if (message) warnings.push({ message, range: rangeOf(pkg, i) ?? pkg.versionRange ?? pkg.nameRange ?? ZERO_RANGE, severity: 'warning' });
  }
  return warnings;
}

/** Hosts by number, with how many registry-layout URLs each serves. */
class HostTable {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly counts: number[] = [];

  id(host: string): number {
    let id = this.ids.get(host);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(host, id);
      this.names.push(host);
      this.counts.push(0);
    }
    return id;
  }

  name(id: number): string {
    return this.names[id]!;
  }

  count(id: number): void {
    this.counts[id]!++;
  }

  /** The host that serves the most, if any serves one. */
  mostCounted(): number | undefined {
    let best: number | undefined;
    this.counts.forEach((count, id) => {
      if (count > 0 && (best === undefined || count > this.counts[best]!)) best = id;
    });
    return best;
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
  if (path.includes('%')) {
    try {
      path = decodeURIComponent(path);
    } catch {
      // Keep the raw path: an undecodable one will not look like the registry's.
    }
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

/** For formats that keep the URL as written (pnpm, bun): its first occurrence after the package's name. */
export function urlAfterName(text: string, index: LineIndex): (pkg: ExtractedPackage) => Range | undefined {
  return (pkg) => {
    if (pkg.resolved === undefined) return undefined;
    const from = pkg.nameRange ? index.offset(pkg.nameRange.start) : 0;
    const at = text.indexOf(pkg.resolved, from);
    return at === -1 ? undefined : index.range(at, at + pkg.resolved.length);
  };
}
