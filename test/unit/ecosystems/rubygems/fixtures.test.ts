import { join } from 'node:path';
import { parseGemfileLock } from '../../../../server/src/ecosystems/rubygems/gemfile-lock';
import { describeFixtureTable } from '../maven/fixture-table';

describe('RubyGems corpus fixtures', () => {
  describeFixtureTable(join(__dirname, '../../../fixtures/ecosystems/rubygems'), [{ format: 'gemfile-lock', parse: parseGemfileLock }]);
});
