import type { Ecosystem, ParsersFor } from '../types';
import { pubScheme } from '../../versions/pub';
import { lockfileCommandsOf } from '../lockfile-commands';
import { FORMATS } from './files';
import { pubFixes } from './fixes';
import { parsePubspecLock } from './pubspec-lock';
import { parsePubspecYaml } from './pubspec-yaml';
import { pubRequirements } from './requirements';

export { FORMATS } from './files';

export const pubEcosystem: Ecosystem = {
  name: 'Pub',
  purlType: 'pub',
  scheme: pubScheme,
  // Pub names are lowercase identifiers ([a-z0-9_]); OSV spells them the same way.
  normalizeName: (name) => name.trim(),
  parsers: {
    'pub/pubspec-yaml': parsePubspecYaml,
    'pub/pubspec-lock': parsePubspecLock,
  } satisfies ParsersFor<typeof FORMATS>,
  requirements: pubRequirements,
  fixes: pubFixes,
  oneVersionPerPackage: true,
  lockfileCommand: lockfileCommandsOf('Pub'),
  purl(name, version) {
    // purl-spec: pub names are lowercased.
    return `pkg:pub/${encodeURIComponent(name.toLowerCase())}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
