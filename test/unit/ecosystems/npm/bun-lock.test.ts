import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertSpliceNeverThrows } from '../../../support/parser-fuzz';
import { DependencyGraph } from '../../../../server/src/analysis/paths';
import { LineIndex, type Range } from '../../../../server/src/core/text-range';
import { npmEcosystem } from '../../../../server/src/ecosystems/npm';
import { jsoncToJson } from '../../../../server/src/ecosystems/npm/bun-jsonc';
import { parseBunLock } from '../../../../server/src/ecosystems/npm/bun-lock';

const DIR = join(__dirname, '../../../fixtures/ecosystems/npm/bun-lock');
const read = (rel: string) => readFileSync(join(DIR, rel), 'utf8');
const parse = (rel: string) => parseBunLock(join(DIR, rel), read(rel));
const slice = (text: string, range: Range | undefined) => {
  const index = new LineIndex(text);
  return range ? text.slice(index.offset(range.start), index.offset(range.end)) : undefined;
};

describe('bun.lock', () => {
  describe('positions', () => {
    const files = [...readdirSync(join(DIR, 'osv-scalibr')).filter((f) => f.endsWith('.json5')).map((f) => `osv-scalibr/${f}`), 'scenarios/workspace/bun.lock'];
    for (const file of files) {
      it(`${file}: version ranges slice to the version in the resolution, name ranges to the key's last name`, () => {
        const text = read(file);
        for (const pkg of parseBunLock(file, text).packages) {
          if (pkg.source === 'registry') assert.equal(slice(text, pkg.versionRange), pkg.version, pkg.id);
          assert.equal(slice(text, pkg.nameRange), pkg.alias ?? pkg.name, pkg.id);
        }
      });
    }
  });

  it('nested keys resolve like node_modules folders: the nearest copy wins', () => {
    const result = parse('osv-scalibr/nested-dependencies-dup.json5');
    const byId = new Map(result.packages.map((p) => [p.id, p]));
    assert.deepEqual(byId.get('supports-color')!.dependencies, ['supports-color/has-flag']);
    assert.equal(byId.get('supports-color/has-flag')!.version, '4.0.0');
    assert.equal(byId.get('has-flag')!.version, '2.0.0');
    assert.deepEqual(result.importers![0]!.dependencies.sort(), ['chalk', 'has-flag', 'supports-color']);
    const graph = new DependencyGraph(result.packages);
    assert.deepEqual(graph.pathsTo('color-name', ['chalk']).get('chalk'), ['chalk', 'ansi-styles', 'color-convert', 'color-name']);
    // chalk is a devDependency: everything only it reaches is dev too.
    assert.deepEqual(byId.get('color-name')!.groups, ['dev']);
    assert.deepEqual(byId.get('supports-color/has-flag')!.groups, []);
  });

  it('an alias is keyed by the name the project uses; the resolution names the real package', () => {
    const result = parse('osv-scalibr/alias.json5');
    const old = result.packages.find((p) => p.id === 'supports-color-old')!;
    assert.deepEqual([old.name, old.version, old.alias, old.direct], ['supports-color', '6.1.0', 'supports-color-old', true]);
    assert.deepEqual(old.dependencies, ['supports-color-old/has-flag']);
    assert.equal(result.importers![0]!.requirements!['supports-color-old'], 'npm:supports-color@^6.0.0');
  });

  it('optional dependencies and what only they reach are optional; integrity is kept', () => {
    const pkgs = parse('osv-scalibr/optional-package.json5').packages;
    assert.deepEqual(Object.fromEntries(pkgs.map((p) => [p.name, p.groups])), { acorn: [], fsevents: ['optional'], nan: ['optional'] });
    assert.match(pkgs[0]!.integrity!, /^sha512-/);
  });

  it('peer dependencies that bun installed are edges', () => {
    const pkgs = parse('osv-scalibr/peer-dependencies-implicit.json5').packages;
    assert.deepEqual(pkgs.find((p) => p.name === 'acorn-jsx')!.dependencies, ['acorn']);
  });

  it('a GitHub dependency is git, with its commit, and no registry version', () => {
    const [pkg] = parse('osv-scalibr/blog-sample.json5').packages;
    assert.deepEqual([pkg!.name, pkg!.version, pkg!.source, pkg!.commit, pkg!.alias], ['uWebSockets.js', '', 'git', '6609a88', 'uWebSocket.js']);
  });

  describe('workspaces', () => {
    const result = parse('scenarios/workspace/bun.lock');
    const byId = new Map(result.packages.map((p) => [p.id, p]));

    it('every workspace is an importer with its declared requirements', () => {
      assert.deepEqual(
        result.importers!.map((i) => [i.path, i.name, i.dependencies, i.requirements]),
        [
          ['', 'demo', ['lodash', 'ms'], { lodash: '^4.17.21', ms: '0.7.0' }],
          ['packages/app', '@demo/app', ['@demo/lib', 'lodash-alias', 'mkdirp'], { '@demo/lib': 'workspace:*', 'lodash-alias': 'npm:lodash@4.17.20', mkdirp: '^0.5.5' }],
          ['packages/lib', '@demo/lib', ['@demo/lib/lodash'], { lodash: '^4.17.20' }],
        ],
      );
    });

    it("a member's own copy (keyed under the member's name) wins over the hoisted one", () => {
      assert.equal(byId.get('@demo/lib/lodash')!.version, '4.17.20');
      assert.equal(byId.get('lodash')!.version, '4.17.21');
    });

    it('members are workspace packages whose dependencies are their workspace’s', () => {
      const lib = byId.get('@demo/lib')!;
      assert.deepEqual([lib.source, lib.version, lib.dependencies], ['workspace', '1.0.0', ['@demo/lib/lodash']]);
      const graph = new DependencyGraph(result.packages);
      assert.deepEqual(graph.pathsTo('@demo/lib/lodash', ['@demo/lib']).get('@demo/lib'), ['@demo/lib', '@demo/lib/lodash']);
      assert.deepEqual(byId.get('ms')!.groups, ['dev']);
      assert.deepEqual(byId.get('minimist')!.groups, []);
    });
  });

  describe('JSONC', () => {
    it('trailing commas and comments become spaces: offsets are kept, strings untouched', () => {
      const text = '{\n  // a comment\n  "a": ["x, }", "y",], /* b */\n  "b": "//not a comment",\n}\n';
      const json = jsoncToJson(text);
      assert.equal(json.length, text.length);
      assert.deepEqual(JSON.parse(json), { a: ['x, }', 'y'], b: '//not a comment' });
    });

    it('a commented bun.lock still reads', () => {
      const text = read('osv-scalibr/two-packages.json5').replace('"packages": {', '"packages": { // resolved\n');
      assert.deepEqual(parseBunLock('bun.lock', text).packages.map((p) => p.id), ['has-flag', 'wrappy']);
    });
  });

  describe('malformed input: one error where it breaks', () => {
    const MALFORMED: Array<{ name: string; text: string; at: [number, number]; message: RegExp }> = [
      { name: 'a missing comma', text: '{\n  "lockfileVersion": 1\n  "packages": {},\n}', at: [2, 2], message: /could not parse bun\.lock at 3:3: comma expected/ },
      { name: 'truncated', text: '{\n  "lockfileVersion": 1,\n  "packages": {\n    "a": ["a@1.0.0", "",', at: [3, 24], message: /could not parse bun\.lock at 4:25/ },
      { name: 'not an object', text: '[]', at: [0, 0], message: /the top level is not a JSON object/ },
      { name: 'packages is a list', text: '{ "packages": [] }', at: [0, 0], message: /"packages" is not an object/ },
    ];
    for (const row of MALFORMED) {
      it(row.name, () => {
        const result = parseBunLock('/p/bun.lock', row.text);
        assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
        assert.deepEqual([result.errors[0]!.range.start.line, result.errors[0]!.range.start.character], row.at, result.errors[0]!.message);
        assert.match(result.errors[0]!.message, row.message);
      });
    }

    it('entries bun would not read either are skipped, not fatal', () => {
      const text = '{ "packages": { "a": "a@1.0.0", "b": [], "c": ["no-version"], "d": ["d@1.0.0", "", {}, ""], "e": ["e@root:"] } }';
      assert.deepEqual(parseBunLock('bun.lock', text).packages.map((p) => p.id), ['d']);
    });

    it('a tuple whose first item is not "name@version" is a warning at that entry, and the rest is read', () => {
      const file = 'scenarios/malformed-tuple/bun.lock';
      const text = read(file);
      const result = parse(file);
      assert.deepEqual(result.packages.map((p) => `${p.name}@${p.version}`), ['lodash@4.17.20']);
      assert.deepEqual(
        result.errors.map((e) => [e.severity, e.range.start.line, e.message.replace(/^.*is skipped: /, '')]),
        [
          ['warning', 13, 'its first item is not a "name@version" string'],
          ['warning', 17, 'its first item is not a "name@version" string'],
        ],
      );
      // The warning covers the tuple itself.
      assert.ok(slice(text, result.errors[0]!.range)!.startsWith('[{ "name": "left-pad" }'));
    });
  });

  it('lockfile command: bun install --lockfile-only', () => {
    assert.deepEqual(npmEcosystem.lockfileCommand!('npm/bun-lock'), { command: 'bun', args: ['install', '--lockfile-only'] });
  });

  describe('never throws or hangs on mutated lockfiles', () => {
    for (const file of ['scenarios/workspace/bun.lock', 'osv-scalibr/nested-dependencies-dup.json5']) {
      it(file, () => {
        const base = read(file);
        assertSpliceNeverThrows(parseBunLock, 'bun.lock', base, { maxCut: 40, numRuns: 400, seed: 3, punctuation: ['"', ':', ' ', '\n', ',', '/', '*', '@', '[', ']', '{', '}', '\\', 'a', '1'] });
      });
    }
  });
});
