import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePubspecLock } from '../../../../server/src/ecosystems/pub/pubspec-lock';
import { parsePubspecYaml } from '../../../../server/src/ecosystems/pub/pubspec-yaml';
import { fuzzParser } from '../../../support/parser-fuzz';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/pub');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

describe('pub parsers under fuzzing', () => {
  fuzzParser('pubspec.yaml', [read('scenarios/pubspec.yaml')], (text) => parsePubspecYaml('/w/pubspec.yaml', text), 150);
  fuzzParser('pubspec.lock', [read('scenarios/pubspec.lock'), read('pubspec-lock/osv-scanner-v1.9.2/source-git.lock')], (text) => parsePubspecLock('/w/pubspec.lock', text), 100);
});
