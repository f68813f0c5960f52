import { join } from 'node:path';
import type { FixtureLockEntry } from './registry-server';
import { SIGSTORE_FIXTURES } from './registry-server';
import { tempWorkspace, type TempWorkspace } from './temp-workspace';

export const TRUSTED_ROOT = join(SIGSTORE_FIXTURES, 'trust', 'trusted_root.public-good.json');

/**
 * A project whose lockfile pins the given packages, with an `.npmrc` pointing npm (and so
 * Chainsight) at a registry, as a company mirror would.
 */
export function provenanceWorkspace(registry: string, entries: readonly FixtureLockEntry[], direct: readonly string[] = entries.map((e) => e.name)): TempWorkspace {
  const dependencies = Object.fromEntries(entries.filter((e) => direct.includes(e.name)).map((e) => [e.name, e.version]));
  const packages: Record<string, unknown> = { '': { name: 'app', version: '1.0.0', dependencies } };
  for (const e of entries) {
    const bare = e.name.split('/').pop();
    packages[`node_modules/${e.name}`] = { version: e.version, resolved: `${registry}/${e.name}/-/${bare}-${e.version}.tgz`, integrity: e.integrity };
  }
  return tempWorkspace({
    '.npmrc': `registry=${registry}\n`,
    'package.json': `${JSON.stringify({ name: 'app', version: '1.0.0', dependencies }, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  });
}
