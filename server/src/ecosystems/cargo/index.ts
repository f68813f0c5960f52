import type { Ecosystem, ParsersFor } from '../types';
import { semverScheme } from '../../versions/semver';
import { lockfileCommandsOf } from '../lockfile-commands';
import { FORMATS } from './files';
import { parseCargoLock } from './cargo-lock';
import { parseCargoToml } from './cargo-toml';
import { cargoFixes } from './fixes';
import { cargoRequirements } from './requirements';

export { FORMATS } from './files';

export const cargoEcosystem: Ecosystem = {
  name: 'crates.io',
  purlType: 'cargo',
  scheme: semverScheme,
  // crates.io names are unique ignoring case and `-`/`_`, but Cargo.lock and OSV both spell a crate
  // exactly as it was published, so the name is kept as written.
  normalizeName: (name) => name.trim(),
  parsers: {
    'cargo/cargo-toml': parseCargoToml,
    'cargo/cargo-lock': parseCargoLock,
  } satisfies ParsersFor<typeof FORMATS>,
  requirements: cargoRequirements,
  fixes: cargoFixes,
  lockfileCommand: lockfileCommandsOf('crates.io'),
  purl(name, version) {
    return `pkg:cargo/${encodeURIComponent(name)}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
