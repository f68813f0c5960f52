import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseGemfileLock } from '../../../../server/src/ecosystems/rubygems/gemfile-lock';
import { pathFromDirect as pathTo } from '../../../support/dependency-paths';
import { slice } from '../../../support/parse-results';

const file = resolve(__dirname, '../../../fixtures/ecosystems/rubygems/scenarios/Gemfile.lock');
const text = readFileSync(file, 'utf8');

describe('rubygems/gemfile-lock', () => {
  const result = parseGemfileLock(file, text);
  const byId = new Map(result.packages.map((p) => [p.id, p]));

  it('reads every spec of every source section', () => {
    assert.deepEqual(result.errors, []);
    assert.equal(result.packages.length, 18);
    assert.equal(new Set(result.packages.map((p) => p.id)).size, 18);
  });

  it('puts the version range on the version (without the platform) and the name range on the name', () => {
    for (const pkg of result.packages) {
      assert.equal(slice(text, pkg.nameRange), pkg.name);
      assert.equal(slice(text, pkg.versionRange), pkg.version);
    }
    const darwin = byId.get('nokogiri@1.13.3-arm64-darwin')!;
    assert.equal(darwin.version, '1.13.3');
    assert.ok(byId.has('nokogiri@1.13.3-x86_64-linux'));
  });

  it('marks direct dependencies from DEPENDENCIES and records their requirements', () => {
    const direct = result.packages.filter((p) => p.direct).map((p) => p.name).sort();
    assert.deepEqual(direct, ['admin_kit', 'bootsnap', 'debug', 'hanami-utils', 'nokogiri', 'nokogiri', 'pg', 'puma', 'rails']);
    const importer = result.importers![0]!;
    assert.equal(importer.path, '');
    assert.equal(importer.requirements!['rails'], '~> 7.0.4, >= 7.0.4.3');
    assert.equal(importer.requirements!['bootsnap'], '');
    assert.ok(importer.dependencies.includes('rails@7.0.4.3'));
  });

  it('records edges from spec dependencies, to every platform variant', () => {
    assert.deepEqual(byId.get('rails@7.0.4.3')!.dependencies, ['actionpack@7.0.4.3', 'activesupport@7.0.4.3']);
    assert.deepEqual(byId.get('nokogiri@1.13.3-x86_64-linux')!.dependencies, ['racc@1.6.2']);
    assert.deepEqual(byId.get('concurrent-ruby@1.2.2')!.dependencies, []);
  });

  it('finds the path from a direct dependency down to a transitive one', () => {
    assert.deepEqual(pathTo(result.packages, 'rack@2.2.6.4'), ['rails@7.0.4.3', 'actionpack@7.0.4.3', 'rack@2.2.6.4']);
    assert.deepEqual(pathTo(result.packages, 'nio4r@2.5.8'), ['puma@5.6.5', 'nio4r@2.5.8']);
  });

  it('marks git and path gems as non-registry, with their remote and revision', () => {
    const git = byId.get('hanami-utils@2.0.0.alpha1')!;
    assert.equal(git.source, 'git');
    assert.equal(git.commit, '5904fc9a70683b8749aa2861257d0c8c01eae4aa');
    assert.equal(git.resolved, 'https://github.com/hanami/utils.git');
    const local = byId.get('admin_kit@0.1.0')!;
    assert.equal(local.source, 'path');
    assert.equal(local.resolved, 'engines/admin_kit');
    assert.equal(byId.get('rack@2.2.6.4')!.source, 'registry');
  });

  it('reads CRLF lockfiles the same way', () => {
    const crlf = parseGemfileLock(file, text.replace(/\n/g, '\r\n'));
    assert.deepEqual(crlf.packages.map((p) => p.id), result.packages.map((p) => p.id));
    assert.deepEqual(crlf.errors, []);
  });

  it('leaves importers undefined when there is no DEPENDENCIES section', () => {
    const r = parseGemfileLock(file, 'GEM\n  remote: https://rubygems.org/\n  specs:\n    rake (13.0.6)\n');
    assert.equal(r.importers, undefined);
    assert.equal(r.packages[0]!.direct, false);
  });

  const malformed: Array<{ name: string; text: string; line: number; severity: 'error' | 'warning'; message: RegExp }> = [
    { name: 'merge conflict markers', text: 'GEM\n  specs:\n<<<<<<< HEAD\n    rake (13.0.6)\n=======\n    rake (13.0.3)\n>>>>>>> main\n', line: 2, severity: 'error', message: /merge conflict/ },
    { name: 'a file that is not a lockfile', text: '{\n  "not": "a lockfile"\n}\n', line: 0, severity: 'error', message: /not a Gemfile\.lock/ },
    { name: 'a spec without a version', text: 'GEM\n  remote: https://rubygems.org/\n  specs:\n    rake\n', line: 3, severity: 'warning', message: /has no version/ },
    { name: 'a badly indented spec line', text: 'GEM\n  remote: https://rubygems.org/\n  specs:\n     rake (13.0.6)\n', line: 3, severity: 'warning', message: /indentation/ },
  ];
  for (const row of malformed) {
    it(`gives one ${row.severity} at the right line for ${row.name}`, () => {
      const r = parseGemfileLock(file, row.text);
      assert.equal(r.errors.length, 1, JSON.stringify(r.errors));
      assert.equal(r.errors[0]!.severity, row.severity);
      assert.equal(r.errors[0]!.range.start.line, row.line);
      assert.match(r.errors[0]!.message, row.message);
      if (row.severity === 'error') assert.deepEqual(r.packages, []);
    });
  }
});
