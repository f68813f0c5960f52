import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../scenario';

export const SCENARIOS_DIR = join(__dirname, '..', 'scenarios');

/** Every `scenarios/*.ts` in file-name order (the `00-workbench-*` harness guards first). */
export function discoverScenarios(dir = SCENARIOS_DIR): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    // require, not import: discovery is by file name at run time, and tsx compiles .ts on require.
    const mod = require(join(dir, file)) as { scenario?: Scenario };
    if (!mod.scenario || typeof mod.scenario.run !== 'function') {
      throw new Error(`${join(dir, file)} does not export \`scenario\` (see test/e2e/scenario.ts)`);
    }
    scenarios.push(mod.scenario);
  }
  const names = scenarios.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new Error(`two scenarios are named "${dup}"`);
  return scenarios;
}
