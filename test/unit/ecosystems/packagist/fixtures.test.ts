import { join } from 'node:path';
import { parseComposerLock } from '../../../../server/src/ecosystems/packagist/composer-lock';
import { describeFixtureTables } from '../../../support/fixture-tables';

describe('Packagist corpus fixtures', () => {
  describeFixtureTables(join(__dirname, '../../../fixtures/ecosystems/packagist'), [{ format: 'composer-lock', parse: parseComposerLock }]);
});
