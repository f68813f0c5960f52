import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGoSum } from '../../../../server/src/ecosystems/go/go-sum';
import { parseGoWork } from '../../../../server/src/ecosystems/go/go-work';
import { diskContext } from '../../../support/parse-contexts';
import { slice } from '../../../support/parse-results';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/go');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

describe('go.sum parser', () => {
  it('reports each module with a full-content hash once, at its highest such version', () => {
    const text = [
      'example.com/a v1.0.0 h1:aaa=',
      'example.com/a v1.0.0/go.mod h1:bbb=',
      'example.com/a v1.2.0 h1:ccc=',
      'example.com/a v1.10.0/go.mod h1:ddd=',
      'example.com/only-graph v0.1.0/go.mod h1:eee=',
      '',
      'example.com/b v0.0.0-20200101000000-abcdefabcdef h1:fff=',
    ].join('\n');
    const r = parseGoSum('/w/go.sum', text);
    assert.deepEqual(r.errors, []);
    assert.equal(r.kind, 'lockfile');
    assert.deepEqual(
      r.packages.map((p) => [p.name, p.version, p.integrity, slice(text, p.nameRange), slice(text, p.versionRange), p.direct]),
      [
        ['example.com/a', '1.2.0', 'h1:ccc=', 'example.com/a', 'v1.2.0', false],
        ['example.com/b', '0.0.0-20200101000000-abcdefabcdef', 'h1:fff=', 'example.com/b', 'v0.0.0-20200101000000-abcdefabcdef', false],
      ],
    );
    assert.equal(r.importers, undefined, 'go.sum records no roots');
  });

  it('hugo go.sum: 138 modules built, no /go.mod-only entries', () => {
    const r = parseGoSum('/w/go.sum', read('realworld/hugo-2021-go/go.sum'));
    assert.deepEqual(r.errors, []);
    assert.equal(r.packages.length, 138);
    assert.ok(r.packages.some((p) => p.name === 'github.com/aws/aws-sdk-go' && p.version === '1.41.14'));
    assert.ok(!r.packages.some((p) => p.name === 'bazil.org/fuse'), 'bazil.org/fuse has only a /go.mod line');
  });

  it('stays silent when a go.mod sits next to it (go.mod is read instead)', () => {
    const dir = join(ROOT, 'scenarios/go-1.16-with-sum');
    const r = parseGoSum(join(dir, 'go.sum'), read('scenarios/go-1.16-with-sum/go.sum'), diskContext());
    assert.deepEqual(r.packages, []);
    assert.deepEqual(r.inputs, [join(dir, 'go.mod')]);
  });

  it('reads a go.sum with no go.mod beside it', () => {
    const dir = join(ROOT, 'scenarios/go-sum-alone');
    const r = parseGoSum(join(dir, 'go.sum'), read('scenarios/go-sum-alone/go.sum'), diskContext());
    assert.equal(r.packages.length, 6);
  });

  it('a malformed line is one error at that line', () => {
    const r = parseGoSum('/w/go.sum', 'example.com/a v1.0.0 h1:aaa=\nexample.com/b v1.0.0\n');
    assert.equal(r.errors.length, 1);
    assert.deepEqual(r.errors[0]!.range.start, { line: 1, character: 0 });
    assert.match(r.errors[0]!.message, /^could not parse go.sum at 2:1: /);
    assert.deepEqual(r.packages, []);
  });
});

describe('go.work parser', () => {
  const dir = join(ROOT, 'scenarios/workspace');
  const text = read('scenarios/workspace/go.work');

  it('use directives are the workspace members; stdlib comes from the toolchain line', () => {
    const r = parseGoWork(join(dir, 'go.work'), text);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.project?.workspaces, ['api', 'tools', 'missing']);
    assert.deepEqual(
      r.packages.map((p) => [p.name, p.version, slice(text, p.versionRange)]),
      [['stdlib', '1.22.5', 'go1.22.5']],
    );
  });

  it('with a context, reports the workspace replacements that a member requires', () => {
    const context = diskContext();
    const r = parseGoWork(join(dir, 'go.work'), text, context);
    assert.deepEqual(r.inputs, [join(dir, 'api/go.mod'), join(dir, 'tools/go.mod')]);
    const replaced = r.packages.filter((p) => p.groups.includes('replace'));
    assert.deepEqual(
      replaced.map((p) => [p.name, p.version, p.direct, slice(text, p.versionRange)]),
      [['golang.org/x/text', '0.14.0', false, 'v0.14.0']],
    );
    // The missing member gets a warning at its use line; nothing stops.
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]!.severity, 'warning');
    assert.equal(slice(text, r.errors[0]!.range), './missing');
  });

  it('an unknown directive is one error at it', () => {
    const r = parseGoWork('/w/go.work', 'go 1.22\nrequire x v1.0.0\n');
    assert.equal(r.errors.length, 1);
    assert.deepEqual(r.errors[0]!.range.start, { line: 1, character: 0 });
    assert.match(r.errors[0]!.message, /unknown directive: require/);
  });
});
