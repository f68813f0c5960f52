import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertSpliceNeverThrows } from '../../../support/parser-fuzz';
import { DependencyGraph } from '../../../../server/src/analysis/paths';
import { LineIndex, type Range } from '../../../../server/src/core/text-range';
import { npmEcosystem } from '../../../../server/src/ecosystems/npm';
import { parsePnpmLock } from '../../../../server/src/ecosystems/npm/pnpm-lock';

const DIR = join(__dirname, '../../../fixtures/ecosystems/npm/pnpm-lock');
const read = (rel: string) => readFileSync(join(DIR, rel), 'utf8');
const parse = (rel: string) => parsePnpmLock(join(DIR, rel), read(rel));
const slice = (text: string, range: Range | undefined) => {
  const index = new LineIndex(text);
  return range ? text.slice(index.offset(range.start), index.offset(range.end)) : undefined;
};
const corpus = (folder: string) => readdirSync(join(DIR, folder)).filter((f) => f.endsWith('.yaml')).map((f) => `${folder}/${f}`);

describe('pnpm-lock.yaml', () => {
  describe('positions', () => {
    for (const file of [...corpus('osv-scanner-v1.9.2'), ...corpus('osv-scalibr'), 'scenarios/workspace-v9/pnpm-lock.yaml']) {
      it(`${file}: version and name ranges slice to exactly the version and the name`, () => {
        const text = read(file);
        for (const pkg of parsePnpmLock(file, text).packages) {
          if (pkg.source === 'workspace') continue; // linked members have no entry of their own
          assert.equal(slice(text, pkg.versionRange), pkg.version, pkg.id);
          assert.equal(slice(text, pkg.nameRange), pkg.name, pkg.id);
        }
      });
    }
  });

  describe('lockfile versions', () => {
    // The same project written by pnpm 7 (5.3/5.4), pnpm 8 (6.0) and pnpm 9 (9.0).
    const ROWS = [
      { file: 'osv-scalibr/mixed-groups.v53.yaml', ids: ['/ansi-regex/5.0.1', '/is-number/7.0.0', '/uuid/8.3.2'] },
      { file: 'osv-scalibr/mixed-groups.v54.yaml', ids: ['/ansi-regex/5.0.1', '/is-number/7.0.0', '/uuid/8.3.2'] },
      { file: 'osv-scalibr/mixed-groups.v6.yaml', ids: ['/ansi-regex@5.0.0', '/is-number@7.0.0', '/uuid@8.0.0'] },
      { file: 'osv-scalibr/mixed-groups.v9.yaml', ids: ['ansi-regex@5.0.1', 'is-number@7.0.0', 'uuid@8.3.2'] },
    ];
    for (const row of ROWS) {
      it(`${row.file}: keys, direct dependencies, groups and specifiers`, () => {
        const result = parse(row.file);
        assert.deepEqual(result.errors, []);
        assert.deepEqual(result.packages.map((p) => p.id).sort(), row.ids);
        assert.ok(result.packages.every((p) => p.direct && p.source === 'registry'));
        const groups = Object.fromEntries(result.packages.map((p) => [p.name, p.groups]));
        assert.deepEqual(groups, { 'ansi-regex': [], 'is-number': ['dev'], uuid: ['optional'] });
        assert.deepEqual(result.importers, [{ path: '', dependencies: [row.ids[0], row.ids[2], row.ids[1]], requirements: { 'ansi-regex': '^5.0.0', uuid: '^8.0.0', 'is-number': '^7.0.0' } }]);
      });
    }

    it('5.x: peer suffixes after "_", registry hosts in front, and keys without a version are skipped', () => {
      const result = parse('osv-scanner-v1.9.2/exotic.yaml');
      assert.deepEqual(
        result.packages.map((p) => `${p.name}@${p.version}`),
        ['foo@1.0.0', '@foo/bar@1.0.0', 'foo@1.1.0', '@foo/bar@1.1.0', 'foo@1.2.0', 'foo@1.3.0', 'foo@1.4.0'],
      );
      assert.deepEqual(result.errors, []);
    });

    it('6.x: peers in parentheses; edges resolve to the peer-specific key', () => {
      const result = parse('osv-scalibr/peer-dependencies-advanced-rc-v6.yaml');
      const reactDom = result.packages.find((p) => p.name === 'react-dom')!;
      assert.equal(reactDom.id, '/react-dom@18.0.0-rc.3(react@18.2.0)');
      assert.deepEqual(reactDom.dependencies, ['/loose-envify@1.4.0', '/react@18.2.0', '/scheduler@0.21.0']);
      assert.deepEqual(result.importers![0]!.dependencies, [reactDom.id]);
    });

    it('9.x: one package per snapshot (peer variants), metadata from packages, paths through peers', () => {
      const result = parse('osv-scanner-v1.9.2/peer-dependencies-advanced.v9.yaml');
      const graph = new DependencyGraph(result.packages);
      const plugin = result.importers![0]!.dependencies.find((id) => id.startsWith('@typescript-eslint/eslint-plugin@'))!;
      const hasFlag = result.packages.find((p) => p.name === 'has-flag');
      assert.equal(hasFlag?.direct, false);
      const debug = result.packages.find((p) => p.name === 'debug')!;
      const path = graph.pathsTo(debug.id, [plugin]).get(plugin)!;
      assert.deepEqual(path.map((id) => graph.package(id)!.name), ['@typescript-eslint/eslint-plugin', 'debug']);
      assert.match(debug.integrity!, /^sha512-/);
    });
  });

  describe('workspaces (pnpm 9, with a leading env document)', () => {
    const result = parse('scenarios/workspace-v9/pnpm-lock.yaml');

    it('reads the last document as the project graph, with one importer per project', () => {
      assert.deepEqual(
        result.importers!.map((i) => [i.path, i.dependencies, i.requirements]),
        [
          ['', ['lodash@4.17.21', 'ms@0.7.0'], { lodash: '^4.17.21', ms: '0.7.0' }],
          ['packages/app', ['workspace:packages/lib', 'lodash@4.17.20', 'mkdirp@0.5.5'], { '@demo/lib': 'workspace:*', 'lodash-alias': 'npm:lodash@4.17.20', mkdirp: '^0.5.5' }],
          ['packages/lib', ['lodash@4.17.20'], { lodash: '^4.17.20' }],
        ],
      );
    });

    it('a linked member is a workspace package, so paths run through it', () => {
      const lib = result.packages.find((p) => p.id === 'workspace:packages/lib')!;
      assert.deepEqual([lib.name, lib.source, lib.dependencies], ['@demo/lib', 'workspace', ['lodash@4.17.20']]);
      const graph = new DependencyGraph(result.packages);
      assert.deepEqual(graph.pathsTo('lodash@4.17.20', [lib.id]).get(lib.id), [lib.id, 'lodash@4.17.20']);
    });

    it('aliases keep the name the importer uses; dev-only packages are dev', () => {
      assert.equal(result.packages.find((p) => p.id === 'lodash@4.17.20')!.alias, 'lodash-alias');
      assert.deepEqual(result.packages.find((p) => p.id === 'ms@0.7.0')!.groups, ['dev']);
      assert.deepEqual(result.packages.find((p) => p.id === 'minimist@1.2.5')!.groups, []);
    });

    it("the env document's packages are returned, prefixed, and are nobody's dependency", () => {
      const pnpm = result.packages.find((p) => p.name === 'pnpm')!;
      assert.deepEqual([pnpm.id, pnpm.version, pnpm.direct], ['env:pnpm@9.15.0', '9.15.0', false]);
      assert.ok(!result.importers!.some((i) => i.dependencies.includes(pnpm.id)));
    });
  });

  describe('workspaces in older lockfiles', () => {
    const ROWS = [
      {
        name: '5.4: specifiers beside the versions, aliases as /name/version',
        text: "lockfileVersion: 5.4\n\nimporters:\n\n  .:\n    specifiers:\n      app: workspace:*\n    devDependencies:\n      app: link:packages/app\n\n  packages/app:\n    specifiers:\n      ms: ^2.0.0\n      old-ms: npm:ms@0.7.0\n    dependencies:\n      ms: 2.1.3\n      old-ms: /ms/0.7.0\n\npackages:\n\n  /ms/0.7.0:\n    resolution: {integrity: sha512-x}\n    dev: false\n\n  /ms/2.1.3:\n    resolution: {integrity: sha512-y}\n    dev: false\n",
        ids: { app: ['/ms/2.1.3', '/ms/0.7.0'], root: ['workspace:packages/app'] },
      },
      {
        name: '6.0: inline specifiers, aliases as /name@version',
        text: "lockfileVersion: '6.0'\n\nimporters:\n\n  .:\n    devDependencies:\n      app:\n        specifier: workspace:*\n        version: link:packages/app\n\n  packages/app:\n    dependencies:\n      ms:\n        specifier: ^2.0.0\n        version: 2.1.3\n      old-ms:\n        specifier: npm:ms@0.7.0\n        version: /ms@0.7.0\n\npackages:\n\n  /ms@0.7.0:\n    resolution: {integrity: sha512-x}\n    dev: false\n\n  /ms@2.1.3:\n    resolution: {integrity: sha512-y}\n    dev: false\n",
        ids: { app: ['/ms@2.1.3', '/ms@0.7.0'], root: ['workspace:packages/app'] },
      },
    ];
    for (const row of ROWS) {
      it(row.name, () => {
        const result = parsePnpmLock('pnpm-lock.yaml', row.text);
        assert.deepEqual(result.errors, []);
        const app = result.importers!.find((i) => i.path === 'packages/app')!;
        assert.deepEqual(app.dependencies, row.ids.app);
        assert.deepEqual(app.requirements, { ms: '^2.0.0', 'old-ms': 'npm:ms@0.7.0' });
        assert.deepEqual(result.importers!.find((i) => i.path === '')!.dependencies, row.ids.root);
        const old = result.packages.find((p) => p.id === row.ids.app[1])!;
        assert.deepEqual([old.name, old.version, old.alias], ['ms', '0.7.0', 'old-ms']);
        assert.deepEqual(result.packages.find((p) => p.source === 'workspace')!.dependencies, row.ids.app);
      });
    }
  });

  describe('sources other than the registry', () => {
    it('file: packages are paths with the name and version they record', () => {
      const pkgs = parse('osv-scanner-v1.9.2/files.yaml').packages;
      assert.ok(pkgs.every((p) => p.source === 'path'));
      assert.equal(pkgs.some((p) => p.id === 'file:../nameless-package'), false, 'a folder without a name identifies nothing');
      assert.equal(pkgs.find((p) => p.name === 'my-file-package')!.resolved, 'file:projects/package-a.tgz');
    });

    it('git packages keep their commit, from the resolution, the tarball URL or the key', () => {
      const v5 = parse('osv-scanner-v1.9.2/commits.yaml').packages;
      assert.deepEqual(v5.map((p) => [p.name, p.source, p.commit?.slice(0, 7)]), [
        ['my-bitbucket-package', 'git', '6104ae4'],
        ['@my-scope/my-package', 'git', '2670878'],
        ['@my-scope/my-other-package', 'git', 'fbfc962'],
        ['faker-parser', 'git', 'd2dc42a'],
        ['mocks', 'git', '590f321'],
      ]);
      const v9 = parse('osv-scanner-v1.9.2/commits.v9.yaml').packages;
      assert.deepEqual(v9.map((p) => [p.name, p.version, p.source, p.commit?.slice(0, 7), p.direct]), [
        ['ansi-regex', '6.0.1', 'git', '02fa893', true],
        ['is-number', '7.0.0', 'git', '98e8ff1', true],
      ]);
    });

    it('a tarball URL is a url source', () => {
      const [pkg] = parse('osv-scanner-v1.9.2/tarball.yaml').packages;
      assert.deepEqual([pkg!.name, pkg!.version, pkg!.source, pkg!.groups, pkg!.direct], ['@my-org/my-package', '3.2.3', 'url', ['dev'], true]);
    });
  });

  describe('keys that are no dependency path', () => {
    it('give one warning at the first such key; the rest of the file is still read', () => {
      const text = read('osv-scalibr/invalid-paths.yaml');
      const result = parsePnpmLock('pnpm-lock.yaml', text);
      assert.deepEqual(result.packages.map((p) => p.id), ['/acorn/8.7.0']);
      assert.equal(result.errors.length, 1);
      assert.equal(result.errors[0]!.severity, 'warning');
      assert.equal(slice(text, result.errors[0]!.range), 'invalidpath1');
      assert.match(result.errors[0]!.message, /"invalidpath1" is not a pnpm dependency path; skipped \(and 1 more\)/);
    });

    it('a 6.x/9.x style key in a 5.x lockfile is one', () => {
      const result = parse('osv-scanner-v1.9.2/invalid-package-path.yaml');
      assert.match(result.errors[0]!.message, /"axios@1\.2\.5" is not a pnpm dependency path/);
      assert.ok(result.packages.some((p) => p.name === 'pinia'));
    });
  });

  describe('malformed input: one error where it breaks', () => {
    const MALFORMED: Array<{ name: string; text: string; at: [number, number]; message: RegExp }> = [
      { name: 'not YAML at all', text: 'lockfileVersion: 5.4\npackages:\n  /a/1.0.0: {\n', at: [3, 0], message: /could not parse pnpm-lock\.yaml at 4:1/ },
      // A quoted scalar may span lines in YAML: the missing quote is noticed where the text ends.
      { name: 'an unclosed quote', text: "lockfileVersion: '9.0'\nimporters:\n  '.:\n    dependencies: {}\n", at: [4, 0], message: /could not parse pnpm-lock\.yaml at 5:1: Missing closing 'quote/ },
      { name: 'a tab for indentation', text: "lockfileVersion: '9.0'\npackages:\n\tlodash@4.17.21: {}\n", at: [2, 0], message: /could not parse pnpm-lock\.yaml at 3:1: Tabs are not allowed/ },
      { name: 'a scalar document', text: 'this is not valid yaml!\n', at: [0, 0], message: /the top level is not a mapping/ },
      { name: 'a list document', text: '- lockfileVersion\n', at: [0, 0], message: /the top level is not a mapping/ },
    ];
    for (const row of MALFORMED) {
      it(row.name, () => {
        const result = parsePnpmLock('/p/pnpm-lock.yaml', row.text);
        assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
        assert.equal(result.packages.length, 0);
        assert.deepEqual([result.errors[0]!.range.start.line, result.errors[0]!.range.start.character], row.at, result.errors[0]!.message);
        assert.match(result.errors[0]!.message, row.message);
      });
    }

    it('comments only, or nothing, is an empty lockfile', () => {
      for (const text of ['', '# nothing\n', '---\n']) assert.deepEqual(parsePnpmLock('pnpm-lock.yaml', text).errors, []);
    });
  });

  it('lockfile command: pnpm install --lockfile-only', () => {
    assert.deepEqual(npmEcosystem.lockfileCommand!('npm/pnpm-lock'), { command: 'pnpm', args: ['install', '--lockfile-only'] });
  });

  describe('never throws or hangs on mutated lockfiles', () => {
    for (const file of ['scenarios/workspace-v9/pnpm-lock.yaml', 'osv-scanner-v1.9.2/commits.yaml', 'osv-scalibr/peer-dependencies-advanced-rc-v6.yaml']) {
      it(file, () => {
        const base = read(file);
        assertSpliceNeverThrows(parsePnpmLock, 'pnpm-lock.yaml', base, { maxCut: 40, numRuns: 300, seed: 11, punctuation: ['"', ':', ' ', '\n', '\t', ',', '#', '&', '*', '!', '|', '-', '{', '}', '[', "'", '\\', '(', '/', '@', '_'] });
      });
    }
  });
});
