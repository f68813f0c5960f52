import { join } from 'node:path';
import { parseMixLock } from '../../../../server/src/ecosystems/hex/mix-lock';
import { describeFixtureTables } from '../../../support/fixture-tables';

// Both corpus folders are mix.lock files (mix-lock-erlang holds ones from Erlang projects).
describe('Hex corpus fixtures', () => {
  describeFixtureTables(join(__dirname, '../../../fixtures/ecosystems/hex'), [
    { format: 'mix-lock', parse: parseMixLock, preferredParsers: ['ParseMixLock'] },
    { format: 'mix-lock-erlang', parse: parseMixLock },
  ]);
});
