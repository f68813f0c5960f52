/**
 * Hosts npm and yarn read as the public registry: npm fetches a lockfile URL on them from the
 * configured registry instead (`replace-registry-host`, default `npmjs`), and registry.yarnpkg.com
 * serves the same packages. A tarball URL there is not "elsewhere".
 */
const PUBLIC_REGISTRY_HOSTS = new Set(['registry.npmjs.org', 'registry.yarnpkg.com']);

/**
 * The lockfile's tarball URL when it is on another host than the registry that was asked: the
 * registry's signature vouches for its own tarballs, not for whatever that host serves. Undefined
 * when the URL is on the registry (or the lockfile names none).
 */
export function resolvedElsewhere(resolved: string | undefined, registry: string): string | undefined {
  if (!resolved) return undefined;
  let host: string;
  try {
    host = new URL(resolved).host;
  } catch {
    return resolved;
  }
  if (host === new URL(registry).host || PUBLIC_REGISTRY_HOSTS.has(host)) return undefined;
  return resolved;
}
