import type { Ecosystem } from '../types';
import { npmScheme } from '../../versions/npm';
import { parseBunLock } from './bun-lock';
import { npmFixes } from './fixes';
import { parsePackageJson } from './package-json';
import { parsePackageLock } from './package-lock';
import { parsePnpmLock } from './pnpm-lock';
import { npmRequirements } from './requirements';
import { parseYarnLock, yarnLockfileCommand } from './yarn-lock';

export { FILES } from './files';

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
  },
  requirements: npmRequirements,
  fixes: npmFixes,
  // The lockfile's text is optional: yarn 1 and yarn 2+ share a file name but not their flags.
  lockfileCommand(lockfileParser: string, lockfileText?: string) {
    if (lockfileParser === 'npm/package-lock' || lockfileParser === 'npm/npm-shrinkwrap') {
      return { command: 'npm', args: ['install', '--package-lock-only', '--ignore-scripts'] };
    }
    if (lockfileParser === 'npm/yarn-lock') return yarnLockfileCommand(lockfileText);
    // Both only resolve and write the lockfile: no node_modules, no install scripts.
    if (lockfileParser === 'npm/pnpm-lock') return { command: 'pnpm', args: ['install', '--lockfile-only'] };
    if (lockfileParser === 'npm/bun-lock') return { command: 'bun', args: ['install', '--lockfile-only'] };
    return undefined;
  },
  purl(name, version) {
    // The scope is the purl namespace; its `@` must be percent-encoded (purl-spec, npm type).
    const [scope, bare] = name.startsWith('@') && name.includes('/') ? [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)] : [undefined, name];
    const namespace = scope ? `${encodeURIComponent(scope)}/` : '';
    return `pkg:npm/${namespace}${encodeURIComponent(bare)}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
