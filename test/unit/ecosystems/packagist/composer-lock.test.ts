import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Range } from '../../../../server/src/core/text-range';
import { parseComposerLock } from '../../../../server/src/ecosystems/packagist/composer-lock';
import { pathFrom } from '../../../support/dependency-paths';
import { slice as textOf } from '../../../support/parse-results';

const file = resolve(__dirname, '../../../fixtures/ecosystems/packagist/scenarios/composer.lock');
const text = readFileSync(file, 'utf8');

const slice = (range: Range | undefined) => textOf(text, range);

describe('packagist/composer-lock', () => {
  const result = parseComposerLock(file, text);
  const byId = new Map(result.packages.map((p) => [p.id, p]));

  it('reads packages and packages-dev; records no roots', () => {
    assert.deepEqual(result.errors, []);
    assert.equal(result.packages.length, 11);
    assert.equal(result.importers, undefined);
    assert.ok(result.packages.every((p) => !p.direct));
    assert.deepEqual(byId.get('phpunit/phpunit')!.groups, ['dev']);
    assert.deepEqual(byId.get('guzzlehttp/guzzle')!.groups, []);
  });

  it('puts ranges on the name and version strings', () => {
    for (const pkg of result.packages) {
      assert.equal(slice(pkg.nameRange), pkg.name);
      assert.equal(slice(pkg.versionRange), pkg.version);
    }
  });

  it('records require edges (platform requirements dropped) and a path down from a root', () => {
    assert.deepEqual(byId.get('guzzlehttp/guzzle')!.dependencies, ['guzzlehttp/promises', 'guzzlehttp/psr7', 'psr/http-client']);
    assert.deepEqual(pathFrom(result.packages, 'guzzlehttp/guzzle', 'psr/http-message'), ['guzzlehttp/guzzle', 'guzzlehttp/psr7', 'psr/http-message']);
    assert.deepEqual(pathFrom(result.packages, 'phpunit/phpunit', 'sebastian/diff'), ['phpunit/phpunit', 'sebastian/diff']);
  });

  it('marks branch checkouts and path packages as non-registry', () => {
    assert.equal(byId.get('acme/internal-tools')!.source, 'git');
    assert.equal(byId.get('acme/billing')!.source, 'path');
    assert.equal(byId.get('monolog/monolog')!.source, 'registry');
  });

  it('keeps the commit, the download URL and the dist checksum', () => {
    const guzzle = byId.get('guzzlehttp/guzzle')!;
    assert.equal(guzzle.commit, '1dd98b0564cb3f6bd16ce683cb755f94c10fbd82');
    assert.equal(guzzle.resolved, 'https://api.github.com/repos/guzzle/guzzle/zipball/1dd98b0564cb3f6bd16ce683cb755f94c10fbd82');
    assert.equal(guzzle.integrity, undefined, 'an empty shasum is no checksum');
    assert.equal(byId.get('monolog/monolog')!.integrity, `sha1-${Buffer.from('0f0d24fc1d1e7a93b7b48c2c5bd1e7ab2a0e0e45', 'hex').toString('base64')}`);
  });

  it('gives one error at the right line for broken JSON', () => {
    const broken = text.replace('"version": "1.5.2",', '"version": "1.5.2"');
    const r = parseComposerLock(file, broken);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]!.range.start.line, text.split('\n').findIndex((l) => l.includes('"version": "1.5.2"')) + 1);
    assert.deepEqual(r.packages, []);
  });

  it('rejects null and non-objects with one error', () => {
    for (const source of ['null', '[]', '"x"']) {
      const r = parseComposerLock(file, source);
      assert.equal(r.errors.length, 1);
      assert.equal(r.errors[0]!.severity, 'error');
    }
  });
});
