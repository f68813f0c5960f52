import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hexFixes } from '../../../../server/src/ecosystems/hex/fixes';
import { parseMixLock } from '../../../../server/src/ecosystems/hex/mix-lock';
import { pathFromImporter as pathTo } from '../../../support/dependency-paths';
import { slice } from '../../../support/parse-results';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/hex');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

describe('mix.lock parser', () => {
  describe('many.lock (21 hex packages with dependency lists)', () => {
    const text = read('mix-lock/osv-scanner-v1.9.2/many.lock');
    const result = parseMixLock('/w/mix.lock', text);

    it('edges come from each entry’s dependency list, to packages that are locked', () => {
      assert.deepEqual(result.errors, []);
      const get = (id: string) => result.packages.find((p) => p.id === id)!;
      assert.deepEqual(get('plug').dependencies, ['mime', 'plug_crypto', 'telemetry']);
      // phoenix's optional jason and plug_cowboy are not in the lock: no edge.
      assert.deepEqual(get('phoenix').dependencies, ['phoenix_pubsub', 'plug', 'telemetry']);
      assert.deepEqual(get('backoff').dependencies, []);
    });

    it('direct = nothing else in the lock depends on it; every package has a path from the root', () => {
      const direct = result.packages.filter((p) => p.direct).map((p) => p.id);
      assert.deepEqual(direct, ['backoff', 'dialyxir', 'earmark', 'ex_doc', 'meck', 'poolboy', 'pow']);
      assert.deepEqual(result.importers, [{ path: '', dependencies: direct }]);
      assert.deepEqual(pathTo(result, 'plug_crypto'), ['', 'pow', 'plug', 'plug_crypto']);
      for (const p of result.packages) assert.ok(pathTo(result, p.id), `${p.id} is reachable`);
    });

    it('name and version ranges point at the atom and the version string', () => {
      for (const p of result.packages) {
        assert.equal(slice(text, p.nameRange), p.name);
        assert.equal(slice(text, p.versionRange), p.version);
      }
    });
  });

  describe('renamed, private, old-style and git entries', () => {
    const text = read('scenarios/mixed.lock');
    const result = parseMixLock('/w/mix.lock', text);
    const get = (id: string) => result.packages.find((p) => p.id === id)!;

    it('reads them all', () => {
      assert.deepEqual(result.errors, []);
      assert.deepEqual(
        result.packages.map((p) => [p.id, p.name, p.version, p.source, p.direct]),
        [
          ['jason', 'jason', '1.4.1', 'registry', false],
          ['my_decimal', 'decimal', '2.1.1', 'registry', true],
          ['secret_sauce', 'secret_sauce', '0.3.0', 'url', true],
          ['old_style', 'old_style', '0.1.0', 'registry', true],
          ['forked', 'forked', '', 'git', true],
        ],
      );
    });

    it('the app name is the alias of a renamed package; a private organisation is not hex.pm', () => {
      assert.equal(get('my_decimal').alias, 'my_decimal');
      assert.equal(get('secret_sauce').resolved, 'hex:hexpm:acme');
      assert.deepEqual(get('secret_sauce').dependencies, ['jason']);
    });

    it('the outer checksum is the integrity; git entries carry url and commit', () => {
      assert.equal(get('jason').integrity, `sha256-${Buffer.from('fbb01ecdfd565b56261302f7e1fcc27c4fb8f32d56eab74db621fc154604a7a1', 'hex').toString('base64')}`);
      assert.deepEqual([get('forked').resolved, get('forked').commit, slice(text, get('forked').nameRange)], ['https://github.com/acme/forked.git', 'a9574ab75d6ed01e1288c453ae1d943d7a964595', 'forked']);
    });
  });

  const malformed: Array<[string, string, number, number, RegExp]> = [
    ['unterminated map', '%{\n  "plug": {:hex, :plug, "1.11.1", "x", [:mix], [], "hexpm", "y"},\n', 2, 0, /expected "," or "}" in a map, found end of file|unexpected end of file/],
    ['missing comma', '%{\n  "a": {:hex, :a, "1.0.0"}\n  "b": {:hex, :b, "1.0.0"}\n}\n', 2, 2, /expected "," or "}" in a map/],
    ['not a term', 'this is not a lock\n', 0, 0, /expected a map/],
    ['unterminated string', '%{\n  "a": {:hex, :a, "1.0.0}\n}\n', 1, 18, /unterminated string/],
  ];
  for (const [name, text, line, character, message] of malformed) {
    it(`${name}: one error at ${line + 1}:${character + 1}`, () => {
      const r = parseMixLock('/w/mix.lock', text);
      assert.equal(r.errors.length, 1);
      assert.match(r.errors[0]!.message, message);
      assert.match(r.errors[0]!.message, /^could not parse mix.lock at \d+:\d+: /);
      assert.deepEqual(r.errors[0]!.range.start, { line, character });
      assert.deepEqual(r.packages, []);
    });
  }

  it('an empty file has no packages and no errors', () => {
    assert.deepEqual(parseMixLock('/w/mix.lock', ''), { kind: 'lockfile', packages: [], errors: [] });
  });
});

describe('Hex fixes', () => {
  it('no manifest edits; mix deps.update as the command', () => {
    const manifest = { path: '/w/mix.lock', text: '', result: parseMixLock('/w/mix.lock', '') };
    assert.equal(hexFixes.upgrade(manifest, { id: 'x', ecosystem: 'Hex', name: 'x', version: '1.0.0', direct: true, groups: [], source: 'registry' }, '1.0.1'), undefined);
    assert.deepEqual(hexFixes.override!(manifest, 'plug', '1.11.2', 'hex/mix-lock'), {
      title: 'Update plug in mix.lock (mix deps.update plug; needs 1.11.2 or later)',
      edits: [],
      command: { command: 'mix', args: ['deps.update', 'plug'] },
    });
  });
});
