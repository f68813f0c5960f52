import { join } from 'node:path';
import { parseCargoLock } from '../../../../server/src/ecosystems/cargo/cargo-lock';
import { parseCargoToml } from '../../../../server/src/ecosystems/cargo/cargo-toml';
import { describeFixtureTable } from '../../../support/fixture-table';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/cargo');
const KNOWN = join(ROOT, 'known-differences.json');

describeFixtureTable({ folder: join(ROOT, 'cargo-lock'), format: 'cargo-lock', knownDifferences: KNOWN, preferredParsers: ['ParseCargoLock'], parse: parseCargoLock });
describeFixtureTable({ folder: join(ROOT, 'cargo-toml'), format: 'cargo-toml', knownDifferences: KNOWN, parse: parseCargoToml });
