import { join } from 'node:path';
import { parseGoMod } from '../../../../server/src/ecosystems/go/go-mod';
import { parseGoSum } from '../../../../server/src/ecosystems/go/go-sum';
import { describeFixtureTables } from '../../../support/fixture-tables';

describe('Go corpus fixtures', () => {
  describeFixtureTables(join(__dirname, '../../../fixtures/ecosystems/go'), [
    {
      format: 'go-mod',
      // go.sum fixtures are read by the go.sum parser, everything else in the folder by the go.mod parser.
      parse: (file, text) => (file.endsWith('.sum') ? parseGoSum(file, text) : parseGoMod(file, text)),
      preferredParsers: ['ParseGoLock'],
      own: {
        // osv-scalibr's table expects "could not extract from" for this one; its expectation was not transcribed.
        'osv-scalibr/not-go-mod.mod': { error: true },
        // "Wrongly formatted, this file should not be used!!!"
        'osv-scalibr/indirect-1.23.sum': { error: true },
      },
    },
  ]);
});
