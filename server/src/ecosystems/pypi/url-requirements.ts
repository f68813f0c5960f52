import type { PackageSource } from '../../core/package';
import { commitHash } from './lock-graph';

/**
 * What a URL or local path in a requirement says: where the code comes from and, when the text
 * names it, which project and version it is. Such packages are never matched against registry
 * advisories (a fork or a local checkout is different code), but naming them keeps the dependency
 * list complete.
 */
export interface LinkInfo {
  source: PackageSource;
  name?: string;
  /** Offset of the name in the text, when the name is written in it (`#egg=name`, `name-1.0.whl`). */
  nameOffset?: number;
  version?: string;
  commit?: string;
}

const ARCHIVE = /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar)$/i;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** Classifies a URL or path; undefined when the text looks like neither. */
export function localReference(text: string): LinkInfo | undefined {
  const looksLikeLink = SCHEME.test(text) || /[\\/]/.test(text) || text.startsWith('.') || ARCHIVE.test(text.split('#')[0]!);
  if (!looksLikeLink) return undefined;
  return linkInfo(text);
}

export function linkInfo(url: string): LinkInfo {
  const info: LinkInfo = { source: linkSource(url) };
  const hash = url.indexOf('#');
  const beforeFragment = hash === -1 ? url : url.slice(0, hash);
  const egg = hash === -1 ? undefined : /(?:^|&)egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(url.slice(hash + 1));
  if (egg) {
    info.name = egg[1]!;
    info.nameOffset = hash + 1 + egg.index + egg[0].indexOf(egg[1]!);
  }
  if (info.source === 'git') {
    // git+https://host/repo.git@<ref>: a full commit hash pins the code.
    const at = beforeFragment.lastIndexOf('@');
    const ref = at > beforeFragment.indexOf('://') ? beforeFragment.slice(at + 1) : undefined;
    const commit = commitHash(ref);
    if (commit) info.commit = commit;
  }
  const path = beforeFragment.split('?')[0]!;
  const file = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const fromFile = archiveNameAndVersion(file);
  if (fromFile) {
    if (!info.name) {
      info.name = fromFile.name;
      info.nameOffset = path.length - file.length;
    }
    info.version = fromFile.version;
  }
  return info;
}

function linkSource(url: string): PackageSource {
  if (/^(git|hg|svn|bzr)\+/i.test(url) || /^git:/i.test(url) || /\.git(@|#|$)/i.test(url)) return 'git';
  if (/^file:/i.test(url) || !SCHEME.test(url) || /^[A-Za-z]:[\\/]/.test(url)) return 'path';
  return 'url';
}

/**
 * Project and version from a wheel (`name-1.0-py3-none-any.whl`, fixed layout) or an sdist
 * (`name-1.0.tar.gz`, split before the last `-<digit>`).
 */
function archiveNameAndVersion(file: string): { name: string; version: string } | undefined {
  if (/\.whl$/i.test(file)) {
    const parts = file.slice(0, -4).split('-');
    if (parts.length >= 5 && parts[0] && parts[1]) return { name: parts[0], version: parts[1] };
    return undefined;
  }
  const ext = ARCHIVE.exec(file);
  if (!ext) return undefined;
  const stem = file.slice(0, ext.index);
  const m = /^(.+?)-(\d[^-]*)$/.exec(stem);
  return m ? { name: m[1]!, version: m[2]! } : undefined;
}
