import { join } from 'node:path';
import { parseMixLock } from '../../../../server/src/ecosystems/hex/mix-lock';
import { describeFixtureTable } from '../../../support/fixture-table';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/hex');
const KNOWN = join(ROOT, 'known-differences.json');

// Both corpus folders are mix.lock files (mix-lock-erlang holds ones from Erlang projects).
describeFixtureTable({ folder: join(ROOT, 'mix-lock'), format: 'mix-lock', knownDifferences: KNOWN, preferredParsers: ['ParseMixLock'], parse: parseMixLock });
describeFixtureTable({ folder: join(ROOT, 'mix-lock-erlang'), format: 'mix-lock-erlang', knownDifferences: KNOWN, parse: parseMixLock });
