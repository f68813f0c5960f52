import { withoutCredentials } from '../graph/source-url';
import type { GitConfigEntry } from '../vex/git-config';

/** The URL of the branch's remote, else `origin`'s, else the first remote's; credentials removed. */
export function remoteUrlFor(config: readonly GitConfigEntry[], branch: string | undefined): string | undefined {
  const value = (section: string, subsection: string, key: string) => config.find((e) => e.section === section && e.subsection === subsection && e.key === key)?.value;
  const remotes = [...new Set(config.filter((e) => e.section === 'remote' && e.subsection !== undefined).map((e) => e.subsection!))];
  const preferred = branch ? value('branch', branch, 'remote') : undefined;
  for (const name of [preferred, 'origin', ...remotes]) {
    const url = name ? value('remote', name, 'url') : undefined;
    if (url) return withoutCredentials(url);
  }
  return undefined;
}
