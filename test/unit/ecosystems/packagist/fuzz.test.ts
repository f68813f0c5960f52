import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseComposerJson } from '../../../../server/src/ecosystems/packagist/composer-json';
import { parseComposerLock } from '../../../../server/src/ecosystems/packagist/composer-lock';
import { fixtureFiles } from '../../../support/fixture-files';
import { assertNeverThrows } from '../../../support/parser-fuzz';

const fixtures = resolve(__dirname, '../../../fixtures/ecosystems/packagist');

describe('packagist parsers under fuzzing (mutated fixtures)', () => {
  it('composer.lock never throws', () => {
    const seeds = [...fixtureFiles(join(fixtures, 'composer-lock')), join(fixtures, 'scenarios/composer.lock')].map((f) => readFileSync(f, 'utf8'));
    assertNeverThrows(parseComposerLock, '/p/composer.lock', seeds, '{}[]":,\\ \n');
  });

  it('composer.json never throws', () => {
    const seeds = [readFileSync(join(fixtures, 'scenarios/composer.json'), 'utf8')];
    assertNeverThrows(parseComposerJson, '/p/composer.json', seeds, '{}[]":,\\^~*|@- \n');
  });
});
