import { packagistScheme } from '../../versions/packagist';
import type { Ecosystem, ParsersFor } from '../types';
import { lockfileCommandsOf } from '../lockfile-commands';
import { FORMATS } from './files';
import { parseComposerJson } from './composer-json';
import { parseComposerLock } from './composer-lock';
import { packagistFixes } from './fixes';
import { packagistRequirements } from './requirements';

export { FORMATS } from './files';

export const packagistEcosystem: Ecosystem = {
  name: 'Packagist',
  purlType: 'composer',
  scheme: packagistScheme,
  // Composer compares package names case-insensitively and Packagist stores them lower-case.
  normalizeName: (name) => name.trim().toLowerCase(),
  parsers: {
    'packagist/composer-json': parseComposerJson,
    'packagist/composer-lock': parseComposerLock,
  } satisfies ParsersFor<typeof FORMATS>,
  requirements: packagistRequirements,
  fixes: packagistFixes,
  oneVersionPerPackage: true,
  lockfileCommand: lockfileCommandsOf('Packagist'),
  purl(name, version) {
    const [vendor, pkg] = name.includes('/') ? [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)] : ['', name];
    const namespace = vendor ? `${encodeURIComponent(vendor)}/` : '';
    return `pkg:composer/${namespace}${encodeURIComponent(pkg)}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
