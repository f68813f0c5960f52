import { strict as assert } from 'node:assert';
import { applyEdits } from '../../../../server/src/core/edits';
import { goFixes } from '../../../../server/src/ecosystems/go/fixes';
import { parseGoMod } from '../../../../server/src/ecosystems/go/go-mod';
import type { ParsedFile } from '../../../../server/src/ecosystems/types';

function parsed(text: string): ParsedFile {
  return { path: '/w/go.mod', text, result: parseGoMod('/w/go.mod', text) };
}

function upgrade(text: string, id: string, version: string): string | undefined {
  const file = parsed(text);
  const pkg = file.result.packages.find((p) => p.id === id);
  assert.ok(pkg, `no ${id}`);
  const edits = goFixes.upgrade(file, pkg, version);
  return edits && applyEdits(text, edits);
}

const BASE = `module example.com/m

go 1.22.0

require github.com/gin-gonic/gin v1.9.0

require (
\tgolang.org/x/net v0.17.0
\tgithub.com/old/name v1.2.3
)

require (
\tgithub.com/bytedance/sonic v1.9.1 // indirect
\tgolang.org/x/sys v0.13.0 // indirect
)

replace github.com/old/name v1.2.3 => github.com/new/name v1.4.0
`;

describe('go.mod fixes', () => {
  const upgrades: Array<{ name: string; id: string; version: string; from: string; to: string }> = [
    { name: 'single-line require', id: 'require:github.com/gin-gonic/gin', version: '1.9.1', from: 'require github.com/gin-gonic/gin v1.9.0\n', to: 'require github.com/gin-gonic/gin v1.9.1\n' },
    { name: 'block require', id: 'require:golang.org/x/net', version: '0.23.0', from: '\tgolang.org/x/net v0.17.0\n', to: '\tgolang.org/x/net v0.23.0\n' },
    { name: 'indirect require keeps its comment', id: 'indirect:golang.org/x/sys', version: 'v0.15.0', from: 'golang.org/x/sys v0.13.0 // indirect', to: 'golang.org/x/sys v0.15.0 // indirect' },
    { name: 'replaced module moves on the replace line', id: 'require:github.com/old/name', version: '1.4.2', from: '=> github.com/new/name v1.4.0', to: '=> github.com/new/name v1.4.2' },
    { name: 'stdlib: a toolchain line is added for go 1.21+', id: 'go:stdlib', version: '1.22.4', from: 'go 1.22.0\n', to: 'go 1.22.0\n\ntoolchain go1.22.4\n' },
  ];
  for (const u of upgrades) {
    it(`upgrade: ${u.name}`, () => {
      const out = upgrade(BASE, u.id, u.version);
      assert.equal(out, BASE.replace(u.from, u.to));
      const again = parseGoMod('/w/go.mod', out!);
      assert.deepEqual(again.errors, []);
      const pkg = again.packages.find((p) => p.id === u.id)!;
      assert.equal(pkg.version, u.version.replace(/^v/, ''));
    });
  }

  it('upgrade: stdlib moves an existing toolchain line', () => {
    const text = 'module m\n\ngo 1.21\n\ntoolchain go1.21.3\n';
    assert.equal(upgrade(text, 'go:stdlib', '1.21.9'), 'module m\n\ngo 1.21\n\ntoolchain go1.21.9\n');
  });

  it('upgrade: stdlib below go 1.21 cannot be written (the go line is the language version)', () => {
    assert.equal(upgrade('module m\n\ngo 1.17\n', 'go:stdlib', '1.17.13'), undefined);
  });

  it('upgrade: a locally replaced module has nothing to write', () => {
    assert.equal(upgrade('module m\nrequire a.b/c v1.0.0\nreplace a.b/c => ../c\n', 'require:a.b/c', '1.0.1'), undefined);
  });

  it('override: a listed module is bumped in place, with go mod tidy', () => {
    const file = parsed(BASE);
    const fix = goFixes.override!(file, 'golang.org/x/sys', '0.15.0', undefined);
    assert.ok(fix);
    assert.deepEqual(fix.command, { command: 'go', args: ['mod', 'tidy'] });
    assert.equal(applyEdits(BASE, fix.edits), BASE.replace('golang.org/x/sys v0.13.0', 'golang.org/x/sys v0.15.0'));
  });

  it('override: a module not listed is added to the indirect block', () => {
    const fix = goFixes.override!(parsed(BASE), 'golang.org/x/crypto', '0.17.0', undefined)!;
    const out = applyEdits(BASE, fix.edits);
    assert.equal(out, BASE.replace('\tgolang.org/x/sys v0.13.0 // indirect\n', '\tgolang.org/x/sys v0.13.0 // indirect\n\tgolang.org/x/crypto v0.17.0 // indirect\n'));
    const again = parseGoMod('/w/go.mod', out);
    const added = again.packages.find((p) => p.name === 'golang.org/x/crypto')!;
    assert.deepEqual([added.version, added.direct, added.groups], ['0.17.0', false, ['indirect']]);
  });

  it('override: without any require block, a single-line require is appended', () => {
    const text = 'module m\n\ngo 1.22\n\nrequire a.b/c v1.0.0';
    const fix = goFixes.override!(parsed(text), 'golang.org/x/crypto', '0.17.0', undefined)!;
    const out = applyEdits(text, fix.edits);
    assert.equal(out, `${text}\n\nrequire golang.org/x/crypto v0.17.0 // indirect\n`);
    assert.deepEqual(parseGoMod('/w/go.mod', out).errors, []);
  });

  it('override: keeps CRLF line endings', () => {
    const text = BASE.replace(/\n/g, '\r\n');
    const fix = goFixes.override!(parsed(text), 'golang.org/x/crypto', '0.17.0', undefined)!;
    const out = applyEdits(text, fix.edits);
    assert.ok(!/[^\r]\n/.test(out));
    assert.ok(parseGoMod('/w/go.mod', out).packages.some((p) => p.name === 'golang.org/x/crypto'));
  });
});
