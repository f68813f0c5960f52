import type { Ecosystem } from '../types';
import { pubScheme } from '../../versions/pub';
import { DART_PUB_GET, pubFixes } from './fixes';
import { parsePubspecLock } from './pubspec-lock';
import { parsePubspecYaml } from './pubspec-yaml';
import { pubRequirements } from './requirements';

/** In a pub workspace only the root has a pubspec.lock; member pubspecs pair with it across folders. */

export { FILES } from './files';

export const pubEcosystem: Ecosystem = {
  name: 'Pub',
  purlType: 'pub',
  scheme: pubScheme,
  // Pub names are lowercase identifiers ([a-z0-9_]); OSV spells them the same way.
  normalizeName: (name) => name.trim(),
  parsers: {
    'pub/pubspec-yaml': parsePubspecYaml,
    'pub/pubspec-lock': parsePubspecLock,
  },
  requirements: pubRequirements,
  fixes: pubFixes,
  oneVersionPerPackage: true,
  lockfileCommand(lockfileParser) {
    // Without the manifest at hand this is `dart pub get`; fixes use pubGetCommand, which picks
    // `flutter pub get` for Flutter packages.
    return lockfileParser === 'pub/pubspec-lock' ? DART_PUB_GET : undefined;
  },
  purl(name, version) {
    // purl-spec: pub names are lowercased.
    return `pkg:pub/${encodeURIComponent(name.toLowerCase())}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
