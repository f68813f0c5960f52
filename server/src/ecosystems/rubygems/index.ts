import { rubygemsScheme } from '../../versions/rubygems';
import type { Ecosystem, ParsersFor } from '../types';
import { lockfileCommandsOf } from '../lockfile-commands';
import { FORMATS } from './files';
import { rubygemsFixes } from './fixes';
import { parseGemfile } from './gemfile';
import { parseGemfileLock } from './gemfile-lock';
import { rubygemsRequirements } from './requirements';

export { FORMATS } from './files';

export const rubygemsEcosystem: Ecosystem = {
  name: 'RubyGems',
  purlType: 'gem',
  scheme: rubygemsScheme,
  // Gem names are case-sensitive on rubygems.org, and OSV spells them as published.
  normalizeName: (name) => name.trim(),
  parsers: {
    'rubygems/gemfile': parseGemfile,
    'rubygems/gemfile-lock': parseGemfileLock,
  } satisfies ParsersFor<typeof FORMATS>,
  requirements: rubygemsRequirements,
  fixes: rubygemsFixes,
  oneVersionPerPackage: true,
  lockfileCommand: lockfileCommandsOf('RubyGems'),
  purl(name, version) {
    return `pkg:gem/${encodeURIComponent(name)}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
