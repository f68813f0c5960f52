import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseGemfile } from '../../../../server/src/ecosystems/rubygems/gemfile';
import { slice } from '../../../support/parse-results';

const file = resolve(__dirname, '../../../fixtures/ecosystems/rubygems/scenarios/Gemfile');
const text = readFileSync(file, 'utf8');

describe('rubygems/gemfile', () => {
  const result = parseGemfile(file, text);
  const byName = new Map(result.packages.map((p) => [p.name, p]));

  const rows: Array<{ name: string; requirement: string; version: string; groups: string[]; source: string; versionText?: string }> = [
    { name: 'rails', requirement: '~> 7.0.4, >= 7.0.4.3', version: '', groups: [], source: 'registry', versionText: '~> 7.0.4", ">= 7.0.4.3' },
    { name: 'pg', requirement: '~> 1.1', version: '', groups: [], source: 'registry', versionText: '~> 1.1' },
    { name: 'puma', requirement: '~> 5.0', version: '', groups: [], source: 'registry', versionText: '~> 5.0' },
    { name: 'bootsnap', requirement: '', version: '', groups: [], source: 'registry' },
    { name: 'nokogiri', requirement: '1.13.3', version: '1.13.3', groups: [], source: 'registry', versionText: '1.13.3' },
    { name: 'sidekiq', requirement: '= 6.5.8', version: '6.5.8', groups: [], source: 'registry', versionText: '= 6.5.8' },
    // An argument list continued on the next line.
    { name: 'image_processing', requirement: '~> 1.2', version: '', groups: [], source: 'registry' },
    { name: 'admin_kit', requirement: '', version: '', groups: [], source: 'path' },
    { name: 'hanami-utils', requirement: '', version: '', groups: [], source: 'git' },
    { name: 'debug', requirement: '', version: '', groups: ['dev', 'test'], source: 'registry' },
    { name: 'rspec-rails', requirement: '~> 6.0', version: '', groups: ['dev', 'test'], source: 'registry', versionText: '~> 6.0' },
    { name: 'web-console', requirement: '', version: '', groups: ['dev'], source: 'registry' },
    // Inside `if` inside `group :development do`: still declared, still in the group.
    { name: 'rack-mini-profiler', requirement: '', version: '', groups: ['dev'], source: 'registry' },
    { name: 'capybara', requirement: '', version: '', groups: ['test'], source: 'registry' },
    { name: 'selenium-webdriver', requirement: '>= 4.0, < 5', version: '', groups: ['test'], source: 'registry' },
    // After the last `end`: back at the top level.
    { name: 'tzinfo-data', requirement: '', version: '', groups: [], source: 'registry' },
  ];

  it('reads every gem call, and nothing else', () => {
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.packages.map((p) => p.name), rows.map((r) => r.name));
  });

  for (const row of rows) {
    it(`${row.name}: requirement, exact version, groups, source and ranges`, () => {
      const pkg = byName.get(row.name)!;
      assert.equal(pkg.requirement, row.requirement);
      assert.equal(pkg.version, row.version);
      assert.deepEqual(pkg.groups, row.groups);
      assert.equal(pkg.source, row.source);
      assert.equal(pkg.direct, true);
      assert.equal(slice(text, pkg.nameRange), row.name);
      if (row.versionText !== undefined) assert.equal(slice(text, pkg.versionRange), row.versionText);
      if (row.requirement === '') assert.equal(pkg.versionRange, undefined);
    });
  }

  const forms: Array<[string, string, string[], string]> = [
    ["gem('rake', '>= 12')", 'rake', [], '>= 12'],
    ['gem "rspec", :group => :test', 'rspec', ['test'], ''],
    ["gem 'pry', groups: [:development, :test]", 'pry', ['dev', 'test'], ''],
    ["gem 'x', git: 'https://example.com/x.git'", 'x', [], ''],
    ["gem 'y' if RUBY_VERSION >= '3.0'", 'y', [], ''],
  ];
  for (const [source, name, groups, requirement] of forms) {
    it(`reads ${source}`, () => {
      const r = parseGemfile('Gemfile', `${source}\n`);
      assert.equal(r.packages.length, 1, JSON.stringify(r));
      assert.equal(r.packages[0]!.name, name);
      assert.deepEqual(r.packages[0]!.groups, groups);
      assert.equal(r.packages[0]!.requirement, requirement);
    });
  }

  it('skips what it cannot read statically', () => {
    const r = parseGemfile('Gemfile', 'gem "#{name}-core"\nGEMS.each { |g| gem g }\neval_gemfile "Gemfile.local"\ngem\n');
    assert.deepEqual(r.packages, []);
    assert.deepEqual(r.errors, []);
  });

  it('keeps block nesting through heredocs, %w literals and conditionals', () => {
    const source = [
      'DESC = <<~TXT',
      '  gem "not-a-gem"',
      '  end',
      'TXT',
      "group :test do",
      '  PLATFORMS = %w[ruby jruby]',
      '  gem "a" unless ENV["CI"]',
      '  x = if true then 1 else 2 end',
      '  gem "b"',
      'end',
      'gem "c"',
    ].join('\n');
    const r = parseGemfile('Gemfile', source);
    assert.deepEqual(r.packages.map((p) => [p.name, p.groups]), [['a', ['test']], ['b', ['test']], ['c', []]]);
  });

  it('gives one error where an unterminated string starts', () => {
    const r = parseGemfile('Gemfile', 'source "https://rubygems.org"\n\ngem "rails", "~> 7.0\ngem "pg"\n');
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]!.severity, 'error');
    assert.equal(r.errors[0]!.range.start.line, 3);
    assert.deepEqual(r.packages, []);
  });
});
