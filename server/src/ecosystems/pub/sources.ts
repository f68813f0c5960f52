import type { PackageSource } from '../../core/package';

/** pub.dev under its current and former host names: the only hosted source OSV's Pub records cover. */
const PUB_DEV = /^https?:\/\/(pub\.dev|pub\.dartlang\.org)\/?$/;

export function isPubDev(url: string | undefined): boolean {
  return url === undefined || PUB_DEV.test(url.trim());
}

/**
 * How pub fetched a package: `hosted` on pub.dev is the registry; another hosted server is a
 * different package namespace (`url`); `git` and `path` are what they say; `sdk` packages
 * (flutter, flutter_test, …) ship inside the SDK folder, so they are local code (`path`).
 */
export function pubSource(kind: string | undefined, hostedUrl: string | undefined): PackageSource {
  switch (kind) {
    case 'git':
      return 'git';
    case 'path':
    case 'sdk':
      return 'path';
    case 'hosted':
    case undefined:
      return isPubDev(hostedUrl) ? 'registry' : 'url';
    default:
      return 'url';
  }
}
