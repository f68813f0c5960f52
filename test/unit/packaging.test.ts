import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** What `npm run package` puts in the VSIX: what the extension loads, its icon and docs, nothing else. */
describe('the VSIX contents', function () {
  this.timeout(60_000);
  let files: string[];
  before(() => {
    // `vsce ls` applies .vscodeignore exactly as `vsce package` does, without writing a package.
    const out = execFileSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    files = out.split('\n').map((l) => l.trim()).filter(Boolean);
  });

  it('ships the client, the server, the store engine and the icon', () => {
    for (const needed of ['dist/client.js', 'dist/server.js', 'dist/server-main.mjs', 'dist/node-sqlite3-wasm.wasm', pkg.icon, 'package.json', 'README.md', 'LICENSE']) assert.ok(files.includes(needed), needed);
    // Every chunk the server may load on first use ships with it.
    const chunks = readdirSync(join(ROOT, 'dist')).filter((f) => /^server-chunk-.*\.mjs$/.test(f));
    assert.ok(chunks.length > 0);
    for (const chunk of chunks) assert.ok(files.includes(`dist/${chunk}`), chunk);
    assert.equal(pkg.icon, 'media/icon.png');
  });

  it('leaves out what the extension never loads: the CLI and library bundles, source maps, sources, tests', () => {
    const unwanted = files.filter((f) => f === 'dist/cli.js' || f === 'dist/engine.js' || f.endsWith('.map') || /^(server|client|test|bench|examples)\//.test(f));
    assert.deepEqual(unwanted, []);
  });
});
