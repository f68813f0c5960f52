import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyEdits } from '../../../../server/src/core/edits';
import { rubygemsFixes } from '../../../../server/src/ecosystems/rubygems/fixes';
import { parseGemfile } from '../../../../server/src/ecosystems/rubygems/gemfile';
import { upgradedGemRequirements } from '../../../../server/src/ecosystems/rubygems/upgraded-requirement';
import type { ParsedFile } from '../../../../server/src/ecosystems/types';

const path = resolve(__dirname, '../../../fixtures/ecosystems/rubygems/scenarios/Gemfile');
const text = readFileSync(path, 'utf8');
const file: ParsedFile = { path, text, result: parseGemfile(path, text) };

function upgradeLine(name: string, version: string): string {
  const pkg = file.result.packages.find((p) => p.name === name)!;
  const edits = rubygemsFixes.upgrade(file, pkg, version);
  assert.ok(edits, name);
  const after = applyEdits(text, edits);
  const reparsed = parseGemfile(path, after);
  assert.deepEqual(reparsed.errors, []);
  assert.equal(reparsed.packages.length, file.result.packages.length);
  const line = reparsed.packages.find((p) => p.name === name)!.nameRange!.start.line;
  return after.split('\n')[line]!;
}

describe('rubygems fixes', () => {
  const rows: Array<[string, string, string]> = [
    ['rails', '7.0.8', 'gem "rails", "~> 7.0.8"'],
    ['pg', '1.5.4', 'gem "pg", "~> 1.5", ">= 1.5.4"'],
    ['puma', '6.4.2', 'gem "puma", "~> 6.4", ">= 6.4.2"'],
    ['bootsnap', '1.18.0', 'gem "bootsnap", ">= 1.18.0", require: false'],
    ['nokogiri', '1.16.5', 'gem "nokogiri", "1.16.5"'],
    ['sidekiq', '6.5.10', 'gem "sidekiq", "= 6.5.10"'],
    ['selenium-webdriver', '5.1.0', '  gem "selenium-webdriver", ">= 5.1.0"'],
    ['rspec-rails', '6.1.0', '  gem "rspec-rails", "~> 6.1"'],
  ];
  for (const [name, version, line] of rows) {
    it(`moves ${name} to ${version} keeping the operator style`, () => assert.equal(upgradeLine(name, version), line));
  }

  it('rewrites requirement arguments split over two lines', () => {
    const pkg = file.result.packages.find((p) => p.name === 'image_processing')!;
    const after = applyEdits(text, rubygemsFixes.upgrade(file, pkg, '1.12.2')!);
    assert.ok(after.includes('gem "image_processing",\n    "~> 1.12", ">= 1.12.2"'), after);
  });

  it('leaves git and path gems alone', () => {
    for (const name of ['admin_kit', 'hanami-utils']) {
      assert.equal(rubygemsFixes.upgrade(file, file.result.packages.find((p) => p.name === name)!, '9.9.9'), undefined);
    }
  });

  const requirementRows: Array<[string[], string, string[]]> = [
    [['~> 5.2.0'], '5.2.8', ['~> 5.2.8']],
    [['~> 5.2'], '5.2.8', ['~> 5.2', '>= 5.2.8']],
    [['~> 5.2'], '6.0.1', ['~> 6.0', '>= 6.0.1']],
    [['~> 5'], '6.0.1', ['~> 6', '>= 6.0.1']],
    [['>= 1.0', '< 2'], '1.4', ['>= 1.4', '< 2']],
    [['>= 1.0', '< 2'], '2.1', ['>= 2.1']],
    [['!= 1.4', '>= 1'], '1.4', ['>= 1.4']],
    [['> 1.0'], '1.1', ['>= 1.1']],
    [[], '1.1', ['>= 1.1']],
    [['not a requirement'], '1.1', ['>= 1.1']],
  ];
  for (const [written, fixed, want] of requirementRows) {
    it(`${JSON.stringify(written)} fixed in ${fixed} becomes ${JSON.stringify(want)}`, () => assert.deepEqual(upgradedGemRequirements(written, fixed), want));
  }

  describe('override for a transitive gem', () => {
    it('adds a top-level constraint after the last top-level gem, and offers a conservative update', () => {
      const fix = rubygemsFixes.override!(file, 'rack', '2.2.8.1', 'rubygems/gemfile-lock')!;
      const after = applyEdits(text, fix.edits);
      assert.ok(after.endsWith('gem "tzinfo-data", platforms: %i[ mingw mswin x64_mingw jruby ]\ngem "rack", ">= 2.2.8.1"\n'), after);
      assert.deepEqual(fix.command, { command: 'bundle', args: ['update', '--conservative', 'rack'] });
      const reparsed = parseGemfile(path, after);
      assert.deepEqual(reparsed.packages.find((p) => p.name === 'rack')?.groups, []);
    });

    it('rewrites the existing declaration when the gem is already in the Gemfile', () => {
      const fix = rubygemsFixes.override!(file, 'pg', '1.5.4', 'rubygems/gemfile-lock')!;
      assert.ok(applyEdits(text, fix.edits).includes('gem "pg", "~> 1.5", ">= 1.5.4"'));
    });

    it('appends to a Gemfile without gems, adding the missing newline', () => {
      const bare = "source 'https://rubygems.org'";
      const fix = rubygemsFixes.override!({ path, text: bare, result: parseGemfile(path, bare) }, 'rack', '3.0.1', undefined)!;
      assert.equal(applyEdits(bare, fix.edits), "source 'https://rubygems.org'\ngem 'rack', '>= 3.0.1'\n");
    });
  });
});
