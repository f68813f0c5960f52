import { strict as assert } from 'node:assert';
import { FORMATS as FILES, rubygemsEcosystem } from '../../../../server/src/ecosystems/rubygems';

describe('rubygems ecosystem', () => {
  it('names itself as OSV and purl do, and builds purls', () => {
    assert.equal(rubygemsEcosystem.name, 'RubyGems');
    assert.equal(rubygemsEcosystem.purlType, 'gem');
    assert.equal(rubygemsEcosystem.purl('rails', '7.0.0'), 'pkg:gem/rails@7.0.0');
  });

  it('pairs the Gemfile with Gemfile.lock and has a parser for each file kind', () => {
    assert.deepEqual(Object.keys(rubygemsEcosystem.parsers).sort(), FILES.map((f) => f.parser).sort());
    assert.deepEqual(FILES.find((f) => f.parser === 'rubygems/gemfile')!.lockfiles, ['rubygems/gemfile-lock']);
  });

  it('refreshes the lockfile with `bundle lock`', () => {
    assert.deepEqual(rubygemsEcosystem.lockfileCommand!('rubygems/gemfile-lock'), { command: 'bundle', args: ['lock'] });
    assert.equal(rubygemsEcosystem.lockfileCommand!('npm/package-lock'), undefined);
  });
});
