import type { PackageSource } from '../../core/package';

/** What a package.json dependency value means, in npm-package-arg's terms. */
export interface NpmSpec {
  source: PackageSource;
  /** The registry package name (the alias target for `npm:` aliases). */
  name: string;
  /** The registry range or tag; '' for non-registry sources. */
  range: string;
  /** Offset of `range` inside the spec text (aliases put a prefix before it). */
  rangeOffset: number;
  /** Set when the dependency key is an alias for another registry package. */
  alias?: string;
}

const GIT_PREFIXES = ['git+', 'git:', 'git@', 'github:', 'gitlab:', 'bitbucket:', 'gist:'];
const PATH_PREFIXES = ['file:', './', '../', '/', '~/', '.\\', '..\\'];
/** `user/repo` or `user/repo#ref`: npm's GitHub shorthand. */
const GITHUB_SHORTHAND = /^[^@\s/:][^\s/:]*\/[^\s/:]+(#.*)?$/;
const WINDOWS_PATH = /^[a-zA-Z]:[\\/]/;

export function classifySpec(key: string, spec: string): NpmSpec {
  const value = spec.trim();
  const lower = value.toLowerCase();
  if (lower.startsWith('npm:')) {
    const target = value.slice(4);
    const at = target.indexOf('@', 1);
    const name = at === -1 ? target : target.slice(0, at);
    const range = at === -1 ? '*' : target.slice(at + 1);
    return { source: 'registry', name, range, rangeOffset: at === -1 ? value.length : 4 + at + 1, alias: key };
  }
  if (lower.startsWith('workspace:')) return nonRegistry('workspace', key);
  if (lower.startsWith('link:')) return nonRegistry('link', key);
  if (PATH_PREFIXES.some((p) => lower.startsWith(p)) || WINDOWS_PATH.test(value) || lower === '.' || lower === '..') {
    return nonRegistry('path', key);
  }
  if (GIT_PREFIXES.some((p) => lower.startsWith(p))) return nonRegistry('git', key);
  if (lower.startsWith('http://') || lower.startsWith('https://')) return nonRegistry('url', key);
  if (GITHUB_SHORTHAND.test(value)) return nonRegistry('git', key);
  return { source: 'registry', name: key, range: value === '' ? '*' : value, rangeOffset: spec.indexOf(value) };
}

function nonRegistry(source: PackageSource, key: string): NpmSpec {
  return { source, name: key, range: '', rangeOffset: 0 };
}
