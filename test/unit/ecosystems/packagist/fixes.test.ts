import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyEdits } from '../../../../server/src/core/edits';
import { parseComposerJson } from '../../../../server/src/ecosystems/packagist/composer-json';
import { packagistFixes } from '../../../../server/src/ecosystems/packagist/fixes';
import { upgradedComposerConstraint } from '../../../../server/src/ecosystems/packagist/upgraded-constraint';
import type { ParsedFile } from '../../../../server/src/ecosystems/types';

const path = resolve(__dirname, '../../../fixtures/ecosystems/packagist/scenarios/composer.json');
const text = readFileSync(path, 'utf8');
const file: ParsedFile = { path, text, result: parseComposerJson(path, text) };

describe('packagist fixes', () => {
  const rows: Array<[string, string, string]> = [
    ['guzzlehttp/guzzle', '7.4.5', '"Guzzlehttp/Guzzle": "^7.4.5"'],
    ['monolog/monolog', '2.8.1', '"monolog/monolog": "~2.8.1"'],
    ['symfony/http-foundation', '6.2.8', '"symfony/http-foundation": "6.2.8"'],
    ['nesbot/carbon', '2.72.6', '"nesbot/carbon": "~2.72.6"'],
    ['psr/log', '3.0.1', '"psr/log": "^3.0.1"'],
    ['mockery/mockery', '1.6.0', '"mockery/mockery": "^1.6.0@beta"'],
  ];
  for (const [name, version, line] of rows) {
    it(`moves ${name} to ${version}`, () => {
      const pkg = file.result.packages.find((p) => p.name === name)!;
      const after = applyEdits(text, packagistFixes.upgrade(file, pkg, version)!);
      assert.ok(after.includes(line), after);
      const reparsed = parseComposerJson(path, after);
      assert.deepEqual(reparsed.errors, []);
      assert.equal(reparsed.packages.length, file.result.packages.length);
    });
  }

  it('leaves branch requirements alone', () => {
    const pkg = file.result.packages.find((p) => p.name === 'acme/internal-tools')!;
    assert.equal(packagistFixes.upgrade(file, pkg, '1.0.0'), undefined);
  });

  const constraintRows: Array<[string, string, string | undefined]> = [
    ['^1.2', '1.4.3', '^1.4.3'],
    ['~1.2.3', '1.2.9', '~1.2.9'],
    ['~1.2', '1.4.3', '^1.4.3'],
    ['>=1.0', '1.4.3', '>=1.4.3'],
    ['>1.0', '1.4.3', '>=1.4.3'],
    ['1.2.3', '1.2.4', '1.2.4'],
    ['v1.2.3', '1.2.4', '1.2.4'],
    ['==1.2.3', '1.2.4', '==1.2.4'],
    ['1.2.*', '1.2.4', '~1.2.4'],
    ['^1.0 || ^2.0', '2.1.0', '^2.1.0'],
    ['^1.2@RC', '1.3.0', '^1.3.0@RC'],
    ['dev-main', '1.0.0', undefined],
  ];
  for (const [current, fixed, want] of constraintRows) {
    it(`${current} fixed in ${fixed} becomes ${want}`, () => assert.equal(upgradedComposerConstraint(current, fixed), want));
  }

  describe('override for a transitive package', () => {
    it('adds a conflict entry, creating the section in the file\'s indentation, and offers composer update', () => {
      const fix = packagistFixes.override!(file, 'GuzzleHttp/Psr7', '2.5.0', 'packagist/composer-lock')!;
      const after = applyEdits(text, fix.edits);
      const doc = JSON.parse(after) as { conflict: Record<string, string> };
      assert.deepEqual(doc.conflict, { 'guzzlehttp/psr7': '<2.5.0' });
      assert.ok(after.includes('    "conflict": {\n        "guzzlehttp/psr7": "<2.5.0"\n    }'), after);
      assert.deepEqual(fix.command, { command: 'composer', args: ['update', 'guzzlehttp/psr7', '--with-dependencies'] });
    });

    it('adds to an existing conflict for the same package', () => {
      const source = '{\n  "require": {},\n  "conflict": {\n    "a/b": "1.0.0"\n  }\n}\n';
      const fix = packagistFixes.override!({ path, text: source, result: parseComposerJson(path, source) }, 'a/b', '2.1.0', undefined)!;
      assert.deepEqual((JSON.parse(applyEdits(source, fix.edits)) as { conflict: unknown }).conflict, { 'a/b': '1.0.0 || <2.1.0' });
    });
  });
});
