import { join } from 'node:path';
import { parseGemfileLock } from '../../../../server/src/ecosystems/rubygems/gemfile-lock';
import { describeFixtureTables } from '../../../support/fixture-tables';

describe('RubyGems corpus fixtures', () => {
  describeFixtureTables(join(__dirname, '../../../fixtures/ecosystems/rubygems'), [{ format: 'gemfile-lock', parse: parseGemfileLock }]);
});
