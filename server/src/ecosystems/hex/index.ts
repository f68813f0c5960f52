import type { Ecosystem, ParsersFor } from '../types';
import { semverScheme } from '../../versions/semver';
import { lockfileCommandsOf } from '../lockfile-commands';
import { FORMATS } from './files';
import { hexFixes } from './fixes';
import { parseMixLock } from './mix-lock';

export { FORMATS } from './files';

export const hexEcosystem: Ecosystem = {
  name: 'Hex',
  purlType: 'hex',
  scheme: semverScheme,
  // Hex package names are lowercase; OSV spells them the same way.
  normalizeName: (name) => name.trim(),
  parsers: { 'hex/mix-lock': parseMixLock } satisfies ParsersFor<typeof FORMATS>,
  // No manifest is read, so there are no declared requirements to interpret.
  fixes: hexFixes,
  oneVersionPerPackage: true,
  lockfileCommand: lockfileCommandsOf('Hex'),
  purl(name, version) {
    // purl-spec: hex names are lowercased.
    return `pkg:hex/${encodeURIComponent(name.toLowerCase())}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
