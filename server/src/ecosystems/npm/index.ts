import type { Ecosystem, ParsersFor } from '../types';
import { npmScheme } from '../../versions/npm';
import { lockfileCommandsOf } from '../lockfile-commands';
import { FORMATS } from './files';
import { parseBunLock } from './bun-lock';
import { npmFixes } from './fixes';
import { parsePackageJson } from './package-json';
import { parsePackageLock } from './package-lock';
import { parsePnpmLock } from './pnpm-lock';
import { npmRequirements } from './requirements';
import { parseYarnLock } from './yarn-lock';

export { FORMATS } from './files';

export const npmEcosystem: Ecosystem = {
  name: 'npm',
  purlType: 'npm',
  scheme: npmScheme,
  // npm names are case-sensitive on the registry but new ones must be lowercase; OSV keeps them as published.
  normalizeName: (name) => name.trim(),
  parsers: {
    'npm/package-json': parsePackageJson,
    'npm/package-lock': parsePackageLock,
    'npm/npm-shrinkwrap': parsePackageLock,
    'npm/yarn-lock': parseYarnLock,
    'npm/pnpm-lock': parsePnpmLock,
    'npm/bun-lock': parseBunLock,
  } satisfies ParsersFor<typeof FORMATS>,
  requirements: npmRequirements,
  fixes: npmFixes,
  lockfileCommand: lockfileCommandsOf('npm'),
  purl(name, version) {
    // The scope is the purl namespace; its `@` must be percent-encoded (purl-spec, npm type).
    const [scope, bare] = name.startsWith('@') && name.includes('/') ? [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)] : [undefined, name];
    const namespace = scope ? `${encodeURIComponent(scope)}/` : '';
    return `pkg:npm/${namespace}${encodeURIComponent(bare)}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
