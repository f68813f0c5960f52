import assert from 'node:assert/strict';
import { applyEdits } from '../../../../server/src/core/edits';
import { npmFixes } from '../../../../server/src/ecosystems/npm/fixes';
import { parsePackageJson } from '../../../../server/src/ecosystems/npm/package-json';
import type { ParsedFile } from '../../../../server/src/ecosystems/types';

const manifest = (text: string): ParsedFile => ({ path: '/p/package.json', text, result: parsePackageJson('/p/package.json', text) });

/** Applies the override fix for `lockfileParser` and reads the result back as package.json. */
function overridden(text: string, lockfileParser: string | undefined, name = 'qs', version = '6.5.3') {
  const fix = npmFixes.override!(manifest(text), name, version, lockfileParser);
  assert.ok(fix, 'no fix');
  const after = applyEdits(text, fix.edits);
  return { fix, after, parsed: parsePackageJson('/p/package.json', after) };
}

const BASE = '{\n  "name": "app",\n  "dependencies": {\n    "express": "^4.16.0"\n  }\n}\n';

describe('override fixes for the npm family', () => {
  const ROWS = [
    { parser: 'npm/yarn-lock', title: 'Add yarn resolution qs@^6.5.3', path: ['resolutions', 'qs'] },
    { parser: 'npm/pnpm-lock', title: 'Add pnpm override qs@^6.5.3', path: ['pnpm', 'overrides', 'qs'] },
    { parser: 'npm/bun-lock', title: 'Add bun override qs@^6.5.3', path: ['overrides', 'qs'] },
    { parser: 'npm/package-lock', title: 'Add npm override qs@^6.5.3', path: ['overrides', 'qs'] },
    { parser: undefined, title: 'Add npm override qs@^6.5.3', path: ['overrides', 'qs'] },
  ];
  for (const row of ROWS) {
    it(`${row.parser ?? 'no lockfile'}: writes ${row.path.join('.')}, which the package manager of that lockfile honours`, () => {
      const { fix, after, parsed } = overridden(BASE, row.parser);
      assert.equal(fix.title, row.title);
      assert.deepEqual(parsed.errors, []);
      let node: unknown = JSON.parse(after);
      for (const key of row.path) node = (node as Record<string, unknown>)[key];
      assert.equal(node, '^6.5.3');
      const declaration = parsed.project!.overrides!.find((o) => o.name === 'qs' && o.appliesTo.includes(row.parser ?? 'npm/package-lock'));
      assert.ok(declaration, 'the manifest parser reads the new override as one for this lockfile');
      assert.ok(after.startsWith('{\n  "name": "app",\n  "dependencies": {\n    "express": "^4.16.0"\n  },'), after);
    });
  }

  it('keeps the file’s indentation (tabs)', () => {
    const { after } = overridden('{\n\t"name": "app",\n\t"resolutions": {\n\t\t"ms": "^2.0.0"\n\t}\n}\n', 'npm/yarn-lock');
    assert.equal(after, '{\n\t"name": "app",\n\t"resolutions": {\n\t\t"ms": "^2.0.0",\n\t\t"qs": "^6.5.3"\n\t}\n}\n');
  });

  it('yarn: sets an existing globstar resolution instead of adding a second key', () => {
    const { after } = overridden('{\n  "resolutions": {\n    "**/qs": "6.5.2"\n  }\n}\n', 'npm/yarn-lock');
    assert.equal(after, '{\n  "resolutions": {\n    "**/qs": "^6.5.3"\n  }\n}\n');
  });

  it('pnpm: adds to an existing pnpm.overrides object and replaces an older value', () => {
    const { after } = overridden('{\n  "pnpm": {\n    "overrides": {\n      "ms": "^2.0.0",\n      "qs": "6.5.2"\n    }\n  }\n}\n', 'npm/pnpm-lock');
    assert.equal(after, '{\n  "pnpm": {\n    "overrides": {\n      "ms": "^2.0.0",\n      "qs": "^6.5.3"\n    }\n  }\n}\n');
  });

  it('scoped names are keys like any other', () => {
    const { after } = overridden(BASE, 'npm/pnpm-lock', '@babel/traverse', '7.23.2');
    assert.equal(JSON.parse(after).pnpm.overrides['@babel/traverse'], '^7.23.2');
  });

  it('other ecosystems’ lockfiles get no npm fix', () => {
    assert.equal(npmFixes.override!(manifest(BASE), 'qs', '6.5.3', 'pypi/poetry-lock'), undefined);
  });
});
