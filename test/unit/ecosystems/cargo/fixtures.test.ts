import { join } from 'node:path';
import { parseCargoLock } from '../../../../server/src/ecosystems/cargo/cargo-lock';
import { parseCargoToml } from '../../../../server/src/ecosystems/cargo/cargo-toml';
import { describeFixtureTables } from '../../../support/fixture-tables';

describe('crates.io corpus fixtures', () => {
  describeFixtureTables(join(__dirname, '../../../fixtures/ecosystems/cargo'), [
    { format: 'cargo-lock', parse: parseCargoLock, preferredParsers: ['ParseCargoLock'] },
    { format: 'cargo-toml', parse: parseCargoToml },
  ]);
});
