import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractedPackage } from '../../../../server/src/core/package';
import { parseCargoLock } from '../../../../server/src/ecosystems/cargo/cargo-lock';
import { diskContext } from '../../../support/parse-contexts';
import { pathFromImporter as pathTo } from '../../../support/dependency-paths';
import { slice } from '../../../support/parse-results';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/cargo');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

describe('Cargo.lock parser', () => {
  describe('a workspace lockfile (v4)', () => {
    const lockPath = join(ROOT, 'scenarios/workspace/Cargo.lock');
    const text = read('scenarios/workspace/Cargo.lock');
    const result = parseCargoLock(lockPath, text, diskContext());
    const pkg = (id: string): ExtractedPackage => result.packages.find((p) => p.id === id)!;

    it('returns every crate, local ones marked', () => {
      assert.deepEqual(result.errors, []);
      assert.deepEqual(
        result.packages.map((p) => `${p.id} ${p.source}${p.direct ? ' direct' : ''}`),
        [
          'aho-corasick@1.1.2 registry',
          'cli@0.1.0 workspace',
          'core-lib@0.1.0 workspace direct',
          'helper@0.2.0 path direct',
          'memchr@2.6.4 registry',
          'private-crate@0.3.1 url direct',
          'regex@1.10.2 registry direct',
          'serde@1.0.190 registry direct',
          'serde_derive@1.0.190 registry',
          'syn@1.0.109 registry direct',
          'syn@2.0.39 registry',
          'tokio@1.34.0 git direct',
        ],
      );
    });

    it('importers are the local crates, with the folders the workspace puts them in', () => {
      assert.deepEqual(
        result.importers!.map((i) => [i.path, i.name, i.dependencies]),
        [
          ['cli', 'cli', ['core-lib@0.1.0', 'helper@0.2.0', 'private-crate@0.3.1', 'serde@1.0.190', 'tokio@1.34.0']],
          ['crates/core-lib', 'core-lib', ['serde@1.0.190', 'syn@1.0.109']],
          ['tools/helper', 'helper', ['regex@1.10.2']],
        ],
      );
      assert.deepEqual(
        result.inputs,
        ['Cargo.toml', 'crates/core-lib/Cargo.toml', 'cli/Cargo.toml', 'tools/helper/Cargo.toml'].map((f) => join(ROOT, 'scenarios/workspace', f)),
      );
    });

    it('resolves "name", "name version" and "name version (source)" edges to package ids', () => {
      assert.deepEqual(pkg('serde_derive@1.0.190').dependencies, ['syn@2.0.39']);
      assert.deepEqual(pkg('regex@1.10.2').dependencies, ['aho-corasick@1.1.2', 'memchr@2.6.4']);
      assert.deepEqual(pathTo(result, 'syn@2.0.39'), ['cli', 'serde@1.0.190', 'serde_derive@1.0.190', 'syn@2.0.39']);
      assert.deepEqual(pathTo(result, 'memchr@2.6.4'), ['cli', 'helper@0.2.0', 'regex@1.10.2', 'memchr@2.6.4']);
    });

    it('checksums become sha256 integrity; git sources give url and commit', () => {
      assert.equal(pkg('memchr@2.6.4').integrity, `sha256-${Buffer.from('f665ee40bc4a3c5590afb1e9677db74a508659dfd71e126420da8274909a0167', 'hex').toString('base64')}`);
      assert.deepEqual([pkg('tokio@1.34.0').resolved, pkg('tokio@1.34.0').commit], ['https://github.com/tokio-rs/tokio?branch=master', '9c0b2a6b6f6d5f2a1e3c4b5a6d7e8f9a0b1c2d3e']);
      assert.equal(pkg('private-crate@0.3.1').resolved, 'registry+https://my-registry.example.com/index');
    });

    it('name and version ranges point at the tokens', () => {
      for (const p of result.packages) {
        assert.equal(slice(text, p.nameRange), p.name);
        assert.equal(slice(text, p.versionRange), p.version);
      }
    });

    it('without a parse context, importers are named by crate', () => {
      const r = parseCargoLock(lockPath, text);
      assert.deepEqual(r.importers!.map((i) => i.path), ['cli', 'core-lib', 'helper']);
      assert.equal(r.inputs, undefined);
    });
  });

  it('v1: [root] is the importer, [metadata] checksums fill integrity', () => {
    const r = parseCargoLock('/w/Cargo.lock', read('scenarios/lock-v1.lock'));
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.packages.map((p) => [p.id, p.direct, p.source, p.dependencies]), [
      ['app@0.1.0', false, 'path', ['libc@0.2.40', 'rand@0.4.2']],
      ['libc@0.2.40', true, 'registry', []],
      ['rand@0.4.2', true, 'registry', ['libc@0.2.40']],
    ]);
    assert.deepEqual(r.importers, [{ path: '', name: 'app', dependencies: ['libc@0.2.40', 'rand@0.4.2'] }]);
    assert.ok(r.packages[1]!.integrity?.startsWith('sha256-'));
  });

  it('duplicate crate versions get distinct ids', () => {
    const r = parseCargoLock('/w/Cargo.lock', read('cargo-lock/osv-scalibr/duplicate.lock'));
    assert.deepEqual(r.packages.map((p) => p.id), ['syn@1.0.73', 'syn@2.0.0']);
  });

  it('not TOML: one error at the place the TOML parser stops', () => {
    const r = parseCargoLock('/w/Cargo.lock', read('cargo-lock/osv-scanner-v1.9.2/not-toml.txt'));
    assert.equal(r.errors.length, 1);
    assert.deepEqual(r.errors[0]!.range.start, { line: 0, character: 5 });
    assert.match(r.errors[0]!.message, /^could not parse Cargo.lock at 1:6: /);
  });
});
