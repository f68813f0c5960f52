import type { Ecosystem } from '../types';
import { semverScheme } from '../../versions/semver';
import { MIX_DEPS_GET, hexFixes } from './fixes';
import { parseMixLock } from './mix-lock';

/** mix.lock only: mix.exs is Elixir code that Chainsight does not evaluate (see docs/ecosystems/hex.md). */

export { FILES } from './files';

export const hexEcosystem: Ecosystem = {
  name: 'Hex',
  purlType: 'hex',
  scheme: semverScheme,
  // Hex package names are lowercase; OSV spells them the same way.
  normalizeName: (name) => name.trim(),
  parsers: { 'hex/mix-lock': parseMixLock },
  // No manifest is read, so there are no declared requirements to interpret.
  fixes: hexFixes,
  oneVersionPerPackage: true,
  lockfileCommand(lockfileParser) {
    return lockfileParser === 'hex/mix-lock' ? MIX_DEPS_GET : undefined;
  },
  purl(name, version) {
    // purl-spec: hex names are lowercased.
    return `pkg:hex/${encodeURIComponent(name.toLowerCase())}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
