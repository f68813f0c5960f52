import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePubspecLock } from '../../../../server/src/ecosystems/pub/pubspec-lock';
import { parsePubspecYaml, usesFlutter } from '../../../../server/src/ecosystems/pub/pubspec-yaml';
import { slice } from '../../../support/parse-results';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/pub');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

describe('pubspec.yaml parser', () => {
  const text = read('scenarios/pubspec.yaml');
  const result = parsePubspecYaml('/w/pubspec.yaml', text);

  it('reads the project', () => {
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.project, { name: 'my_app', version: '1.2.0+3' });
    assert.ok(usesFlutter(result));
  });

  type Row = [id: string, name: string, requirement: string, version: string, groups: string[], source: string, versionText: string | undefined];
  const rows: Row[] = [
    ['dependencies:flutter', 'flutter', 'any', '', [], 'path', undefined],
    ['dependencies:http', 'http', '^1.1.0', '', [], 'registry', '^1.1.0'],
    ['dependencies:path', 'path', '1.8.3', '1.8.3', [], 'registry', '1.8.3'],
    ['dependencies:intl', 'intl', '>=0.18.0 <0.20.0', '', [], 'registry', '>=0.18.0 <0.20.0'],
    ['dependencies:any_pkg', 'any_pkg', 'any', '', [], 'registry', 'any'],
    ['dependencies:bare', 'bare', 'any', '', [], 'registry', undefined],
    ['dependencies:collection', 'collection', '^1.17.0', '', [], 'registry', '^1.17.0'],
    ['dependencies:private_pkg', 'private_pkg', '^2.0.0', '', [], 'url', '^2.0.0'],
    ['dependencies:renamed_hosted', 'real_name', '^3.0.0', '', [], 'registry', '^3.0.0'],
    ['dependencies:from_git', 'from_git', 'any', '', [], 'git', undefined],
    ['dependencies:from_git_short', 'from_git_short', 'any', '', [], 'git', undefined],
    ['dependencies:local_pkg', 'local_pkg', 'any', '', [], 'path', undefined],
    ['dev_dependencies:flutter_test', 'flutter_test', 'any', '', ['dev'], 'path', undefined],
    ['dev_dependencies:build_runner', 'build_runner', '^2.4.6', '', ['dev'], 'registry', '^2.4.6'],
    ['dev_dependencies:lints', 'lints', '^3.0.0', '', ['dev'], 'registry', '^3.0.0'],
    ['dependency_overrides:meta', 'meta', '1.9.1', '1.9.1', ['override'], 'registry', '1.9.1'],
  ];
  it('one package per entry', () => assert.deepEqual(result.packages.map((p) => p.id), rows.map((r) => r[0])));
  for (const [id, name, requirement, version, groups, source, versionText] of rows) {
    it(`${id}: ${requirement}`, () => {
      const pkg = result.packages.find((p) => p.id === id)!;
      assert.deepEqual([pkg.ecosystem, pkg.name, pkg.requirement, pkg.version, pkg.groups, pkg.source, pkg.direct], ['Pub', name, requirement, version, groups, source, true]);
      assert.equal(slice(text, pkg.versionRange), versionText);
      assert.equal(slice(text, pkg.nameRange), id.split(':')[1]);
    });
  }

  it('records where non-registry packages come from', () => {
    const get = (id: string) => result.packages.find((p) => p.id === id)!;
    assert.deepEqual([get('dependencies:from_git').resolved, get('dependencies:from_git').commit], ['https://github.com/o/r.git', '0123456789abcdef0123456789abcdef01234567']);
    assert.equal(get('dependencies:from_git_short').resolved, 'https://github.com/o/s.git');
    assert.equal(get('dependencies:local_pkg').resolved, '../local_pkg');
    assert.equal(get('dependencies:flutter').resolved, 'sdk:flutter');
    assert.equal(get('dependencies:private_pkg').resolved, 'https://pub.example.com');
    assert.equal(get('dependencies:renamed_hosted').alias, 'renamed_hosted');
  });

  it('a pub workspace root lists its members', () => {
    const r = parsePubspecYaml('/w/pubspec.yaml', 'name: _\nenvironment:\n  sdk: ^3.6.0\nworkspace:\n  - pkgs/a\n  - pkgs/b\n');
    assert.deepEqual(r.project, { name: '_', workspaces: ['pkgs/a', 'pkgs/b'] });
  });

  it('malformed YAML is one error at the position yaml reports', () => {
    const r = parsePubspecYaml('/w/pubspec.yaml', 'name: x\ndependencies:\n  http: ^1.0.0\n\tpath: 1.0.0\n');
    assert.equal(r.errors.length, 1);
    assert.deepEqual(r.errors[0]!.range.start, { line: 3, character: 0 });
    assert.equal(r.errors[0]!.message, 'could not parse pubspec.yaml at 4:1: Tabs are not allowed as indentation');
    assert.deepEqual(r.packages, []);
  });
});

describe('pubspec.lock parser', () => {
  const text = read('scenarios/pubspec.lock');
  const result = parsePubspecLock('/w/pubspec.lock', text);

  it('direct flags, groups, sources and integrity come from the lock', () => {
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.packages.map((p) => [p.name, p.version, p.direct, p.groups, p.source]),
      [
        ['async', '2.11.0', false, [], 'registry'],
        ['build_runner', '2.4.8', true, ['dev'], 'registry'],
        ['flutter', '0.0.0', true, [], 'path'],
        ['http', '1.1.0', true, [], 'registry'],
        ['local_pkg', '0.1.0', true, [], 'path'],
        ['meta', '1.9.1', true, [], 'registry'],
        ['private_pkg', '2.0.1', true, [], 'url'],
      ],
    );
    const http = result.packages.find((p) => p.name === 'http')!;
    assert.equal(http.integrity, `sha256-${Buffer.from('759d1a329847dd0f39226c688d3e06a6b8679668e350e2891a6474f8b4bb8525', 'hex').toString('base64')}`);
    assert.equal(result.packages.find((p) => p.name === 'local_pkg')!.resolved, '../local_pkg');
  });

  it('one importer with the direct dependencies; no edges (the format records none)', () => {
    assert.deepEqual(result.importers, [{ path: '', dependencies: ['build_runner', 'flutter', 'http', 'local_pkg', 'meta', 'private_pkg'] }]);
    assert.ok(result.packages.every((p) => p.dependencies === undefined));
  });

  it('ranges point at the name key and the version text inside its quotes', () => {
    for (const p of result.packages) {
      assert.equal(slice(text, p.nameRange), p.id);
      assert.equal(slice(text, p.versionRange), p.version);
    }
  });

  it('a git package carries its resolved commit', () => {
    const r = parsePubspecLock('/w/pubspec.lock', read('pubspec-lock/osv-scanner-v1.9.2/source-git.lock'));
    const frb = r.packages.find((p) => p.name === 'flutter_rust_bridge')!;
    assert.deepEqual([frb.source, frb.commit, frb.resolved], ['git', 'e5adce55eea0b74d3680e66a2c5252edf17b07e1', 'https://github.com/SoLongAndThanksForAllThePizza/flutter_rust_bridge']);
  });

  it('malformed YAML is one error at its line', () => {
    const r = parsePubspecLock('/w/pubspec.lock', 'packages:\n  http:\n    version: "1.0.0"\n   source: hosted\n');
    assert.equal(r.errors.length, 1);
    assert.deepEqual(r.errors[0]!.range.start, { line: 3, character: 0 });
    assert.equal(r.errors[0]!.message, 'could not parse pubspec.lock at 4:1: All mapping items must start at the same column');
    assert.deepEqual(r.packages, []);
  });
});
