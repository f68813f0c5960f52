import type { ProvenanceSubject } from '../types';
import { normalizePypiName } from '../../ecosystems/pypi/names';
import { compareVersions } from '../../ecosystems/pypi/version-constraints';
import type { IndexFile, ProjectPage } from './index-client';
import type { LockedFile } from './file-check';

/** Which of the index's files the lockfile pins, and which version came before. */

export interface PinnedFile extends LockedFile {
  onIndex: IndexFile;
}

/** The locked files found on the index: by file name when the lockfile records one, else by sha256. */
export function pinnedFiles(subject: ProvenanceSubject, page: ProjectPage): PinnedFile[] {
  const out: PinnedFile[] = [];
  for (const artifact of subject.artifacts ?? []) {
    const sha256 = /^sha256:([0-9a-f]{64})$/.exec(artifact.hash)?.[1];
    if (!sha256) continue;
    const onIndex = artifact.name ? page.files.find((f) => f.filename === artifact.name) : page.files.find((f) => f.sha256 === sha256);
    if (onIndex && !out.some((p) => p.filename === onIndex.filename)) out.push({ filename: onIndex.filename, sha256, onIndex });
  }
  return out;
}

/** The version of a wheel (`name-version-…whl`) or sdist (`name-version.tar.gz`) file of `project`. */
export function fileVersion(filename: string, project: string): string | undefined {
  if (filename.endsWith('.whl')) {
    const [name, version] = filename.split('-');
    return name && version && normalizePypiName(name) === project ? version : undefined;
  }
  const stem = /^(.*)\.(tar\.gz|zip|tar\.bz2|tgz)$/.exec(filename)?.[1];
  const dash = stem?.lastIndexOf('-') ?? -1;
  if (!stem || dash <= 0) return undefined;
  return normalizePypiName(stem.slice(0, dash)) === project ? stem.slice(dash + 1) : undefined;
}

/** The release before `current` among the page's files (pre-releases only when `current` is one). */
export function previousRelease(page: ProjectPage, project: string, current: string): { version: string; files: IndexFile[] } | undefined {
  const byVersion = new Map<string, IndexFile[]>();
  for (const file of page.files) {
    const version = fileVersion(file.filename, project);
    if (version) byVersion.set(version, [...(byVersion.get(version) ?? []), file]);
  }
  const stable = !/[a-z]/i.test(current.replace(/\.post\d+$/i, ''));
  let best: string | undefined;
  for (const version of byVersion.keys()) {
    if (stable && /(a|b|rc|dev|alpha|beta|c|pre|preview)\d*/i.test(version)) continue;
    const below = compareVersions(version, current);
    if (below === undefined || below >= 0) continue;
    if (!best || (compareVersions(version, best) ?? 0) > 0) best = version;
  }
  return best ? { version: best, files: byVersion.get(best)! } : undefined;
}
