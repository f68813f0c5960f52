import { join } from 'node:path';
import { parsePubspecLock } from '../../../../server/src/ecosystems/pub/pubspec-lock';
import { describeFixtureTable } from '../../../support/fixture-table';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/pub');

describeFixtureTable({
  folder: join(ROOT, 'pubspec-lock'),
  format: 'pubspec-lock',
  knownDifferences: join(ROOT, 'known-differences.json'),
  preferredParsers: ['ParsePubspecLock'],
  parse: parsePubspecLock,
  compareGroups: true,
  unexpected: {
    // osv-scalibr's own table: an empty file has no packages, and text that is not a YAML mapping fails.
    'pubspec-lock/osv-scalibr/empty.lock': { expectError: false, packages: [] },
    'pubspec-lock/osv-scalibr/not-yaml.txt': { expectError: true },
  },
});
