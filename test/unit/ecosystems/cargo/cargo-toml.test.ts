import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCargoToml } from '../../../../server/src/ecosystems/cargo/cargo-toml';
import { diskContext, memoryContext } from '../../../support/parse-contexts';
import { slice } from '../../../support/parse-results';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/cargo/scenarios');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

describe('Cargo.toml parser', () => {
  const text = read('all-forms.toml');
  const result = parseCargoToml(join(ROOT, 'all-forms.toml'), text);

  it('reads the project and no errors', () => {
    assert.deepEqual(result.errors, []);
    assert.equal(result.kind, 'manifest');
    assert.deepEqual(result.project, { name: 'all-forms', version: '0.3.1' });
  });

  type Row = [id: string, name: string, requirement: string | undefined, version: string, groups: string[], source: string, nameText: string, versionText: string | undefined];
  const rows: Row[] = [
    ['dependencies:plain', 'plain', '1.2', '', [], 'registry', 'plain', '1.2'],
    ['dependencies:caret', 'caret', '^0.4', '', [], 'registry', 'caret', '^0.4'],
    ['dependencies:tilde', 'tilde', '~2.1.0', '', [], 'registry', 'tilde', '~2.1.0'],
    ['dependencies:exact', 'exact', '=0.9.3', '0.9.3', [], 'registry', 'exact', '=0.9.3'],
    ['dependencies:tiny', 'tiny', '0.0.7', '0.0.7', [], 'registry', 'tiny', '0.0.7'],
    ['dependencies:ranged', 'ranged', '>= 1.2, < 1.5', '', [], 'registry', 'ranged', '>= 1.2, < 1.5'],
    ['dependencies:star', 'star', '*', '', [], 'registry', 'star', '*'],
    ['dependencies:renamed', 'real-crate', '3', '', [], 'registry', 'real-crate', '3'],
    ['dependencies:quoted-key', 'quoted-key', '1', '', [], 'registry', 'quoted-key', '1'],
    ['dependencies:local', 'local', '0.1', '', [], 'path', 'local', '0.1'],
    ['dependencies:from-git', 'from-git', undefined, '', [], 'git', 'from-git', undefined],
    ['dependencies:private', 'private', '1', '', [], 'url', 'private', '1'],
    ['dependencies:opt', 'opt', '1.0.3', '', ['optional'], 'registry', 'opt', '1.0.3'],
    ['dependencies:noversion', 'noversion', '*', '', [], 'registry', 'noversion', undefined],
    ['dependencies:tabled', 'tabled', '5.1', '', [], 'registry', 'tabled', '5.1'],
    ['dev-dependencies:dotted', 'dotted', '0.8', '', ['dev'], 'registry', 'dotted', '0.8'],
    ['build-dependencies:cc', 'cc', '1.0.83', '', ['build'], 'registry', 'cc', '1.0.83'],
    ["target.cfg(windows).dependencies:winapi", 'winapi', '0.3.9', '', [], 'registry', 'winapi', '0.3.9'],
    ['target.x86_64-unknown-linux-gnu.build-dependencies:pkg-config', 'pkg-config', '0.3', '', ['build'], 'registry', 'pkg-config', '0.3'],
  ];
  it('one package per declared dependency', () => assert.deepEqual(result.packages.map((p) => p.id), rows.map((r) => r[0])));
  for (const [id, name, requirement, version, groups, source, nameText, versionText] of rows) {
    it(`${id}: ${name} ${requirement ?? '(no requirement)'}`, () => {
      const pkg = result.packages.find((p) => p.id === id)!;
      assert.deepEqual([pkg.ecosystem, pkg.name, pkg.requirement, pkg.version, pkg.groups, pkg.source, pkg.direct], ['crates.io', name, requirement, version, groups, source, true]);
      assert.equal(slice(text, pkg.nameRange), nameText);
      assert.equal(slice(text, pkg.versionRange), versionText);
    });
  }

  it('renames keep the key as alias; git and path dependencies say where they come from', () => {
    const byId = (id: string) => result.packages.find((p) => p.id === id)!;
    assert.equal(byId('dependencies:renamed').alias, 'renamed');
    assert.deepEqual([byId('dependencies:from-git').resolved, byId('dependencies:from-git').commit], ['https://github.com/o/r', '0123456789abcdef0123456789abcdef01234567']);
    assert.equal(byId('dependencies:local').resolved, '../local');
  });

  it('a TOML syntax error is one error at its position', () => {
    const r = parseCargoToml('/w/Cargo.toml', '[package]\nname = "x"\n[dependencies]\nserde == "1"\n');
    assert.equal(r.errors.length, 1);
    assert.deepEqual(r.errors[0]!.range.start, { line: 3, character: 7 });
    assert.equal(r.errors[0]!.message, 'could not parse Cargo.toml at 4:8: Unexpected token');
    assert.deepEqual(r.packages, []);
  });
});

describe('Cargo.toml in a workspace', () => {
  const ws = join(ROOT, 'workspace');

  it('the root declares its members and the shared [workspace.dependencies]', () => {
    const r = parseCargoToml(join(ws, 'Cargo.toml'), read('workspace/Cargo.toml'), diskContext());
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.project, { workspaces: ['crates/*', 'cli'] });
    assert.deepEqual(
      r.packages.map((p) => [p.id, p.name, p.requirement, p.version]),
      [
        ['workspace.dependencies:serde', 'serde', '1.0.190', ''],
        ['workspace.dependencies:syn', 'syn', '1', ''],
        ['workspace.dependencies:regex', 'regex', '=1.10.2', '1.10.2'],
      ],
    );
    assert.equal(r.inputs, undefined, 'the root inherits from itself: nothing else read');
  });

  it('`workspace = true` takes the requirement from the root, found by walking up', () => {
    const text = read('workspace/crates/core-lib/Cargo.toml');
    const context = diskContext();
    const r = parseCargoToml(join(ws, 'crates/core-lib/Cargo.toml'), text, context);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(context.reads, [join(ws, 'crates/Cargo.toml'), join(ws, 'Cargo.toml')]);
    assert.deepEqual(r.inputs, [join(ws, 'Cargo.toml')], 'only files that were there are inputs');
    assert.deepEqual(
      r.packages.map((p) => [p.name, p.requirement, p.source, slice(text, p.nameRange), p.versionRange]),
      [
        ['serde', '1.0.190', 'registry', 'serde', undefined],
        ['syn', '1', 'registry', 'syn', undefined],
      ],
    );
  });

  it('inherits the package version, keeps optional, marks git and other registries, warns on a missing root entry', () => {
    const text = read('workspace/cli/Cargo.toml');
    const r = parseCargoToml(join(ws, 'cli/Cargo.toml'), text, diskContext());
    assert.deepEqual(r.project, { name: 'cli', version: '0.1.0' });
    assert.deepEqual(
      r.packages.map((p) => [p.name, p.requirement, p.source, p.groups]),
      [
        ['core-lib', undefined, 'path', []],
        ['helper', undefined, 'path', []],
        ['serde', '1.0.190', 'registry', ['optional']],
        ['tokio', undefined, 'git', []],
        ['private-crate', '0.3', 'url', []],
        ['missing-dep', undefined, 'registry', []],
      ],
    );
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0]!.severity, 'warning');
    assert.equal(slice(text, r.errors[0]!.range), 'missing-dep');
  });

  it('without a parse context, inherited entries are kept without requirement and without warnings', () => {
    const r = parseCargoToml(join(ws, 'cli/Cargo.toml'), read('workspace/cli/Cargo.toml'));
    assert.deepEqual(r.errors, []);
    assert.equal(r.packages.find((p) => p.name === 'serde')!.requirement, undefined);
  });

  it('the nearest [workspace] is the root, even an empty one (as Cargo decides)', () => {
    const context = memoryContext({
      '/r/Cargo.toml': '[workspace]\n',
      '/Cargo.toml': '[workspace.dependencies]\nserde = "1"\n',
    });
    const r = parseCargoToml('/r/m/Cargo.toml', '[package]\nname = "m"\n[dependencies]\nserde.workspace = true\n', context);
    assert.deepEqual(context.reads, ['/r/Cargo.toml']);
    assert.equal(r.packages[0]!.requirement, undefined);
    assert.match(r.errors[0]!.message, /\/r\/Cargo.toml has no \[workspace.dependencies\] entry/);
  });
});
