import type { Ecosystem } from '../types';
import { npmScheme } from '../../versions/npm';
import { npmFixes } from './fixes';
import { parsePackageJson } from './package-json';
import { parsePackageLock } from './package-lock';
import { npmRequirements } from './requirements';

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
  },
  requirements: npmRequirements,
  fixes: npmFixes,
  lockfileCommand(lockfileParser) {
    if (lockfileParser === 'npm/package-lock' || lockfileParser === 'npm/npm-shrinkwrap') {
      return { command: 'npm', args: ['install', '--package-lock-only', '--ignore-scripts'] };
    }
    return undefined;
  },
  purl(name, version) {
    // The scope is the purl namespace; its `@` must be percent-encoded (purl-spec, npm type).
    const [scope, bare] = name.startsWith('@') && name.includes('/') ? [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)] : [undefined, name];
    const namespace = scope ? `${encodeURIComponent(scope)}/` : '';
    return `pkg:npm/${namespace}${encodeURIComponent(bare)}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
