// Bundles the four entry points. Type checking is separate (`npm run typecheck`).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const quiet = args.has('--quiet');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: quiet ? 'warning' : 'info',
  // jsonc-parser's package.json points esbuild at its UMD build, which hides requires from the bundler.
  mainFields: ['module', 'main'],
  define: { CHAINSIGHT_VERSION: JSON.stringify(version) },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/engine.ts'], outfile: 'dist/engine.js' },
];

/** Files that bundles load at run time from next to themselves. */
function copyAssets() {
  mkdirSync('dist', { recursive: true });
  for (const [from, to] of ASSETS) copyFileSync(from, to);
}
const ASSETS = [
  // node-sqlite3-wasm loads its WebAssembly from next to its own JS, which esbuild puts in dist/.
  ['node_modules/node-sqlite3-wasm/dist/node-sqlite3-wasm.wasm', 'dist/node-sqlite3-wasm.wasm'],
];

if (watch) {
  const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
  copyAssets();
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  copyAssets();
}
