import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits } from '../../../../server/src/core/edits';
import { LineIndex } from '../../../../server/src/core/text-range';
import { npmFixes, upgradedRange } from '../../../../server/src/ecosystems/npm/fixes';
import { parsePackageJson } from '../../../../server/src/ecosystems/npm/package-json';
import { npmRequirements } from '../../../../server/src/ecosystems/npm/requirements';
import { classifySpec } from '../../../../server/src/ecosystems/npm/spec';

const manifest = (deps: Record<string, unknown>) => JSON.stringify(deps, null, 2) + '\n';

describe('package.json', () => {
  it('reads every dependency section with its group, requirement and exact ranges', () => {
    const text = manifest({ name: 'app', dependencies: { lodash: '^4.17.15' }, devDependencies: { mocha: '10.0.0' }, optionalDependencies: { fsevents: '~2.3.0' }, peerDependencies: { react: '>=17' } });
    const { packages } = parsePackageJson('package.json', text);
    const index = new LineIndex(text);
    const slice = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => text.slice(index.offset(r.start), index.offset(r.end));
    assert.deepEqual(
      packages.map((p) => [p.name, p.requirement, p.version, p.groups, slice(p.versionRange!), slice(p.nameRange!)]),
      [
        ['lodash', '^4.17.15', '', [], '^4.17.15', 'lodash'],
        ['mocha', '10.0.0', '10.0.0', ['dev'], '10.0.0', 'mocha'],
        ['fsevents', '~2.3.0', '', ['optional'], '~2.3.0', 'fsevents'],
        ['react', '>=17', '', ['peer'], '>=17', 'react'],
      ],
    );
  });

  const SPECS: Array<[string, string, string, string]> = [
    ['lodash', '^4.0.0', 'registry', 'lodash'],
    ['my-lodash', 'npm:lodash@^4.17.0', 'registry', 'lodash'],
    ['local', 'file:../local', 'path', 'local'],
    ['rel', './vendor/rel', 'path', 'rel'],
    ['linked', 'link:../linked', 'link', 'linked'],
    ['ws', 'workspace:*', 'workspace', 'ws'],
    ['gh', 'github:user/repo#v1', 'git', 'gh'],
    ['short', 'user/repo', 'git', 'short'],
    ['giturl', 'git+https://github.com/a/b.git', 'git', 'giturl'],
    ['tarball', 'https://example.com/a.tgz', 'url', 'tarball'],
    ['tag', 'latest', 'registry', 'tag'],
  ];
  for (const [key, spec, source, name] of SPECS) {
    it(`classifies "${key}": "${spec}" as ${source}`, () => {
      const s = classifySpec(key, spec);
      assert.deepEqual([s.source, s.name], [source, name]);
    });
  }

  const UPGRADES: Array<[string, string, string]> = [
    ['^4.17.15', '4.17.21', '^4.17.21'],
    ['~4.17.15', '4.17.21', '~4.17.21'],
    ['4.17.15', '4.17.21', '4.17.21'],
    ['=4.17.15', '4.17.21', '=4.17.21'],
    ['>=4.17.15', '4.17.21', '>=4.17.21'],
    ['v4.17.15', '4.17.21', '4.17.21'],
    ['4.x', '4.17.21', '^4.17.21'],
    ['>=4 <5', '4.17.21', '^4.17.21'],
    ['*', '4.17.21', '^4.17.21'],
  ];
  for (const [from, version, want] of UPGRADES) {
    it(`upgrading "${from}" to ${version} writes "${want}"`, () => assert.equal(upgradedRange(from, version), want));
  }

  it('upgrading an alias keeps the alias prefix and the file formatting', () => {
    const text = '{\n\t"dependencies": {\n\t\t"my-lodash": "npm:lodash@^4.17.0"\n\t}\n}\n';
    const file = { path: 'package.json', text, result: parsePackageJson('package.json', text) };
    const edits = npmFixes.upgrade(file, file.result.packages[0]!, '4.17.21')!;
    assert.equal(applyEdits(text, edits), text.replace('npm:lodash@^4.17.0', 'npm:lodash@^4.17.21'));
  });

  it('adds an npm override in the file own indentation, creating the object', () => {
    const text = '{\n    "name": "x",\n    "dependencies": {\n        "express": "4.16.0"\n    }\n}\n';
    const file = { path: 'package.json', text, result: parsePackageJson('package.json', text) };
    const fix = npmFixes.override!(file, 'qs', '6.5.3', 'npm/package-lock')!;
    assert.equal(fix.title, 'Add npm override qs@^6.5.3');
    assert.equal(applyEdits(text, fix.edits), '{\n    "name": "x",\n    "dependencies": {\n        "express": "4.16.0"\n    },\n    "overrides": {\n        "qs": "^6.5.3"\n    }\n}\n');
  });

  it('reads overrides, resolutions and pnpm overrides with the lockfiles each applies to', () => {
    const text = manifest({ overrides: { qs: '^6.5.3', foo: { '.': '1.0.0', bar: '2.0.0' } }, resolutions: { '**/@s/z': '3' }, pnpm: { overrides: { 'a>b': '5' } } });
    const overrides = parsePackageJson('package.json', text).project!.overrides!;
    assert.deepEqual(overrides.map((o) => [o.name, o.requirement, o.appliesTo.includes('npm/package-lock'), o.appliesTo.includes('npm/pnpm-lock')]), [
      ['qs', '^6.5.3', true, false],
      ['bar', '2.0.0', true, false],
      ['foo', '1.0.0', true, false],
      ['@s/z', '3', false, true],
      ['b', '5', false, true],
    ]);
  });

  const ADMITS: Array<[string, { introduced?: string; fixed?: string; lastAffected?: string }, boolean | undefined]> = [
    ['^4.0.0', { introduced: '0', fixed: '4.17.21' }, true],
    ['^4.17.21', { introduced: '0', fixed: '4.17.21' }, false],
    ['>=5', { introduced: '0', fixed: '4.17.21' }, false],
    ['~0.7.1', { introduced: '0', lastAffected: '0.7.0' }, false],
    ['1.x', { introduced: '1.0', fixed: '2.0.0' }, true],
    ['latest', { introduced: '0', fixed: '1.0.0' }, undefined],
  ];
  for (const [range, interval, want] of ADMITS) {
    it(`"${range}" admits ${JSON.stringify(interval)}: ${want}`, () => assert.equal(npmRequirements.admits(range, interval), want));
  }

  it('exact pins are recognised, ranges are not', () => {
    assert.deepEqual(['4.17.15', '=4.17.15', 'v4.17.15', '^4.17.15', '4.17', '*', 'latest'].map((r) => npmRequirements.exact(r)), ['4.17.15', '4.17.15', '4.17.15', undefined, undefined, undefined, undefined]);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => Array.isArray(parsePackageJson('package.json', text).packages)), { numRuns: 500, seed: 7 });
  });
});
