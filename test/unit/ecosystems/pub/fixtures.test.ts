import { join } from 'node:path';
import { parsePubspecLock } from '../../../../server/src/ecosystems/pub/pubspec-lock';
import { describeFixtureTables } from '../../../support/fixture-tables';

describe('Pub corpus fixtures', () => {
  describeFixtureTables(join(__dirname, '../../../fixtures/ecosystems/pub'), [
    {
      format: 'pubspec-lock',
      parse: parsePubspecLock,
      preferredParsers: ['ParsePubspecLock'],
      compareGroups: true,
      own: {
        // osv-scalibr's own table: an empty file has no packages, and text that is not a YAML mapping fails.
        'osv-scalibr/empty.lock': { error: false, packages: [] },
        'osv-scalibr/not-yaml.txt': { error: true },
      },
    },
  ]);
});
