import assert from 'node:assert/strict';
import type { ExtractedPackage, ParseResult } from '../../../../server/src/core/package';
import { parsePdmLock } from '../../../../server/src/ecosystems/pypi/pdm-lock';
import { parsePoetryLock } from '../../../../server/src/ecosystems/pypi/poetry-lock';
import { parsePylockToml } from '../../../../server/src/ecosystems/pypi/pylock-toml';
import { parsePyprojectToml } from '../../../../server/src/ecosystems/pypi/pyproject-toml';
import { parseUvLock } from '../../../../server/src/ecosystems/pypi/uv-lock';
import { byName } from '../../../support/parse-results';
import { fixture } from './fixtures-folder';

/** The shortest path of ids from `from` to the package named `to`, following `dependencies`. */
function pathBetween(result: ParseResult, from: ExtractedPackage, to: string): string[] | undefined {
  const byId = new Map(result.packages.map((p) => [p.id, p]));
  const previous = new Map<string, string | undefined>([[from.id, undefined]]);
  const queue = [from.id];
  while (queue.length) {
    const id = queue.shift()!;
    if (byId.get(id)?.name === to) {
      const path: string[] = [];
      for (let at: string | undefined = id; at; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const child of byId.get(id)?.dependencies ?? []) {
      if (!previous.has(child)) {
        previous.set(child, id);
        queue.push(child);
      }
    }
  }
  return undefined;
}

function ids(result: ParseResult): Set<string> {
  return new Set(result.packages.map((p) => p.id));
}

describe('pypi: dependency graphs', () => {
  describe('real-world poetry project (python-poetry/poetry @ cdbacd6)', () => {
    const lockFile = fixture('realworld/poetry-2021-poetry-lock/poetry.lock');
    const manifestFile = fixture('realworld/poetry-2021-poetry-lock/pyproject.toml');
    const lock = parsePoetryLock(lockFile.path, lockFile.text);
    const manifest = parsePyprojectToml(manifestFile.path, manifestFile.text);

    it('reads every locked package without errors', () => {
      assert.deepEqual(lock.errors, []);
      assert.equal(lock.packages.length, 65);
      assert.equal(new Set(lock.packages.map((p) => p.id)).size, 65);
      assert.equal(byName(lock, 'cachecontrol').version, '0.12.10');
      assert.equal(lock.importers, undefined, 'poetry.lock records no roots: the engine takes them from pyproject.toml');
    });

    it('takes the direct set from pyproject.toml, and every direct dependency is locked', () => {
      assert.deepEqual(manifest.errors, []);
      assert.deepEqual(manifest.project, { name: 'poetry', version: '1.2.0a2' });
      const direct = manifest.packages.map((p) => p.name);
      assert.equal(direct.length, 29);
      assert.ok(!direct.includes('python'), 'the python constraint is not a dependency');
      assert.deepEqual(
        manifest.packages.filter((p) => p.groups.includes('dev')).map((p) => p.name),
        ['tox', 'pytest', 'pytest-cov', 'pytest-mock', 'pytest-sugar', 'pre-commit', 'deepdiff', 'httpretty', 'typing-extensions', 'zipp', 'flatdict'],
      );
      const locked = new Set(lock.packages.map((p) => p.name));
      assert.deepEqual(direct.filter((name) => !locked.has(name)), []);
    });

    it('finds the path from a direct dependency down to a deep package', () => {
      assert.deepEqual(pathBetween(lock, byName(lock, 'keyring'), 'pycparser'), [
        'keyring@22.3.0',
        'secretstorage@3.3.1',
        'cryptography@35.0.0',
        'cffi@1.15.0',
        'pycparser@2.21',
      ]);
    });

    it('resolves every edge to a package of the file, and keeps categories as groups', () => {
      const all = ids(lock);
      for (const pkg of lock.packages) for (const child of pkg.dependencies ?? []) assert.ok(all.has(child), `${pkg.id} → ${child}`);
      assert.deepEqual(byName(lock, 'cachecontrol').dependencies, ['lockfile@0.12.2', 'msgpack@1.0.2', 'requests@2.26.0']);
      assert.deepEqual(byName(lock, 'pytest').groups, ['dev']);
      assert.deepEqual(byName(lock, 'requests').groups, []);
    });
  });

  describe('poetry.lock 2.x', () => {
    const { path, text } = fixture('poetry-lock/osv-scalibr/multiple-packages.v2.lock');
    const lock = parsePoetryLock(path, text);
    it('edges pick among several versions of one name by constraint, and groups come from `groups`', () => {
      assert.deepEqual(byName(lock, 'redis').dependencies, ['async-timeout@5.0.1']);
      assert.deepEqual(byName(lock, 'factory-boy').dependencies, ['faker@33.3.0'], '`Faker` in [package.dependencies] is normalised');
      assert.deepEqual(byName(lock, 'redis').groups, ['optional']);
      assert.deepEqual(byName(lock, 'faker').groups, ['dev', 'test']);
      assert.deepEqual(byName(lock, 'six').groups, [], 'in main and dev: the default group');
    });
  });

  describe('uv workspace', () => {
    const { path, text } = fixture('scenarios/uv-workspace/uv.lock');
    const lock = parseUvLock(path, text);

    it('makes workspace members the importers, with the requirements uv recorded', () => {
      assert.deepEqual(
        lock.importers?.map((i) => ({ path: i.path, name: i.name, dependencies: i.dependencies })),
        [
          { path: '', name: 'albatross', dependencies: ['bird-feeder@1.0.0', 'tqdm@4.66.4', 'click@8.1.7', 'pytest@8.2.0'] },
          { path: 'packages/bird-feeder', name: 'bird-feeder', dependencies: ['anyio@4.3.0', 'humanize@4.9.0'] },
        ],
      );
      assert.deepEqual(lock.importers?.[0]?.requirements, { 'bird-feeder': '', click: '>=8', tqdm: '>=4,<5', pytest: '>=8' });
    });

    it('leaves out the project at `.`, keeps other members as workspace packages', () => {
      assert.ok(!lock.packages.some((p) => p.name === 'albatross'));
      assert.equal(byName(lock, 'bird-feeder').source, 'workspace');
    });

    it('marks direct dependencies of every member, and groups by how the roots reach a package', () => {
      assert.deepEqual(lock.packages.filter((p) => p.direct).map((p) => p.name).sort(), ['anyio', 'bird-feeder', 'click', 'humanize', 'pytest', 'tqdm']);
      assert.deepEqual(byName(lock, 'click').groups, ['optional']);
      assert.deepEqual(byName(lock, 'iniconfig').groups, ['dev']);
      assert.deepEqual(byName(lock, 'colorama').groups, [], 'reached from tqdm (main) as well as pytest (dev)');
      assert.deepEqual(byName(lock, 'idna').groups, [], 'main dependency of a member');
    });

    it('follows version-qualified edges to the right fork, and marks git sources with their commit', () => {
      assert.deepEqual(byName(lock, 'pytest').dependencies?.filter((id) => id.startsWith('numpy')), ['numpy@1.26.4', 'numpy@2.1.0']);
      const humanize = byName(lock, 'humanize');
      assert.equal(humanize.source, 'git');
      assert.equal(humanize.commit, 'a5b3d7f4b2c8e1f0d9a6b5c4d3e2f1a0b9c8d7e6');
      assert.deepEqual(pathBetween(lock, byName(lock, 'bird-feeder'), 'sniffio'), ['bird-feeder@1.0.0', 'anyio@4.3.0', 'sniffio@1.3.1']);
    });

    it('a lockfile without a manifest section takes the project at `.` as its root', () => {
      const one = fixture('uv-lock/osv-scalibr/two-packages.lock');
      const result = parseUvLock(one.path, one.text);
      assert.deepEqual(result.importers?.map((i) => [i.path, i.dependencies]), [['', ['emoji@2.14.0', 'protobuf@4.25.5']]]);
      assert.ok(result.packages.every((p) => p.direct));
    });
  });

  describe('pdm.lock and pylock.toml', () => {
    it('pdm edges come from PEP 508 strings; non-default groups keep their names', () => {
      const { path, text } = fixture('pdm-lock/osv-scalibr/optional-dependency.toml');
      const lock = parsePdmLock(path, text);
      assert.deepEqual(byName(lock, 'pyroute2').dependencies, ['win-inet-pton@1.1.0']);
      assert.deepEqual(byName(lock, 'pyroute2').groups, ['tmp']);
      assert.deepEqual(byName(lock, 'toml').groups, []);
    });

    it('pdm git packages carry their revision', () => {
      const { path, text } = fixture('pdm-lock/osv-scanner-v1.9.2/git-dependency.toml');
      const toml = byName(parsePdmLock(path, text), 'toml');
      assert.equal(toml.source, 'git');
      assert.equal(toml.commit, '65bab7582ce14c55cdeec2244c65ea23039c9e6f');
    });

    it('pylock.toml: edges, vcs commits, and the project directory left out', () => {
      const example = fixture('pylock-toml/osv-scalibr/example.toml');
      assert.deepEqual(byName(parsePylockToml(example.path, example.text), 'cattrs').dependencies, ['attrs@25.1.0']);
      const commits = fixture('pylock-toml/osv-scalibr/commits.toml');
      const lock = parsePylockToml(commits.path, commits.text);
      assert.ok(!lock.packages.some((p) => p.name === 'net-inf-eval'));
      assert.equal(byName(lock, 'mleroc').source, 'git');
      assert.equal(byName(lock, 'mleroc').commit, '735093f03c4d8be70bfaaae44074ac92d7419b6d');
    });
  });
});
