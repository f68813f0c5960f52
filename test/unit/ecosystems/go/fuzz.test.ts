import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGoMod } from '../../../../server/src/ecosystems/go/go-mod';
import { parseGoSum } from '../../../../server/src/ecosystems/go/go-sum';
import { parseGoWork } from '../../../../server/src/ecosystems/go/go-work';
import { fuzzParser } from '../../../support/parser-fuzz';
import { memoryContext } from '../../../support/parse-contexts';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/go');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

describe('go parsers under fuzzing', () => {
  const sum = read('scenarios/go-1.16-with-sum/go.sum');
  fuzzParser('go.mod', [read('scenarios/everything.mod'), read('go-mod/osv-scanner-v1.9.2/replace-mixed.mod')], (text) =>
    parseGoMod('/w/go.mod', text, memoryContext({ '/w/go.sum': sum })),
  );
  fuzzParser('go.sum', [sum], (text) => parseGoSum('/w/go.sum', text));
  fuzzParser('go.work', [read('scenarios/workspace/go.work')], (text) =>
    parseGoWork('/w/go.work', text, memoryContext({ '/w/api/go.mod': 'module a\nrequire golang.org/x/text v0.3.7\n' })),
  );
});
