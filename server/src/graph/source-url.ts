import type { SourceRef } from './facts';

const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/**
 * A repository URL as GUAC names sources: type `git`, namespace `host/owner…`, name the last path
 * segment. Accepts what SBOMs, provenance and git configs write: `git+https://host/o/r.git#dir`,
 * `git@host:o/r.git`, `git://…`, `https://host/o/r@refs/tags/v1`. Credentials are never kept.
 */
export function sourceFromUrl(url: string, commit = '', tag = ''): SourceRef | undefined {
  let text = url.trim();
  if (!text) return undefined;
  let fragment = '';
  const hash = text.indexOf('#');
  if (hash >= 0) {
    fragment = text.slice(hash + 1);
    text = text.slice(0, hash);
  }
  text = text.replace(/^git\+/i, '');
  // scheme://[user[:password]@]host[:port]/path, or scp-like [user@]host:path, or host/path;
  // credentials are matched and dropped.
  const m = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
    ? /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#@\s]+)(?::\d*)?\/+([^?#]*)/i.exec(text)
    : /^(?:[^@/:\s]*@)?([^/:?#@\s]+)[:/]\/*([^?#]*)/.exec(text);
  if (!m) return undefined;
  const host = m[1]!.toLowerCase();
  let path: string;
  try {
    path = decodeURIComponent(m[2]!).replace(/^\/+|\/+$/g, '');
  } catch {
    return undefined;
  }
  let ref = '';
  const at = path.indexOf('@');
  if (at >= 0) {
    ref = path.slice(at + 1);
    path = path.slice(0, at);
  }
  path = path.replace(/\.git$/i, '').replace(/\/+$/, '');
  const segments = path.split('/').filter((s) => s !== '');
  if (!host || segments.length === 0) return undefined;
  const name = segments.pop()!;
  const refCommit = COMMIT.test(ref) ? ref.toLowerCase() : '';
  const fragmentCommit = COMMIT.test(fragment) ? fragment.toLowerCase() : '';
  const refTag = /^refs\/tags\//.test(ref) ? ref.slice('refs/tags/'.length) : '';
  return {
    type: 'git',
    namespace: [host, ...segments].join('/'),
    name,
    tag: commit ? '' : tag || refTag,
    commit: (commit || refCommit || fragmentCommit).toLowerCase(),
  };
}

/** A remote URL fit to store and show: user names and passwords (tokens in CI) removed. */
export function withoutCredentials(url: string): string {
  const text = url.trim();
  try {
    const parsed = new URL(text);
    if (parsed.username || parsed.password) {
      parsed.username = '';
      parsed.password = '';
      return parsed.toString();
    }
    return text;
  } catch {
    // scp-like `git@host:o/r.git`: the user is a login name, not a secret; keep it as written.
    return text;
  }
}

/** `https://host/namespace-rest/name` for a git source, for display and GUAC round trips. */
export function sourceUrl(src: SourceRef): string {
  return `https://${src.namespace}/${src.name}`;
}
