import { mavenScheme } from '../../versions/maven';
import type { Ecosystem, ParsersFor } from '../types';
import { lockfileCommandsOf } from '../lockfile-commands';
import { FORMATS } from './files';
import { mavenFixes } from './fixes';
import { parseGradleLockfile } from './gradle-lockfile';
import { parseLibsVersionsToml } from './libs-versions-toml';
import { parsePomXml } from './pom-xml';
import { sameReleaseVariant } from './release-variant';
import { mavenRequirements } from './requirements';

export { FORMATS } from './files';

export const mavenEcosystem: Ecosystem = {
  name: 'Maven',
  purlType: 'maven',
  scheme: mavenScheme,
  // groupId and artifactId are case-sensitive coordinates; OSV spells them `group:artifact`.
  normalizeName: (name) => name.trim(),
  parsers: {
    'maven/pom-xml': parsePomXml,
    'maven/gradle-lockfile': parseGradleLockfile,
    'maven/libs-versions-toml': parseLibsVersionsToml,
  } satisfies ParsersFor<typeof FORMATS>,
  requirements: mavenRequirements,
  fixes: mavenFixes,
  lockfileCommand: lockfileCommandsOf('Maven'),
  purl(name, version) {
    const colon = name.indexOf(':');
    const namespace = colon === -1 ? '' : `${name.slice(0, colon).split('.').map(encodeURIComponent).join('.')}/`;
    const artifact = colon === -1 ? name : name.slice(colon + 1);
    return `pkg:maven/${namespace}${encodeURIComponent(artifact)}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
  sameReleaseVariant,
};
