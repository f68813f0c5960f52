import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMixLock } from '../../../../server/src/ecosystems/hex/mix-lock';
import { fuzzParser } from '../../../support/parser-fuzz';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/hex');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

describe('Hex parser under fuzzing', () => {
  fuzzParser('mix.lock', [read('scenarios/mixed.lock'), read('mix-lock/osv-scanner-v1.9.2/git.lock'), read('mix-lock-erlang/osv-scalibr/two-packages.lock')], (text) => parseMixLock('/w/mix.lock', text), 150);
});
