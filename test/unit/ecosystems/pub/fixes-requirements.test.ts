import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../../../../server/src/core/edits';
import { pubFixes, upgradedPubConstraint } from '../../../../server/src/ecosystems/pub/fixes';
import { parsePubspecYaml } from '../../../../server/src/ecosystems/pub/pubspec-yaml';
import { pubRequirements } from '../../../../server/src/ecosystems/pub/requirements';
import type { ParsedFile, VersionInterval } from '../../../../server/src/ecosystems/types';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/pub/scenarios');
const parsed = (text: string): ParsedFile => ({ path: '/w/pubspec.yaml', text, result: parsePubspecYaml('/w/pubspec.yaml', text) });

describe('pub constraint semantics', () => {
  const exact: Array<[string, string | undefined]> = [
    ['1.8.3', '1.8.3'],
    ['1.0.0-dev.1+build', '1.0.0-dev.1+build'],
    ['^1.8.3', undefined],
    ['any', undefined],
    ['>=1.0.0 <2.0.0', undefined],
  ];
  for (const [req, want] of exact) it(`exact(${req}) = ${want}`, () => assert.equal(pubRequirements.exact(req), want));

  const admits: Array<[string, VersionInterval, boolean | undefined]> = [
    ['^1.1.0', { introduced: '0', fixed: '1.1.2' }, true],
    ['^1.1.2', { introduced: '0', fixed: '1.1.2' }, false],
    ['^1.1.0', { introduced: '2.0.0', fixed: '2.0.1' }, false],
    ['^0.13.4', { introduced: '0.13.5', fixed: '0.14.0' }, true],
    ['^0.13.4', { introduced: '0.14.0', fixed: '0.15.0' }, false],
    // pub's caret below 1.0.0 stops at the next minor, also for 0.0.x
    ['^0.0.3', { introduced: '0.0.9', fixed: '0.0.10' }, true],
    ['1.8.3', { introduced: '1.8.0', lastAffected: '1.8.3' }, true],
    ['1.8.3', { introduced: '1.8.4' }, false],
    ['>=0.18.0 <0.20.0', { introduced: '0.19.0', fixed: '0.19.1' }, true],
    ['>=0.18.0 <0.20.0', { introduced: '0.20.0', fixed: '0.21.0' }, false],
    ['>0.18.0', { introduced: '0', lastAffected: '0.18.0' }, false],
    ['any', { introduced: '5.0.0', fixed: '5.0.1' }, true],
    ['^1.0', { fixed: '2.0.0' }, undefined],
  ];
  for (const [req, interval, want] of admits) {
    it(`admits(${req}, ${JSON.stringify(interval)}) = ${want}`, () => assert.equal(pubRequirements.admits(req, interval), want));
  }
});

describe('pubspec.yaml fixes', () => {
  const styles: Array<[string, string, string]> = [
    ['^1.1.0', '1.1.2', '^1.1.2'],
    ['1.8.3', '1.9.0', '1.9.0'],
    ['>=0.18.0 <0.20.0', '0.19.1', '>=0.19.1 <0.20.0'],
    ['>=0.18.0 <0.20.0', '0.20.1', '^0.20.1'],
    ['>0.18.0', '0.19.0', '>=0.19.0'],
    ['any', '2.0.0', '^2.0.0'],
  ];
  for (const [from, version, to] of styles) it(`${from} → ${to} for ${version}`, () => assert.equal(upgradedPubConstraint(from, version), to));

  const text = readFileSync(join(ROOT, 'pubspec.yaml'), 'utf8');
  const manifest = parsed(text);
  const edits: Array<[string, string, string, string]> = [
    ['dependencies:http', '1.1.2', 'http: ^1.1.0', 'http: ^1.1.2'],
    ['dependencies:path', '1.9.0', 'path: 1.8.3', 'path: 1.9.0'],
    ['dependencies:intl', '0.19.1', "intl: '>=0.18.0 <0.20.0'", "intl: '>=0.19.1 <0.20.0'"],
    ['dependencies:any_pkg', '2.0.0', 'any_pkg: any', 'any_pkg: ^2.0.0'],
    ['dependencies:collection', '1.18.0', 'version: ^1.17.0 # kept', 'version: ^1.18.0 # kept'],
    ['dev_dependencies:lints', '3.0.1', 'lints: "^3.0.0"', 'lints: "^3.0.1"'],
  ];
  for (const [id, version, from, to] of edits) {
    it(`upgrade ${id} keeps the YAML valid and the style`, () => {
      const pkg = manifest.result.packages.find((p) => p.id === id)!;
      const out = applyEdits(text, pubFixes.upgrade(manifest, pkg, version)!);
      assert.equal(out, text.replace(from, to));
      const again = parsePubspecYaml('/w/pubspec.yaml', out);
      assert.deepEqual(again.errors, []);
      assert.ok(pubRequirements.admits(again.packages.find((p) => p.id === id)!.requirement!, { introduced: version, lastAffected: version }));
    });
  }

  it('git, path, sdk and other-server packages are not rewritten', () => {
    for (const id of ['dependencies:from_git', 'dependencies:local_pkg', 'dependencies:flutter', 'dependencies:private_pkg']) {
      assert.equal(pubFixes.upgrade(manifest, manifest.result.packages.find((p) => p.id === id)!, '9.9.9'), undefined, id);
    }
  });

  it('override: appended to an existing dependency_overrides map, with flutter pub get for a Flutter app', () => {
    const fix = pubFixes.override!(manifest, 'async', '2.11.1', 'pub/pubspec-lock')!;
    assert.deepEqual(fix.command, { command: 'flutter', args: ['pub', 'get'] });
    const out = applyEdits(text, fix.edits);
    assert.equal(out, text.replace('  meta: 1.9.1\n', '  meta: 1.9.1\n  async: ^2.11.1\n'));
    const again = parsePubspecYaml('/w/pubspec.yaml', out).packages.find((p) => p.id === 'dependency_overrides:async')!;
    assert.deepEqual([again.requirement, again.groups], ['^2.11.1', ['override']]);
  });

  it('override: an existing override is moved in its own style', () => {
    const fix = pubFixes.override!(manifest, 'meta', '1.10.0', undefined)!;
    assert.equal(applyEdits(text, fix.edits), text.replace('  meta: 1.9.1', '  meta: 1.10.0'));
  });

  it('override: a pubspec without dependency_overrides gets the section, with dart pub get', () => {
    const plain = 'name: tool\ndependencies:\n    args: ^2.4.0\n';
    const fix = pubFixes.override!(parsed(plain), 'collection', '1.18.0', undefined)!;
    assert.deepEqual(fix.command, { command: 'dart', args: ['pub', 'get'] });
    const out = applyEdits(plain, fix.edits);
    assert.equal(out, `${plain}\ndependency_overrides:\n    collection: ^1.18.0\n`);
    assert.deepEqual(parsePubspecYaml('/w/pubspec.yaml', out).packages.map((p) => p.id), ['dependencies:args', 'dependency_overrides:collection']);
  });

  it('override: an empty dependency_overrides key gets its first entry', () => {
    const plain = 'name: tool\ndependency_overrides:\ndependencies:\n  args: ^2.4.0\n';
    const out = applyEdits(plain, pubFixes.override!(parsed(plain), 'collection', '1.18.0', undefined)!.edits);
    assert.equal(out, 'name: tool\ndependency_overrides:\n  collection: ^1.18.0\ndependencies:\n  args: ^2.4.0\n');
    assert.deepEqual(parsePubspecYaml('/w/pubspec.yaml', out).errors, []);
  });
});
