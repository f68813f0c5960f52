import type { Ecosystem } from '../types';
import { semverScheme } from '../../versions/semver';
import { parseCargoLock } from './cargo-lock';
import { parseCargoToml } from './cargo-toml';
import { CARGO_LOCK_REFRESH, cargoFixes } from './fixes';
import { cargoRequirements } from './requirements';

/** A workspace has one Cargo.lock at its root; member manifests pair with it across folders. */

export { FILES } from './files';

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
  },
  requirements: cargoRequirements,
  fixes: cargoFixes,
  lockfileCommand(lockfileParser) {
    // Re-resolves what the manifests changed and keeps every other locked version.
    return lockfileParser === 'cargo/cargo-lock' ? CARGO_LOCK_REFRESH : undefined;
  },
  purl(name, version) {
    return `pkg:cargo/${encodeURIComponent(name)}${version ? `@${encodeURIComponent(version)}` : ''}`;
  },
};
