import type { ExtractedPackage, PackageSource } from '../../core/package';
import { classifySpec } from './spec';

/**
 * Yarn descriptors (`name@range`, the keys of yarn.lock entries and the targets of their edges) and
 * what their ranges and resolutions say about where a package comes from.
 */
export interface Descriptor {
  name: string;
  range: string;
  /** Offset of `range` inside the descriptor text. */
  rangeOffset: number;
}

/** `lodash@^4.17.0` → lodash + ^4.17.0; `@babel/core@7.0.0` keeps its scope; `a@npm:b@1` → a + npm:b@1. */
export function splitDescriptor(text: string): Descriptor {
  const at = text.indexOf('@', 1);
  if (at === -1) return { name: text, range: '', rangeOffset: text.length };
  return { name: text.slice(0, at), range: text.slice(at + 1), rangeOffset: at + 1 };
}

/** The real package behind an `npm:` alias range (`npm:string-width@^4.2.0`), if it is one. */
export function aliasTarget(range: string): { name: string; range: string } | undefined {
  if (!range.startsWith('npm:')) return undefined;
  const target = range.slice(4);
  const at = target.indexOf('@', 1);
  // `npm:^1.0.0` (berry's default protocol) names no other package.
  if (at === -1 || !/^(@[^/@\s]+\/)?[^@/\s:]+$/.test(target.slice(0, at))) return undefined;
  return { name: target.slice(0, at), range: target.slice(at + 1) };
}

/**
 * Where a yarn v1 entry comes from. The `resolved` URL is the best witness (a registry range can be
 * merged with a git one into one entry); without it the descriptors' ranges decide.
 */
export function v1Source(name: string, ranges: readonly string[], resolved: string | undefined): PackageSource {
  // The common case, decided without the full classification: semver ranges, a registry tarball.
  if (resolved !== undefined && isRegistryTarballUrl(resolved) && ranges.every((r) => PLAIN_RANGE.test(r))) return 'registry';
  if (resolved !== undefined && isGitUrl(resolved)) return 'git';
  for (const range of ranges) {
    const target = aliasTarget(range);
    const spec = classifySpec(name, target ? target.range : range);
    if (spec.source === 'registry') continue;
    if (spec.source === 'url' && resolved !== undefined && !isGitUrl(resolved) && isRegistryTarball(resolved)) continue;
    return spec.source;
  }
  return 'registry';
}

/** `https://registry.yarnpkg.com/a/-/a-1.0.0.tgz#<sha1>`: string tests, as this runs once per entry. */
function isRegistryTarballUrl(url: string): boolean {
  if (!url.startsWith('https://') && !url.startsWith('http://')) return false;
  const hash = url.indexOf('#');
  const path = hash === -1 ? url : url.slice(0, hash);
  return path.endsWith('.tgz') && path.includes('/-/') && !path.includes('?');
}
/** A version range or tag: nothing that names a path, URL, git host or alias (no `:` `/` `#`). */
const PLAIN_RANGE = /^[^:/#\\]*$/;

/** Where a yarn berry entry comes from, by its resolution's protocol (`lodash@npm:4.17.21`). */
export function berrySource(resolutionRange: string): PackageSource {
  const range = resolutionRange;
  if (range.startsWith('npm:')) return 'registry';
  if (range.startsWith('patch:')) {
    // A patched package is still the registry package, with a local patch on top.
    const inner = decodeURIComponentSafe(range.slice('patch:'.length).split('#')[0]!);
    return berrySource(splitDescriptor(inner).range);
  }
  if (range.startsWith('workspace:')) return 'workspace';
  if (range.startsWith('link:')) return 'link';
  if (range.startsWith('file:') || range.startsWith('portal:') || range.startsWith('exec:')) return 'path';
  if (isGitUrl(range) || range.startsWith('github:')) return 'git';
  if (/^https?:/.test(range)) return 'url';
  return 'registry';
}

/** Git URLs as yarn writes them: `git+ssh://...`, `https://github.com/a/b.git#...`, codeload tarballs. */
export function isGitUrl(url: string): boolean {
  if (/^(git\+|git:|ssh:|git@)/.test(url)) return true;
  if (/\.git(#|$)/.test(url) || url.includes('#commit=') || url.includes('#commit:')) return true;
  const host = /^https?:\/\/(?:[^/@]*@)?([^/:]+)/.exec(url)?.[1]?.toLowerCase();
  if (host === 'codeload.github.com') return true;
  if (host === 'github.com' || host === 'gitlab.com' || host === 'bitbucket.org') return !isRegistryTarball(url);
  return false;
}

/** npm-style registry tarball paths (`/<name>/-/<name>-<version>.tgz`), wherever the registry lives. */
function isRegistryTarball(url: string): boolean {
  return /\/-\/[^/]+\.tgz(#|$|\?)/.test(url) || url.includes('/packages/npm/');
}

/** The commit a git-sourced entry was locked to, from its resolved URL. */
export function commitOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const patterns = [/#commit[=:]([0-9a-f]{7,40})\b/i, /\/tar\.gz\/([0-9a-f]{7,40})$/i, /[?&]ref=([0-9a-f]{7,40})$/i, /#([0-9a-f]{7,40})$/i];
  for (const pattern of patterns) {
    const m = pattern.exec(url);
    if (m) return m[1]!.toLowerCase();
  }
  return undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A yarn.lock entry. yarn records no project roots, so the engine pairs a manifest with entries by
 * name; the descriptors (`lodash@^4.17.15`) say exactly which entry a manifest requirement resolved
 * to, where a version check can only say which entries would satisfy it.
 */
export interface YarnLockPackage extends ExtractedPackage {
  descriptors: string[];
}
