import { packagistScheme } from '../../versions/packagist';
import type { Ecosystem } from '../types';
import { parseComposerJson } from './composer-json';
import { parseComposerLock } from './composer-lock';
import { packagistFixes } from './fixes';
import { packagistRequirements } from './requirements';

export { FILES } from './files';

export const packagistEcosystem: Ecosystem = {
  name: 'Packagist',
  purlType: 'composer',
  scheme: packagistScheme,
  // Composer compares package names case-insensitively and Packagist stores them lower-case.
  normalizeName: (name) => name.trim().toLowerCase(),
  parsers: {
    'packagist/composer-json': parseComposerJson,
    'packagist/composer-lock': parseComposerLock,
  },
  requirements: packagistRequirements,
  fixes: packagistFixes,
  oneVersionPerPackage: true,
  lockfileCommand(lockfileParser) {
    // --minimal-changes (Composer 2.7+) moves only what the edited constraints require, like
    // `npm install --package-lock-only`; --no-install leaves vendor/ alone; --no-scripts runs no
    // project scripts. `composer update --lock` would only rewrite the hash, not the versions.
    if (lockfileParser !== 'packagist/composer-lock') return undefined;
    return { command: 'composer', args: ['update', '--minimal-changes', '--no-install', '--no-scripts'] };
  },
  purl(name, version) {
    const [vendor, pkg] = name.includes('/') ? [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)] : ['', name];
    const namespace = vendor ? `${encodeURIComponent(vendor)}/` : '';
    return `pkg:composer/${namespace}${encodeURIComponent(pkg)}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
