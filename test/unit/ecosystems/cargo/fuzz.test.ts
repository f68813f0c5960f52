import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCargoLock } from '../../../../server/src/ecosystems/cargo/cargo-lock';
import { parseCargoToml } from '../../../../server/src/ecosystems/cargo/cargo-toml';
import { fuzzParser } from '../../../support/parser-fuzz';
import { memoryContext } from '../../../support/parse-contexts';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/cargo');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

describe('crates.io parsers under fuzzing', () => {
  const rootManifest = read('scenarios/workspace/Cargo.toml');
  const context = () => memoryContext({ '/w/Cargo.toml': rootManifest, '/w/cli/Cargo.toml': read('scenarios/workspace/cli/Cargo.toml') });
  fuzzParser('Cargo.toml', [read('scenarios/all-forms.toml'), read('scenarios/workspace/cli/Cargo.toml')], (text) => parseCargoToml('/w/cli/Cargo.toml', text, context()), 100);
  fuzzParser('Cargo.lock', [read('scenarios/workspace/Cargo.lock'), read('scenarios/lock-v1.lock')], (text) => parseCargoLock('/w/Cargo.lock', text, context()), 100);
});
