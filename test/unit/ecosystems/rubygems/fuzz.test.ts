import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseGemfile } from '../../../../server/src/ecosystems/rubygems/gemfile';
import { parseGemfileLock } from '../../../../server/src/ecosystems/rubygems/gemfile-lock';
import { fixtureFiles } from '../../../support/fixture-files';
import { assertNeverThrows } from '../../../support/parser-fuzz';

const fixtures = resolve(__dirname, '../../../fixtures/ecosystems/rubygems');

describe('rubygems parsers under fuzzing (mutated fixtures)', () => {
  it('Gemfile.lock never throws', () => {
    const seeds = [...fixtureFiles(join(fixtures, 'gemfile-lock')), join(fixtures, 'scenarios/Gemfile.lock')].map((f) => readFileSync(f, 'utf8'));
    assertNeverThrows(parseGemfileLock, '/p/Gemfile.lock', seeds, ' ()!,:-=<>~\n');
  });

  it('Gemfile never throws', () => {
    const seeds = [readFileSync(join(fixtures, 'scenarios/Gemfile'), 'utf8')];
    assertNeverThrows(parseGemfile, '/p/Gemfile', seeds, '\'"#{}()[]%:,=>|\\\n do end if <<~');
  });
});
