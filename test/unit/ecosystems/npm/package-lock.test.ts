import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertSpliceNeverThrows } from '../../../support/parser-fuzz';
import { LineIndex, type Range } from '../../../../server/src/core/text-range';
import { parsePackageLock } from '../../../../server/src/ecosystems/npm/package-lock';
import { DependencyGraph } from '../../../../server/src/analysis/paths';

const REAL = join(__dirname, '../../../fixtures/realworld');
const slice = (text: string, range: Range | undefined) => {
  const index = new LineIndex(text);
  return range ? text.slice(index.offset(range.start), index.offset(range.end)) : undefined;
};

describe('package-lock.json', () => {
  const GOOF = [
    { name: 'v1 (goof 2021)', file: 'nodejs-goof-2021-lockfile-v1/package-lock.json' },
    { name: 'v2 (goof 2022)', file: 'nodejs-goof-2022-lockfile-v2/package-lock.json' },
  ];
  for (const { name, file } of GOOF) {
    it(`${name}: every entry's version and name ranges slice to exactly the version and the key`, () => {
      const text = readFileSync(join(REAL, file), 'utf8');
      const result = parsePackageLock(file, text);
      assert.equal(result.errors.length, 0);
      assert.ok(result.packages.length > 1000);
      for (const pkg of result.packages) {
        if (pkg.source === 'registry') assert.equal(slice(text, pkg.versionRange), pkg.version, pkg.id);
        const key = slice(text, pkg.nameRange)!;
        assert.ok(pkg.id.endsWith(key) || key.endsWith(pkg.alias ?? pkg.name), `${pkg.id}: ${key}`);
      }
    });
  }

  it('v2: direct dependencies come from the root entry, with its declared requirements', () => {
    const text = readFileSync(join(REAL, 'nodejs-goof-2022-lockfile-v2/package-lock.json'), 'utf8');
    const manifest = JSON.parse(readFileSync(join(REAL, 'nodejs-goof-2022-lockfile-v2/package.json'), 'utf8'));
    const result = parsePackageLock('package-lock.json', text);
    const root = result.importers!.find((i) => i.path === '')!;
    const declared = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).sort();
    assert.deepEqual(root.dependencies.map((id) => id.replace('node_modules/', '')).sort(), declared);
    assert.equal(root.requirements!.lodash, '4.17.4');
    assert.deepEqual(result.packages.filter((p) => p.direct).map((p) => p.name).sort(), declared);
  });

  it('v2: edges follow node resolution, nested copies first (a path from a direct dependency down)', () => {
    const result = parsePackageLock('package-lock.json', readFileSync(join(REAL, 'nodejs-goof-2022-lockfile-v2/package-lock.json'), 'utf8'));
    const graph = new DependencyGraph(result.packages);
    const path = graph.pathsTo('node_modules/humanize-ms/node_modules/ms', ['node_modules/humanize-ms']).get('node_modules/humanize-ms');
    assert.deepEqual(path, ['node_modules/humanize-ms', 'node_modules/humanize-ms/node_modules/ms']);
    const deep = result.packages.find((p) => p.name === 'decode-uri-component')!;
    const tapPath = graph.pathsTo(deep.id, ['node_modules/tap']).get('node_modules/tap')!;
    assert.deepEqual(tapPath.map((id) => graph.package(id)!.name), ['tap', 'nyc', 'micromatch', 'snapdragon', 'source-map-resolve', 'decode-uri-component']);
  });

  it('v2 with workspaces (npm/cli): each workspace folder is an importer with its own direct dependencies', () => {
    const result = parsePackageLock('package-lock.json', readFileSync(join(REAL, 'npm-cli-2021-lockfile-v2/package-lock.json'), 'utf8'));
    const paths = result.importers!.map((i) => i.path);
    assert.ok(paths.includes(''));
    assert.deepEqual(paths.sort(), ['', 'docs', 'packages/libnpmdiff']);
    const diff = result.importers!.find((i) => i.path === 'packages/libnpmdiff')!;
    assert.equal(diff.name, 'libnpmdiff');
    assert.ok(diff.dependencies.includes('node_modules/diff'), diff.dependencies.join(', '));
    assert.equal(diff.requirements!.diff, '^5.0.0');
    const member = result.packages.find((p) => p.id === 'packages/libnpmdiff')!;
    assert.equal(member.source, 'workspace');
  });

  it('v1: aliases report the real package name and keep the alias', () => {
    const text = readFileSync(join(__dirname, '../../../fixtures/ecosystems/npm/package-lock/osv-scanner-v1.9.2/alias.v1.json'), 'utf8');
    const pkg = parsePackageLock('package-lock.json', text).packages.find((p) => p.alias === 'string-width-cjs')!;
    assert.deepEqual([pkg.name, pkg.version], ['string-width', '4.2.0']);
  });

  it('git and file dependencies are returned but marked, never registry', () => {
    const text = readFileSync(join(__dirname, '../../../fixtures/ecosystems/npm/package-lock/osv-scanner-v1.9.2/commits.v2.json'), 'utf8');
    const pkgs = parsePackageLock('package-lock.json', text).packages;
    const pixel = pkgs.find((p) => p.name === '@segment/analytics.js-integration-facebook-pixel')!;
    assert.deepEqual([pixel.source, pixel.commit], ['git', '3b1bb80b302c2e552685dc8a029797ec832ea7c9']);
    const files = parsePackageLock('package-lock.json', readFileSync(join(__dirname, '../../../fixtures/ecosystems/npm/package-lock/osv-scanner-v1.9.2/files.v2.json'), 'utf8')).packages;
    assert.equal(files.find((p) => p.id === 'deps/etag')!.source, 'path');
  });

  const MALFORMED: Array<{ name: string; text: string; at: [number, number]; message: RegExp }> = [
    { name: 'a missing comma', text: '{\n  "lockfileVersion": 3\n  "packages": {}\n}', at: [2, 2], message: /at 3:3: comma expected/ },
    { name: 'truncated', text: '{\n  "lockfileVersion": 3,\n  "packages": {\n', at: [3, 0], message: /close brace expected|value expected|end of file/ },
    { name: 'not an object', text: '[1, 2]', at: [0, 0], message: /the top level is not a JSON object/ },
    { name: 'packages is not an object but dependencies is a string', text: '{"dependencies": "x"}', at: [0, 0], message: /"dependencies" is not an object/ },
  ];
  for (const row of MALFORMED) {
    it(`malformed: ${row.name} gives one error where it breaks`, () => {
      const result = parsePackageLock('package-lock.json', row.text);
      assert.equal(result.errors.length, 1);
      assert.deepEqual([result.errors[0]!.range.start.line, result.errors[0]!.range.start.character], row.at);
      assert.match(result.errors[0]!.message, row.message);
    });
  }

  it('never throws or hangs on mutated real lockfiles', () => {
    const base = readFileSync(join(__dirname, '../../../fixtures/ecosystems/npm/package-lock/osv-scanner-v1.9.2/nested-dependencies.v2.json'), 'utf8');
    assertSpliceNeverThrows(parsePackageLock, 'package-lock.json', base, { maxCut: 50, numRuns: 400, seed: 42 });
  });
});
