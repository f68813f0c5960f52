import { join } from 'node:path';
import { parseGoMod } from '../../../../server/src/ecosystems/go/go-mod';
import { parseGoSum } from '../../../../server/src/ecosystems/go/go-sum';
import { describeFixtureTable } from '../../../support/fixture-table';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/go');

// go.sum fixtures are read by the go.sum parser, everything else in the folder by the go.mod parser.
describeFixtureTable({
  folder: join(ROOT, 'go-mod'),
  format: 'go-mod',
  knownDifferences: join(ROOT, 'known-differences.json'),
  preferredParsers: ['ParseGoLock'],
  parse: (file, text) => (file.endsWith('.sum') ? parseGoSum(file, text) : parseGoMod(file, text)),
  unexpected: {
    // osv-scalibr's table expects "could not extract from" for this one; its expectation was not transcribed.
    'go-mod/osv-scalibr/not-go-mod.mod': { expectError: true },
    // "Wrongly formatted, this file should not be used!!!"
    'go-mod/osv-scalibr/indirect-1.23.sum': { expectError: true },
  },
});
