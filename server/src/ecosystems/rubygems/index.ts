import { rubygemsScheme } from '../../versions/rubygems';
import type { Ecosystem } from '../types';
import { rubygemsFixes } from './fixes';
import { parseGemfile } from './gemfile';
import { parseGemfileLock } from './gemfile-lock';
import { rubygemsRequirements } from './requirements';

export { FILES } from './files';

export const rubygemsEcosystem: Ecosystem = {
  name: 'RubyGems',
  purlType: 'gem',
  scheme: rubygemsScheme,
  // Gem names are case-sensitive on rubygems.org, and OSV spells them as published.
  normalizeName: (name) => name.trim(),
  parsers: {
    'rubygems/gemfile': parseGemfile,
    'rubygems/gemfile-lock': parseGemfileLock,
  },
  requirements: rubygemsRequirements,
  fixes: rubygemsFixes,
  oneVersionPerPackage: true,
  lockfileCommand(lockfileParser) {
    // `bundle lock` re-resolves only what the Gemfile change requires and installs nothing.
    return lockfileParser === 'rubygems/gemfile-lock' ? { command: 'bundle', args: ['lock'] } : undefined;
  },
  purl(name, version) {
    return `pkg:gem/${encodeURIComponent(name)}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
