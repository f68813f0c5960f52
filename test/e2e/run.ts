// Entry for `npm run test:e2e`: ensures the tools, then runs every scenario in test/e2e/scenarios/ (or
// those named on the command line) each in a fresh code-server + chromium. Exits non-zero on any failure.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { README_SHOTS_DIR } from './lib/artifacts';
import { discoverScenarios } from './lib/discover';
import { log } from './lib/log';
import { reapOrphans } from './lib/orphans';
import { runScenario, type ScenarioResult } from './lib/run-scenario';
import { ShutdownRegistry } from './lib/shutdown';
import { ensureTools } from './tools';

async function main(argv: string[]): Promise<number> {
  const all = discoverScenarios();
  if (argv.includes('--list')) {
    for (const s of all) console.log(s.name);
    return 0;
  }
  const wanted = argv.filter((a) => !a.startsWith('--'));
  const unknown = wanted.filter((w) => !all.some((s) => s.name === w));
  if (unknown.length > 0) {
    console.error(`[e2e] unknown scenario(s): ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const selected = wanted.length > 0 ? all.filter((s) => wanted.includes(s.name)) : all;
  const runStart = Date.now();
  const readmeScreenshots = argv.includes('--readme-screenshots');
  if (readmeScreenshots) rmSync(README_SHOTS_DIR, { recursive: true, force: true });
  const shutdown = new ShutdownRegistry();
  await reapOrphans(log);
  const tools = await ensureTools();
  const results: ScenarioResult[] = [];
  for (const scenario of selected) {
    if (shutdown.interrupted) break;
    log(`▶ ${scenario.name}`);
    const r = await runScenario(tools, scenario, shutdown, { screenshotOnPass: argv.includes('--screenshots'), readmeScreenshots });
    results.push(r);
    const ready = r.readySeconds !== undefined ? ` (workbench ready after ${r.readySeconds.toFixed(1)} s)` : '';
    log(`${r.ok ? '✔ PASS' : '✘ FAIL'} ${r.name} in ${r.seconds.toFixed(1)} s${ready}`);
    if (!r.ok) {
      log(`  ${r.error?.split('\n').join('\n[e2e]   ')}`);
      if (r.artifacts) log(`  artifacts: ${r.artifacts}`);
    }
  }
  const failed = results.filter((r) => !r.ok);
  log(`whole run: ${((Date.now() - runStart) / 1000).toFixed(1)} s`);
  for (const f of failed) log(`failed: ${f.name}${f.artifacts ? ` (artifacts: ${f.artifacts})` : ''}`);
  if (readmeScreenshots) publishReadmeScreenshots(failed.length === 0 && !shutdown.interrupted);
  // The plain closing line CI reads.
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  return shutdown.signalExitCode ?? (failed.length === 0 ? 0 : 1);
}

/** README screenshots go into media/ only from a run where every selected scenario passed. */
function publishReadmeScreenshots(passed: boolean): void {
  const shots = existsSync(README_SHOTS_DIR) ? readdirSync(README_SHOTS_DIR).filter((f) => f.endsWith('.png')) : [];
  if (!passed) {
    log(`README screenshots not copied into media/: the run did not pass (they are in ${README_SHOTS_DIR})`);
    return;
  }
  const media = join(__dirname, '..', '..', 'media');
  mkdirSync(media, { recursive: true });
  for (const f of shots) copyFileSync(join(README_SHOTS_DIR, f), join(media, f));
  log(shots.length > 0 ? `README screenshots copied into media/: ${shots.join(', ')}` : 'no README screenshots were taken');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[e2e] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
