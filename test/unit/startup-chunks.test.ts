import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIST = join(__dirname, '..', '..', 'dist');

/** server-main.mjs and every chunk it imports statically, transitively: what start-up compiles. */
function startupModules(): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(join(DIST, file), 'utf8');
    seen.set(file, text);
    for (const m of text.matchAll(/^import [^;]*? from "\.\/(server-chunk-[A-Za-z0-9]+\.mjs)";/gm)) visit(m[1]!);
  };
  visit('server-main.mjs');
  return seen;
}

/**
 * Start-up (and so the time to the first diagnostics) compiles only what a first scan needs: the HTTP
 * stack, Sigstore and TUF load with their first use. Reads the development build `npm test` makes,
 * whose bundles name each module they hold in a `// node_modules/…` line (`// ../main/node_modules/…`
 * where node_modules is a link to another checkout's, as in a git worktree).
 */
describe('the language server loads its heavy parts lazily', () => {
  const cases = [
    { name: 'undici (the HTTP client)', pattern: /^\/\/ (?:[\w./-]*\/)?node_modules\/undici\//m },
    { name: 'Sigstore', pattern: /^\/\/ (?:[\w./-]*\/)?node_modules\/@sigstore\//m },
    { name: 'TUF', pattern: /^\/\/ (?:[\w./-]*\/)?node_modules\/@tufjs\//m },
    { name: 'pg (PostgreSQL)', pattern: /^\/\/ (?:[\w./-]*\/)?node_modules\/pg\//m },
  ];
  let modules: Map<string, string>;
  before(() => {
    modules = startupModules();
    assert.match(modules.get('server-main.mjs')!, /^\/\/ (?:[\w./-]*\/)?node_modules\/vscode-languageserver\//m, 'a development build, with module markers');
  });
  for (const c of cases) {
    it(`start-up does not load ${c.name}`, () => {
      const holding = [...modules].filter(([, text]) => c.pattern.test(text)).map(([file]) => file);
      assert.deepEqual(holding, []);
    });
  }
});
