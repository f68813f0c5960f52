import { join } from 'node:path';
import { parseComposerLock } from '../../../../server/src/ecosystems/packagist/composer-lock';
import { describeFixtureTable } from '../maven/fixture-table';

describe('Packagist corpus fixtures', () => {
  describeFixtureTable(join(__dirname, '../../../fixtures/ecosystems/packagist'), [{ format: 'composer-lock', parse: parseComposerLock }]);
});
