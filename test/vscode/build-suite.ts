import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const SUITE_DIR = join(__dirname, 'suite');

/**
 * Bundles the suite (TypeScript) into `outDir` as CommonJS for VS Code's extension host: one file per
 * `*.test.ts` plus `index.js`, `vscode` and `mocha` left external (the host provides the first; index.ts
 * loads the second from the repo).
 */
export async function buildSuite(outDir: string): Promise<string> {
  const entries = readdirSync(SUITE_DIR)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => join(SUITE_DIR, f));
  await esbuild.build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
    // jsonc-parser's package.json points esbuild at its UMD build otherwise (as in esbuild.mjs).
    mainFields: ['module', 'main'],
  });
  return join(outDir, 'index.js');
}
