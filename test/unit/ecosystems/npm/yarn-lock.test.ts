import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertSpliceNeverThrows } from '../../../support/parser-fuzz';
import { DependencyGraph } from '../../../../server/src/analysis/paths';
import type { ParseResult } from '../../../../server/src/core/package';
import { LineIndex, type Range } from '../../../../server/src/core/text-range';
import { npmEcosystem } from '../../../../server/src/ecosystems/npm';
import { parsePackageJson } from '../../../../server/src/ecosystems/npm/package-json';
import type { YarnLockPackage } from '../../../../server/src/ecosystems/npm/yarn-descriptors';
import { parseYarnLock } from '../../../../server/src/ecosystems/npm/yarn-lock';
import { npmRequirements } from '../../../../server/src/ecosystems/npm/requirements';

const DIR = join(__dirname, '../../../fixtures/ecosystems/npm/yarn-lock');
const HYPER = join(DIR, 'realworld/hyper-2021-yarn-v1');
const read = (rel: string) => readFileSync(join(DIR, rel), 'utf8');
const parse = (rel: string) => parseYarnLock(join(DIR, rel), read(rel));
const slice = (text: string, range: Range | undefined) => {
  const index = new LineIndex(text);
  return range ? text.slice(index.offset(range.start), index.offset(range.end)) : undefined;
};
const yarnPackages = (result: ParseResult) => result.packages as YarnLockPackage[];
const lockfiles = (folder: string) => readdirSync(join(DIR, folder)).filter((f) => f.endsWith('.lock')).map((f) => `${folder}/${f}`);

describe('yarn.lock', () => {
  describe('positions', () => {
    const FILES = ['realworld/hyper-2021-yarn-v1/yarn.lock', 'scenarios/workspace-v1/yarn.lock', 'scenarios/workspace-berry/yarn.lock', ...lockfiles('osv-scanner-v1.9.2'), ...lockfiles('osv-scalibr')];
    for (const file of FILES) {
      it(`${file}: version ranges slice to the version, name ranges to the descriptor's name`, () => {
        const text = read(file);
        const result = parseYarnLock(file, text);
        assert.deepEqual(result.errors, []);
        for (const pkg of result.packages) {
          assert.equal(slice(text, pkg.versionRange), pkg.version, pkg.id);
          const name = slice(text, pkg.nameRange);
          assert.ok(name === pkg.name || name === pkg.alias, `${pkg.id}: ${name}`);
        }
      });
    }
  });

  describe('v1: the real-world hyper lockfile', () => {
    const text = readFileSync(join(HYPER, 'yarn.lock'), 'utf8');
    const result = parseYarnLock('yarn.lock', text);
    const manifest = parsePackageJson('package.json', readFileSync(join(HYPER, 'package.json'), 'utf8'));
    const byDescriptor = new Map(yarnPackages(result).flatMap((p) => p.descriptors.map((d) => [d, p] as const)));

    it('reads one package per entry, every one with a version', () => {
      const headers = text.split('\n').filter((line) => /^\S.*:$/.test(line) && !line.startsWith('#'));
      assert.equal(result.packages.length, 1108);
      assert.equal(result.packages.length, headers.length);
      assert.ok(result.packages.every((p) => /^\d+\.\d+\.\d+/.test(p.version)));
      assert.equal(result.importers, undefined, 'yarn 1 records no project roots');
    });

    it("every direct dependency of package.json has the entry its descriptor names, at a version its range admits", () => {
      assert.equal(manifest.packages.length, 98);
      for (const dep of manifest.packages) {
        const entry = byDescriptor.get(`${dep.name}@${dep.requirement}`);
        assert.ok(entry, `${dep.name}@${dep.requirement}`);
        if (entry.source === 'registry') assert.equal(npmRequirements.admits(dep.requirement!, { introduced: entry.version, lastAffected: entry.version }), true, entry.id);
      }
    });

    it('marks as direct the entries nothing else depends on (all of them declared in package.json)', () => {
      const declared = new Set(manifest.packages.map((d) => byDescriptor.get(`${d.name}@${d.requirement}`)!.id));
      const direct = result.packages.filter((p) => p.direct);
      assert.equal(direct.length, 80);
      for (const pkg of direct) assert.ok(declared.has(pkg.id), pkg.id);
    });

    it('the one git dependency is git, with its commit', () => {
      const mousetrap = byDescriptor.get('mousetrap@chabou/mousetrap#useCapture')!;
      assert.deepEqual([mousetrap.source, mousetrap.commit], ['git', 'c95eeeaafba1131dd8d35bc130d4a79b2ff9261a']);
      assert.deepEqual(result.packages.filter((p) => p.source !== 'registry').map((p) => p.name), ['mousetrap']);
    });

    it('edges follow descriptors: a path from a direct dependency down to a deep package', () => {
      const graph = new DependencyGraph(result.packages);
      const styledJsx = byDescriptor.get('styled-jsx@4.0.1')!;
      const minimist = result.packages.find((p) => p.name === 'minimist')!;
      const path = graph.pathsTo(minimist.id, [styledJsx.id]).get(styledJsx.id)!;
      assert.deepEqual(path.map((id) => graph.package(id)!.id), ['styled-jsx@4.0.1', 'loader-utils@1.2.3', 'json5@1.0.1', 'minimist@1.2.5']);
    });

    it('keeps the descriptors of each entry, so a requirement finds its own entry', () => {
      const semvers = yarnPackages(result).filter((p) => p.name === 'semver');
      assert.ok(semvers.length > 2);
      assert.equal(byDescriptor.get('semver@7.3.5')!.version, '7.3.5');
      assert.equal(byDescriptor.get('semver@^6.0.0')!.version, '6.3.0');
      assert.ok(byDescriptor.get('semver@^6.0.0')!.descriptors.includes('semver@^6.3.0'));
    });
  });

  describe('v1 entries', () => {
    it('aliases report the real package and keep the alias', () => {
      const pkgs = parse('osv-scanner-v1.9.2/with-aliases.v1.lock').packages;
      const cjs = pkgs.find((p) => p.alias === 'ansi-regex-cjs')!;
      assert.deepEqual([cjs.name, cjs.version], ['ansi-regex', '5.0.1']);
      assert.equal(pkgs.find((p) => p.alias === 'babel-hvi')!.name, '@babel/helper-validator-identifier');
    });

    it('file:, link: and git entries are returned but never registry', () => {
      const files = parse('osv-scanner-v1.9.2/files.v1.lock').packages;
      const source = (id: string) => files.find((p) => p.id === id)!.source;
      assert.deepEqual([source('filedep@1.2.0'), source('other_package@0.0.2'), source('etag@1.8.0'), source('sprintf-js@0.0.0'), source('etag@1.8.1')], ['path', 'path', 'link', 'path', 'registry']);
      const commits = parse('osv-scanner-v1.9.2/commits.v1.lock').packages;
      assert.ok(commits.every((p) => p.source === 'git' && /^[0-9a-f]{10,40}$/.test(p.commit ?? '')), commits.filter((p) => !p.commit).map((p) => p.id).join());
      assert.equal(commits.find((p) => p.name === 'babel-preset-php')!.commit, 'c5a7ba5e0ad98b8db1cb8ce105403dd4b768cced');
    });

    it('optionalDependencies edges make their targets optional; integrity and resolved are kept', () => {
      const pkgs = parse('osv-scanner-v1.9.2/files.v1.lock').packages;
      assert.deepEqual(pkgs.find((p) => p.id === 'etag@1.8.1')!.groups, ['optional']);
      assert.deepEqual(pkgs.find((p) => p.id === 'lodash@1.3.1')!.groups, []);
      const one = parse('osv-scanner-v1.9.2/one-package.v1.lock').packages[0]!;
      assert.match(one.integrity!, /^sha512-/);
      assert.match(one.resolved!, /^https:\/\/registry\.yarnpkg\.com\/balanced-match\//);
    });

    it('two entries with the same name and version get distinct ids', () => {
      const pkgs = parse('scenarios/workspace-v1/yarn.lock').packages;
      assert.deepEqual(pkgs.filter((p) => p.name === 'lodash').map((p) => p.id), ['lodash@4.17.20', 'lodash@4.17.20#2', 'lodash@4.17.21']);
    });
  });

  describe('berry (yarn 2+)', () => {
    it('workspace entries are importers; members other than the root are workspace packages', () => {
      const result = parse('scenarios/workspace-berry/yarn.lock');
      assert.deepEqual(
        result.importers!.map((i) => [i.path, i.name, i.dependencies]),
        [
          ['packages/app', '@demo/app', ['@demo/lib@workspace:packages/lib', 'lodash@npm:4.17.20', 'mkdirp@npm:0.5.5']],
          ['packages/lib', '@demo/lib', ['lodash@npm:4.17.20']],
          ['', 'demo', ['lodash@npm:4.17.21', 'ms@npm:0.7.0']],
        ],
      );
      const lib = result.packages.find((p) => p.name === '@demo/lib')!;
      assert.deepEqual([lib.source, lib.dependencies], ['workspace', ['lodash@npm:4.17.20']]);
      assert.equal(result.packages.some((p) => p.name === 'demo'), false, 'the root project is not a package');
      assert.deepEqual(result.packages.filter((p) => p.direct).map((p) => p.id).sort(), ['@demo/lib@workspace:packages/lib', 'lodash@npm:4.17.20', 'lodash@npm:4.17.21', 'mkdirp@npm:0.5.5', 'ms@npm:0.7.0']);
      const lodash = result.packages.find((p) => p.id === 'lodash@npm:4.17.20')!;
      assert.equal(lodash.alias, 'lodash-alias');
      assert.deepEqual((lodash as YarnLockPackage).descriptors, ['lodash-alias@npm:lodash@4.17.20', 'lodash@npm:^4.17.20']);
    });

    it('edges in lockfiles before version 6 leave out the npm: protocol', () => {
      const result = parse('osv-scanner-v1.9.2/with-build-string.v2.lock');
      assert.deepEqual(result.importers![0]!.dependencies, ['domino@https://github.com/angular/domino.git#commit=f2435fe1f9f7c91ade0bd472c4723e5eacd7d19a', 'tslib@npm:2.6.2']);
    });

    it('sources come from the resolution protocol; git entries keep their commit', () => {
      const git = parse('osv-scanner-v1.9.2/commits.v2.lock').packages;
      assert.ok(git.every((p) => p.source === 'git' && p.commit), git.map((p) => p.id).join());
      assert.equal(git.find((p) => p.name === '@typegoose/typegoose')!.commit, '3ed06e5097ab929f69755676fee419318aaec73a');
      assert.equal(parse('osv-scanner-v1.9.2/files.v2.lock').packages[0]!.source, 'path');
      const members = parse('osv-scalibr/exclude-root.v2.lock');
      assert.deepEqual(members.packages.map((p) => [p.name, p.source]), [['@ws/ansi-regex', 'workspace'], ['ansi-regex', 'registry']]);
      assert.deepEqual(members.importers!.map((i) => i.path).sort(), ['', 'ansi-regex']);
    });

    it('a lockfile without workspace entries has no importers; unreferenced entries are direct', () => {
      const result = parse('osv-scanner-v1.9.2/multiple-versions.v2.lock');
      assert.equal(result.importers, undefined);
      assert.ok(result.packages.some((p) => p.direct));
    });

    it('metadata alone is an empty lockfile', () => {
      assert.deepEqual(parse('osv-scanner-v1.9.2/metadata-only.v2.lock'), { kind: 'lockfile', packages: [], errors: [] });
    });
  });

  describe('lockfile command', () => {
    const ROWS = [
      { name: 'yarn 1', text: read('osv-scanner-v1.9.2/one-package.v1.lock'), args: ['install'] },
      { name: 'yarn 2 (lockfile version 4)', text: '__metadata:\n  version: 4\n  cacheKey: 7\n', args: ['install'] },
      { name: 'yarn 3 (version 6)', text: read('osv-scanner-v1.9.2/with-build-string.v2.lock'), args: ['install', '--mode=update-lockfile'] },
      { name: 'yarn 4 (version 8)', text: read('scenarios/workspace-berry/yarn.lock'), args: ['install', '--mode=update-lockfile'] },
      { name: 'unknown (no text)', text: undefined, args: ['install'] },
    ];
    for (const row of ROWS) {
      it(`${row.name}: yarn ${row.args.join(' ')}`, () => {
        const lockfileCommand = npmEcosystem.lockfileCommand as (parser: string, text?: string) => unknown;
        assert.deepEqual(lockfileCommand('npm/yarn-lock', row.text), { command: 'yarn', args: row.args });
      });
    }
  });

  describe('malformed input: one error where it breaks', () => {
    const MALFORMED: Array<{ name: string; text: string; at: [number, number]; message: RegExp }> = [
      { name: 'v1: an unterminated string', text: '# yarn lockfile v1\n\n"lodash@^4.17.0:\n  version "4.17.21"\n', at: [2, 0], message: /at 3:1: unterminated string/ },
      { name: 'v1: a property without a value', text: 'lodash@^4.17.0:\n  version\n', at: [1, 8], message: /expected a value or ":"/ },
      { name: 'v1: unexpected indentation', text: 'lodash@^4.17.0:\n  version "4.17.21"\n      resolved "x"\n', at: [2, 6], message: /unexpected indentation/ },
      { name: 'v1: a tab for indentation', text: 'lodash@^4.17.0:\n\tversion "4.17.21"\n', at: [1, 0], message: /tabs cannot indent/ },
      { name: 'v1: text after a value', text: 'lodash@^4.17.0:\n  version "4.17.21" extra\n', at: [1, 20], message: /unexpected text after the value/ },
      // YAML reads the deeper line as a mapping nested in the value before it, and reports it there.
      { name: 'berry: bad indentation', text: '__metadata:\n  version: 8\n\n"lodash@npm:^4.17.0":\n  version: 4.17.21\n    resolution: "lodash@npm:4.17.21"\n', at: [4, 11], message: /could not parse yarn\.lock at 5:12: Nested mappings/ },
      { name: 'berry: an unclosed quote', text: '__metadata:\n  version: 8\n\n"lodash@npm:^4.17.0:\n  version: 4.17.21\n', at: [3, 0], message: /could not parse yarn\.lock at 4:1/ },
      { name: 'berry: an unclosed flow sequence', text: '__metadata:\n  version: 8\n"a@npm:1.0.0":\n  bin: [a, b\n', at: [4, 0], message: /could not parse yarn\.lock at 5:1/ },
    ];
    for (const row of MALFORMED) {
      it(row.name, () => {
        const result = parseYarnLock('/p/yarn.lock', row.text);
        assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
        assert.equal(result.packages.length, 0);
        assert.deepEqual([result.errors[0]!.range.start.line, result.errors[0]!.range.start.character], row.at, result.errors[0]!.message);
        assert.match(result.errors[0]!.message, row.message);
        assert.equal(result.errors[0]!.severity, 'error');
      });
    }
  });

  describe('never throws or hangs on mutated lockfiles', () => {
    for (const file of ['scenarios/workspace-v1/yarn.lock', 'osv-scanner-v1.9.2/commits.v1.lock', 'scenarios/workspace-berry/yarn.lock', 'osv-scanner-v1.9.2/commits.v2.lock']) {
      it(file, () => {
        const base = read(file);
        assertSpliceNeverThrows(parseYarnLock, 'yarn.lock', base, { maxCut: 40, numRuns: 300, seed: 7, punctuation: ['"', ':', ' ', '\n', '\t', ',', '#', '@', 'a', '1', '-', '{', '[', "'", '\\'] });
      });
    }
  });
});
