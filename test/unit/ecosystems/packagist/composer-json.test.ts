import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Range } from '../../../../server/src/core/text-range';
import { parseComposerJson } from '../../../../server/src/ecosystems/packagist/composer-json';
import { slice as textOf } from '../../../support/parse-results';

const file = resolve(__dirname, '../../../fixtures/ecosystems/packagist/scenarios/composer.json');
const text = readFileSync(file, 'utf8');

const slice = (range: Range | undefined) => textOf(text, range);

describe('packagist/composer-json', () => {
  const result = parseComposerJson(file, text);
  const byName = new Map(result.packages.map((p) => [p.name, p]));

  const rows: Array<{ name: string; nameText: string; requirement: string; version: string; groups: string[]; source: string }> = [
    { name: 'guzzlehttp/guzzle', nameText: 'Guzzlehttp/Guzzle', requirement: '^7.4', version: '', groups: [], source: 'registry' },
    { name: 'laravel/framework', nameText: 'laravel/framework', requirement: '^9.19', version: '', groups: [], source: 'registry' },
    { name: 'monolog/monolog', nameText: 'monolog/monolog', requirement: '~2.8.0', version: '', groups: [], source: 'registry' },
    { name: 'symfony/http-foundation', nameText: 'symfony/http-foundation', requirement: '6.2.7', version: '6.2.7', groups: [], source: 'registry' },
    { name: 'league/flysystem', nameText: 'league/flysystem', requirement: '>=3.0 <3.15', version: '', groups: [], source: 'registry' },
    { name: 'acme/internal-tools', nameText: 'acme/internal-tools', requirement: 'dev-main#0a1b2c3d', version: '', groups: [], source: 'git' },
    { name: 'nesbot/carbon', nameText: 'nesbot/carbon', requirement: '2.*', version: '', groups: [], source: 'registry' },
    { name: 'psr/log', nameText: 'psr/log', requirement: '^1.1 || ^2.0 || ^3.0', version: '', groups: [], source: 'registry' },
    { name: 'phpunit/phpunit', nameText: 'phpunit/phpunit', requirement: '^9.5.10', version: '', groups: ['dev'], source: 'registry' },
    { name: 'mockery/mockery', nameText: 'mockery/mockery', requirement: '^1.4.4@beta', version: '', groups: ['dev'], source: 'registry' },
  ];

  it('reads require and require-dev, skipping platform requirements', () => {
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.packages.map((p) => p.name), rows.map((r) => r.name));
    assert.deepEqual(result.project, { name: 'acme/shop', version: '1.4.0' });
  });

  for (const row of rows) {
    it(`${row.name}: lower-cased name, requirement, exact version, groups, source and ranges`, () => {
      const pkg = byName.get(row.name)!;
      assert.equal(pkg.requirement, row.requirement);
      assert.equal(pkg.version, row.version);
      assert.deepEqual(pkg.groups, row.groups);
      assert.equal(pkg.source, row.source);
      assert.equal(pkg.direct, true);
      assert.equal(slice(pkg.nameRange), row.nameText);
      assert.equal(slice(pkg.versionRange), row.requirement);
    });
  }

  it('keeps the commit of a branch requirement', () => {
    assert.equal(byName.get('acme/internal-tools')!.commit, '0a1b2c3d');
  });

  const malformed: Array<[string, string, number]> = [
    ['a missing comma', '{\n  "require": {\n    "a/b": "^1.0"\n    "c/d": "^2.0"\n  }\n}\n', 3],
    ['not JSON at all', 'this is not json\n', 0],
    ['a top level that is not an object', '[\n  "a/b"\n]\n', 0],
  ];
  for (const [name, source, line] of malformed) {
    it(`gives one error at the right line for ${name}`, () => {
      const r = parseComposerJson(file, source);
      assert.equal(r.errors.length, 1);
      assert.equal(r.errors[0]!.severity, 'error');
      assert.equal(r.errors[0]!.range.start.line, line);
      assert.deepEqual(r.packages, []);
    });
  }
});
