// Loaded by VS Code's extension host as `--extensionTestsPath` (bundled to JS by ../build-suite.ts).
// Runs every *.test.js next to it with mocha and rejects when any test fails, which makes VS Code exit
// non-zero.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type MochaType from 'mocha';

export async function run(): Promise<void> {
  const repoRoot = process.env.CHAINSIGHT_REPO_ROOT;
  if (!repoRoot) throw new Error('CHAINSIGHT_REPO_ROOT is not set: run the suite through test/vscode/run.ts');
  // mocha stays outside the bundle (its reporters are loaded by path); take it from the repo's node_modules.
  const Mocha = createRequire(join(repoRoot, 'package.json'))('mocha') as typeof MochaType;
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, file));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
}
