import { strict as assert } from 'node:assert';
import { FORMATS as FILES, packagistEcosystem } from '../../../../server/src/ecosystems/packagist';

describe('packagist ecosystem', () => {
  it('names itself as OSV and purl do, and builds purls with the vendor as namespace', () => {
    assert.equal(packagistEcosystem.name, 'Packagist');
    assert.equal(packagistEcosystem.purlType, 'composer');
    assert.equal(packagistEcosystem.purl('laravel/framework', '9.0.0'), 'pkg:composer/laravel/framework@9.0.0');
  });

  it('compares names case-insensitively', () => {
    assert.equal(packagistEcosystem.normalizeName('Laravel/Framework'), 'laravel/framework');
  });

  it('pairs composer.json with composer.lock and has a parser for each file kind', () => {
    assert.deepEqual(Object.keys(packagistEcosystem.parsers).sort(), FILES.map((f) => f.parser).sort());
    assert.deepEqual(FILES.find((f) => f.parser === 'packagist/composer-json')!.lockfiles, ['packagist/composer-lock']);
  });

  it('refreshes the lock with minimal changes and without installing or running scripts', () => {
    assert.deepEqual(packagistEcosystem.lockfileCommand!('packagist/composer-lock'), {
      command: 'composer',
      args: ['update', '--minimal-changes', '--no-install', '--no-scripts'],
    });
  });
});
