import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractedPackage, ParseResult } from '../../../../server/src/core/package';
import { parseGoMod } from '../../../../server/src/ecosystems/go/go-mod';
import { diskContext } from '../../../support/parse-contexts';
import { slice } from '../../../support/parse-results';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/go');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

function byId(result: ParseResult, id: string): ExtractedPackage {
  const pkg = result.packages.find((p) => p.id === id);
  assert.ok(pkg, `no package ${id} in ${result.packages.map((p) => p.id).join(', ')}`);
  return pkg;
}

describe('go.mod parser', () => {
  const text = read('scenarios/everything.mod');
  const result = parseGoMod('/w/go.mod', text);

  it('reads every directive without errors', () => {
    assert.deepEqual(result.errors, []);
    assert.equal(result.kind, 'manifest');
    assert.deepEqual(result.project, { name: 'example.com/everything' });
  });

  const rows: Array<{ id: string; name: string; version: string; direct: boolean; groups: string[]; source: string; nameText?: string; versionText?: string; alias?: string; resolved?: string }> = [
    { id: 'require:github.com/gin-gonic/gin', name: 'github.com/gin-gonic/gin', version: '1.9.0', direct: true, groups: [], source: 'registry', nameText: 'github.com/gin-gonic/gin', versionText: 'v1.9.0' },
    { id: 'require:golang.org/x/net', name: 'golang.org/x/net', version: '0.17.0', direct: true, groups: [], source: 'registry', nameText: 'golang.org/x/net', versionText: 'v0.17.0' },
    { id: 'require:github.com/docker/docker', name: 'github.com/docker/docker', version: '20.10.7+incompatible', direct: true, groups: [], source: 'registry', versionText: 'v20.10.7+incompatible' },
    { id: 'require:github.com/old/name', name: 'github.com/new/name', version: '1.4.0', direct: true, groups: [], source: 'registry', nameText: 'github.com/new/name', versionText: 'v1.4.0', alias: 'github.com/old/name' },
    { id: 'require:example.com/local', name: 'example.com/local', version: '', direct: true, groups: [], source: 'path', nameText: 'example.com/local', resolved: '../local' },
    { id: 'indirect:github.com/bytedance/sonic', name: 'github.com/bytedance/sonic', version: '1.9.1', direct: false, groups: ['indirect'], source: 'registry', versionText: 'v1.9.1' },
    { id: 'indirect:golang.org/x/sys', name: 'golang.org/x/sys', version: '0.13.0', direct: false, groups: ['indirect'], source: 'registry', versionText: 'v0.13.0' },
    { id: 'indirect:github.com/gorilla/websocket', name: 'github.com/gorilla/websocket', version: '1.4.2', direct: false, groups: ['indirect'], source: 'registry' },
    { id: 'go:stdlib', name: 'stdlib', version: '1.22.4', direct: true, groups: ['stdlib'], source: 'registry', versionText: 'go1.22.4' },
  ];
  for (const row of rows) {
    it(`${row.id} → ${row.name}@${row.version}`, () => {
      const pkg = byId(result, row.id);
      assert.equal(pkg.ecosystem, 'Go');
      assert.equal(pkg.name, row.name);
      assert.equal(pkg.version, row.version);
      assert.equal(pkg.direct, row.direct);
      assert.deepEqual(pkg.groups, row.groups);
      assert.equal(pkg.source, row.source);
      if (row.nameText) assert.equal(slice(text, pkg.nameRange), row.nameText);
      if (row.versionText) assert.equal(slice(text, pkg.versionRange), row.versionText);
      assert.equal(pkg.alias, row.alias);
      assert.equal(pkg.resolved, row.resolved);
    });
  }

  it('reports exactly the required modules plus stdlib (exclude, retract, tool name no dependency)', () => {
    assert.equal(result.packages.length, rows.length);
  });

  it('the replaced module is positioned on the replace line, where its version is written', () => {
    const pkg = byId(result, 'require:github.com/old/name');
    const line = text.split('\n')[pkg.versionRange!.start.line]!;
    assert.match(line, /^replace github.com\/old\/name v1.2.3 => github.com\/new\/name v1.4.0$/);
  });

  it('stdlib comes from the go line when there is no toolchain', () => {
    const r = parseGoMod('/w/go.mod', 'module m\n\ngo 1.21.0\n');
    const pkg = byId(r, 'go:stdlib');
    assert.equal(pkg.version, '1.21.0');
    assert.equal(slice('module m\n\ngo 1.21.0\n', pkg.versionRange), '1.21.0');
  });

  it('`toolchain default` does not name a release: the go line wins', () => {
    const r = parseGoMod('/w/go.mod', 'module m\ngo 1.21.0\ntoolchain default\n');
    assert.equal(byId(r, 'go:stdlib').version, '1.21.0');
  });

  describe('go.sum beside a go.mod older than go 1.17', () => {
    const dir = join(ROOT, 'scenarios/go-1.16-with-sum');
    const modText = read('scenarios/go-1.16-with-sum/go.mod');

    it('merges the modules built from go.sum as indirect packages and lists go.sum as an input', () => {
      const context = diskContext();
      const r = parseGoMod(join(dir, 'go.mod'), modText, context);
      assert.deepEqual(r.errors, []);
      assert.deepEqual(r.inputs, [join(dir, 'go.sum')]);
      const names = r.packages.map((p) => `${p.name}@${p.version}${p.direct ? '' : ' indirect'}`).sort();
      assert.deepEqual(names, [
        'github.com/davecgh/go-spew@1.1.1 indirect',
        'github.com/pmezard/go-difflib@1.0.0 indirect',
        'github.com/sirupsen/logrus@1.9.3',
        'github.com/stretchr/testify@1.7.0 indirect',
        'golang.org/x/sys@0.0.0-20220715151400-c0bba94af5f8 indirect',
        'gopkg.in/yaml.v3@3.0.0-20200313102051-9f266ea9e77c indirect',
        'stdlib@1.16',
      ]);
      // go.sum positions belong to another file: merged packages carry none.
      assert.ok(r.packages.filter((p) => p.id.startsWith('go.sum:')).every((p) => p.versionRange === undefined && p.integrity?.startsWith('h1:')));
    });

    it('a go 1.15 module built above what its go.mod lists: the version in the build is the one go.sum recorded', () => {
      const rel = 'scenarios/go-1.16-selected-above-go-mod';
      const text = read(`${rel}/go.mod`);
      const r = parseGoMod(join(ROOT, rel, 'go.mod'), text, diskContext());
      assert.deepEqual(r.errors, []);
      const rows = r.packages.map((p) => [p.name, p.version, p.requirement ?? '', p.direct ? 'direct' : 'indirect', p.versionRange ? slice(text, p.versionRange) : '']);
      assert.deepEqual(rows.sort(), [
        // MVS picked gin v1.6.3 (a dependency requires it); go.mod still lists v1.6.0, where the range stays.
        ['github.com/gin-contrib/sse', '0.1.0', '', 'indirect', ''],
        ['github.com/gin-gonic/gin', '1.6.3', 'v1.6.0', 'direct', 'v1.6.0'],
        ['github.com/go-playground/validator/v10', '10.2.0', '', 'indirect', ''],
        ['github.com/sirupsen/logrus', '1.4.2', 'v1.4.2', 'direct', 'v1.4.2'],
        // A replaced module is what replaces it, whatever go.sum says of the original path.
        ['github.com/ugorji/go/codec', '1.1.7', '', 'indirect', ''],
        // Only older snapshots of golang.org/x/sys were read for the graph (`/go.mod`): the built one is the one with code.
        ['golang.org/x/sys', '0.0.0-20200116001909-b77594299b42', '', 'indirect', ''],
        ['golang.org/x/text', '0.3.2', 'v0.3.0', 'indirect', 'v0.3.0'],
        ['gopkg.in/yaml.v2', '2.2.8', '', 'indirect', ''],
        ['stdlib', '1.15', '1.15', 'direct', '1.15'],
      ].sort());
    });

    it('does not read go.sum for go 1.17 and later (go.mod lists every module then)', () => {
      const context = diskContext();
      const r = parseGoMod(join(dir, 'go.mod'), modText.replace('go 1.16', 'go 1.17'), context);
      assert.deepEqual(context.reads, []);
      assert.equal(r.inputs, undefined);
      assert.equal(r.packages.length, 2);
    });

    it('a missing go.sum is not an error', () => {
      const r = parseGoMod('/nowhere/go.mod', modText, { readFile: () => undefined });
      assert.deepEqual(r.errors, []);
      assert.equal(r.packages.length, 2);
    });
  });
});

describe('go.mod: hugo (real world, go 1.16)', () => {
  const dir = join(ROOT, 'realworld/hugo-2021-go');
  const text = read('realworld/hugo-2021-go/go.mod');

  it('without its go.sum: 66 requires (3 of them // indirect) and stdlib 1.16', () => {
    const r = parseGoMod(join(dir, 'go.mod'), text);
    assert.deepEqual(r.errors, []);
    assert.equal(r.packages.length, 67);
    const indirect = r.packages.filter((p) => !p.direct).map((p) => p.name).sort();
    assert.deepEqual(indirect, ['github.com/PuerkitoBio/urlesc', 'github.com/nfnt/resize', 'gopkg.in/check.v1']);
    const direct = r.packages.filter((p) => p.direct && p.name !== 'stdlib');
    assert.equal(direct.length, 63);
    assert.ok(direct.some((p) => p.name === 'github.com/aws/aws-sdk-go' && p.version === '1.41.14'));
    assert.ok(direct.some((p) => p.name === 'github.com/pelletier/go-toml/v2' && p.version === '2.0.0-beta.3.0.20210727221244-fa0796069526'));
    assert.equal(byId(r, 'go:stdlib').version, '1.16');
    for (const p of r.packages) assert.equal(slice(text, p.versionRange), p.requirement);
  });

  it('with its go.sum: adds the 72 modules go.sum says were built, none twice', () => {
    const r = parseGoMod(join(dir, 'go.mod'), text, diskContext());
    assert.deepEqual(r.errors, []);
    const fromSum = r.packages.filter((p) => p.id.startsWith('go.sum:'));
    assert.equal(fromSum.length, 72);
    assert.equal(new Set(r.packages.map((p) => p.name)).size, r.packages.length);
    assert.ok(fromSum.every((p) => !p.direct && p.groups.includes('indirect')));
    assert.ok(fromSum.some((p) => p.name === 'golang.org/x/sys'));
  });
});

describe('go.mod errors', () => {
  const cases: Array<{ name: string; text: string; line: number; character: number; message: RegExp }> = [
    { name: 'unknown directive', text: 'module m\n\nrequire x v1.0.0\nfrobnicate x\n', line: 3, character: 0, message: /unknown directive: frobnicate/ },
    { name: 'unterminated block', text: 'module m\nrequire (\n\tx v1.0.0\n', line: 1, character: 8, message: /missing "\)"/ },
    { name: 'bad version', text: 'module m\nrequire (\n\tx 1.0.0\n)\n', line: 2, character: 3, message: /invalid module version "1.0.0"/ },
    { name: 'unterminated string', text: 'module m\nrequire "x v1.0.0\n', line: 1, character: 8, message: /unterminated quoted string/ },
    { name: 'replace without =>', text: 'module m\nreplace a v1.0.0 b v1.0.0\n', line: 1, character: 0, message: /usage: replace/ },
    { name: 'replace to a module without version', text: 'module m\nreplace a => b\n', line: 1, character: 13, message: /must be a directory path/ },
    { name: 'stray paren', text: 'module m\n)\n', line: 1, character: 0, message: /unexpected "\)"/ },
  ];
  for (const c of cases) {
    it(`${c.name}: one error at ${c.line + 1}:${c.character + 1}, no packages`, () => {
      const r = parseGoMod('/w/go.mod', c.text);
      assert.equal(r.errors.length, 1);
      assert.match(r.errors[0]!.message, c.message);
      assert.match(r.errors[0]!.message, /^could not parse go.mod at \d+:\d+: /);
      assert.deepEqual(r.errors[0]!.range.start, { line: c.line, character: c.character });
      assert.deepEqual(r.packages, []);
    });
  }
});
