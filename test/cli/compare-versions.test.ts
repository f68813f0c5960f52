import assert from 'node:assert/strict';

// The library bundle, as other tools load it (`node esbuild.mjs --quiet` builds it; `npm test` does so first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const engine = require('../../dist/engine.js') as typeof import('../../server/src/engine');

/** Pairs each ecosystem's own tooling orders in a way naive comparison gets wrong. */
const PAIRS: Array<[ecosystem: string, a: string, b: string, want: -1 | 0 | 1]> = [
  ['npm', '1.0.0-beta.2', '1.0.0-beta.11', -1],
  ['npm', '1.0.0-alpha.beta', '1.0.0-alpha.1', 1],
  ['npm', '1.10.0', '1.9.0', 1],
  ['PyPI', '1!1.0', '2.0', 1],
  ['PyPI', '1.0.post1', '1.0', 1],
  ['PyPI', '1.0.dev1', '1.0a1', -1],
  ['PyPI', '1.0+ubuntu.1', '1.0', 1],
  ['PyPI', '1.0', '1.0.0', 0],
  ['PyPI', '1.0-RC1', '1.0rc1', 0],
  ['PyPI', '1.10', '1.9', 1],
  ['Go', 'v1.2.4-0.20210101000000-abcdef123456', 'v1.2.4', -1],
  ['Go', 'v1.2.4-0.20210101000000-abcdef123456', 'v1.2.3', 1],
  ['Go', 'v0.0.0-20210101000000-abcdef123456', 'v0.0.0', -1],
  ['Go', 'v2.0.0+incompatible', 'v2.0.0', 0],
  ['Go', '1.2.3', 'v1.2.3', 0],
  ['Go', 'go1.21rc2', 'go1.21.0', -1],
  ['Go', 'go1.21.10', 'go1.21.9', 1],
  ['crates.io', '1.0.0-alpha', '1.0.0-alpha.1', -1],
  ['crates.io', '0.0.0-0', '0.0.0', -1],
  ['crates.io', '1.0.0+build.1', '1.0.0+build.2', 0],
  ['Maven', '1.0-SNAPSHOT', '1.0', -1],
  ['Maven', '1.0.RELEASE', '1.0', 0],
  ['Maven', '4.1.77.Final', '4.1.77', 0],
  ['Maven', '1.0-M1', '1.0-rc1', -1],
  ['Maven', '1.0', '1.0-sp', -1],
  ['Maven', '1.0.0.RC1', '1.0.0-RC2', -1],
  ['Maven', '1-1', '1.0.1', -1],
  ['RubyGems', '6.1.7.1', '6.1.7', 1],
  ['RubyGems', '1.0.a', '1.0', -1],
  ['RubyGems', '1.0.B', '1.0.a', -1],
  ['RubyGems', '1.0.a', '1.a', 0],
  ['Packagist', 'v1.2.3', '1.0.0', 1],
  ['Packagist', '1.0RC1', '1.0.0-rc1', 0],
  ['Packagist', '1.0.0-beta2', '1.0.0-RC1', -1],
  ['Packagist', '1.0.0-p1', '1.0.0', 1],
  ['NuGet', '1.0', '1.0.0.0', 0],
  ['NuGet', '1.0.0.1-alpha', '1.0.0', 1],
  ['NuGet', '1.0.0-RC1', '1.0.0-rc1', 0],
  ['NuGet', '1.0.0-beta.10', '1.0.0-beta.2', 1],
  ['Pub', '1.0.0', '1.0.0+1', -1],
  ['Pub', '1.0.0-pre+build', '1.0.0', -1],
  ['Hex', '1.0.0-rc.10', '1.0.0-rc.9', 1],
  ['Hex', '1.0.0-rc.1', '1.0.0', -1],
  ['Hex', '1.0.0+build', '1.0.0', 0],
];

/** Text each ecosystem's tool refuses as a version and has no order for: compareVersions says undefined. */
const REJECTED: Array<[ecosystem: string, version: string]> = [
  ['npm', 'not-a-version'],
  ['Go', 'v1.2.3.4'],
  ['crates.io', '01.2.3'],
  ['RubyGems', '1..2'],
  ['NuGet', 'v1.0.0'],
  ['Pub', '1.2.3-'],
  ['Hex', '1.0.0-'],
];

/** Text the strict grammar rejects but the ecosystem's reference still orders (issue 12). */
const LEGACY: Array<[ecosystem: string, a: string, b: string, want: -1 | 0 | 1]> = [
  ['PyPI', '0.9-eevee', '0.9-fearow', -1],
  ['PyPI', '0.1-bulbasaur', '0.0.1', -1],
  ['PyPI', '2013-01-21T20:33:09+0100', '2013-01-23T17:11:52+0100', -1],
  ['Packagist', '3.0.0b1.post1', '3.0.0', -1],
  ['Packagist', '3.0.0b1.post1', '3.0.0b1.post2', -1],
  ['Packagist', 'dev-main', '1.0.0', -1],
  ['Maven', '${project.version}', '1.0', -1],
];

const ALL = ['npm', 'PyPI', 'Go', 'crates.io', 'Maven', 'RubyGems', 'Packagist', 'NuGet', 'Pub', 'Hex'];

describe('dist/engine.js compareVersions(ecosystem, a, b) for every OSV ecosystem name', () => {
  for (const [ecosystem, a, b, want] of PAIRS) {
    it(`${ecosystem}: ${a} vs ${b} = ${want}`, () => {
      assert.equal(engine.compareVersions(ecosystem, a, b), want);
      assert.equal(engine.compareVersions(ecosystem, b, a), -want || 0);
    });
  }

  it('the tables cover all ten ecosystems: each rejects a version, or orders one its grammar rejects', () => {
    assert.deepEqual([...new Set(PAIRS.map(([e]) => e))].sort(), [...ALL].sort());
    assert.deepEqual([...new Set([...REJECTED.map(([e]) => e), ...LEGACY.map(([e]) => e)])].sort(), [...ALL].sort());
  });

  for (const [ecosystem, version] of REJECTED) {
    it(`${ecosystem}: "${version}" cannot be ordered (undefined on either side), and nothing throws`, () => {
      assert.equal(engine.compareVersions(ecosystem, version, '1.0.0'), undefined);
      assert.equal(engine.compareVersions(ecosystem, '1.0.0', version), undefined);
    });
  }

  for (const [ecosystem, a, b, want] of LEGACY) {
    it(`${ecosystem}: ${a} vs ${b} = ${want}, as the ecosystem's reference orders it`, () => {
      assert.equal(engine.compareVersions(ecosystem, a, b), want);
      assert.equal(engine.compareVersions(ecosystem, b, a), -want || 0);
    });
  }

  for (const name of ['CPAN', 'Debian', 'pypi', 'cargo', '']) {
    it(`throws on an ecosystem it does not serve: "${name}"`, () => {
      assert.throws(() => engine.compareVersions(name, '1.0.0', '1.0.0'), (err: Error) => err instanceof TypeError && /unknown ecosystem/.test(err.message));
    });
  }
});
