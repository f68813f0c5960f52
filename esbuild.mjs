// Bundles the four entry points. Type checking is separate (`npm run typecheck`).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

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
  // The language server is ESM with code splitting: what a first scan never needs (Sigstore, TUF,
  // undici — the HTTP client loads with the first connection pool —, the offline importer, pg) sits in
  // chunks loaded on first use, so start-up compiles less than half the code
  // (test/unit/startup-chunks.test.ts). The banner gives bundled CommonJS code its `require` and `__dirname` (chunks stay in
  // dist/, where node-sqlite3-wasm looks for its .wasm). dist/server.js is a CommonJS launcher, so
  // `node dist/server.js --stdio` and VS Code's fork keep working.
  {
    entryPoints: { 'server-main': 'server/src/server.ts' },
    outdir: 'dist',
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'server-chunk-[hash]',
    banner: {
      js: "import { createRequire as __chainsightRequire } from 'node:module'; import { fileURLToPath as __chainsightPath } from 'node:url'; import { dirname as __chainsightDir } from 'node:path'; const require = __chainsightRequire(import.meta.url); const __filename = __chainsightPath(import.meta.url); const __dirname = __chainsightDir(__filename);",
    },
  },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/engine.ts'], outfile: 'dist/engine.js' },
];

/** Files that bundles load at run time from next to themselves, and the server's launcher. */
function copyAssets() {
  mkdirSync('dist', { recursive: true });
  for (const [from, to] of ASSETS) copyFileSync(from, to);
  writeFileSync('dist/server.js', `#!/usr/bin/env node\n// Starts the language server (an ES module with lazily loaded chunks); see esbuild.mjs.\nimport('./server-main.mjs');\n`);
}

/** Chunks of an earlier build have other hashes: remove them so dist/ holds only what the server loads. */
function removeOldChunks() {
  mkdirSync('dist', { recursive: true });
  for (const f of readdirSync('dist')) if (/^server-(chunk-|main)/.test(f)) rmSync(`dist/${f}`);
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
  removeOldChunks();
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  copyAssets();
}
