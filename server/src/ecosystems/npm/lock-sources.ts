import type { PackageSource } from '../../core/package';
import { classifySpec } from './spec';

/**
 * Where a package-lock entry comes from. npm's own rule (arborist `Node.isRegistryDependency`) is
 * that an installed package is a registry dependency when every dependency spec that leads to it
 * is a registry spec (a range, a tag, an `npm:` alias) — the spec in the manifest, never the shape
 * of the tarball URL. So a `resolved` URL without `/-/` (a mirror, GitHub Packages' `/download/`,
 * or an edited lockfile) does not make a registry package a URL dependency.
 */
export class EdgeSpecs {
  /** Location → the source the specs leading to it say: `registry`, or the first non-registry one. */
  private readonly into = new Map<string, PackageSource>();

  /** One edge: `name` required with `spec` resolved to `target`. */
  add(target: string, name: string, spec: unknown): void {
    if (typeof spec !== 'string') return;
    // Most specs are plain ranges (`^4.17.4`): no path, URL, git or alias spells that way.
    const source = PLAIN_RANGE.test(spec) ? 'registry' : classifySpec(name, spec).source;
    if (source !== 'registry') {
      if (this.into.get(target) === undefined || this.into.get(target) === 'registry') this.into.set(target, source);
    } else if (!this.into.has(target)) {
      this.into.set(target, 'registry');
    }
  }

  /** The entry's source: by the specs into it, or (none recorded, as for v1) by its own fields. */
  sourceOf(location: string, resolved: unknown, version: unknown): PackageSource {
    return this.into.get(location) ?? entrySource(resolved, version);
  }
}

/**
 * Without specs (lockfile v1, or an entry nothing requires): an entry whose `version` is a plain
 * version names that registry release (v1 writes the URL, git spec or path there otherwise); a
 * `resolved` git URL or folder says otherwise.
 */
export function entrySource(resolved: unknown, version: unknown): PackageSource {
  const v = typeof version === 'string' ? version : '';
  const where = typeof resolved === 'string' ? resolved : v;
  if (v.startsWith('file:') || where.startsWith('file:')) return 'path';
  if (v.startsWith('link:')) return 'link';
  if (GIT_URL.test(where) || GIT_URL.test(v) || GITHUB_SHORTHAND.test(v)) return 'git';
  if (PLAIN_VERSION.test(v)) return 'registry';
  if (/^https?:\/\//.test(where)) return 'url';
  return 'registry';
}

const PLAIN_RANGE = /^[\^~]?\d+(?:\.[\dxX*]+)*$/;
const GIT_URL = /^(git\+|git:|github:|gitlab:|bitbucket:|gist:)/;
const GITHUB_SHORTHAND = /^[^/@\s:]+\/[^/\s:]+#/;
const PLAIN_VERSION = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/;

export function commitOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const hash = url.lastIndexOf('#');
  if (hash === -1) return undefined;
  const fragment = url.slice(hash + 1);
  return /^[0-9a-f]{7,40}$/i.test(fragment) && /git|github:|gitlab:|bitbucket:/.test(url) ? fragment : undefined;
}
