import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Helpers } from '../helpers';
import { waitForWorkbench } from '../pages/workbench-page';
import { DEFAULT_VSIX, type Scenario, type VsixSource } from '../scenario';
import type { Tools } from '../tools';
import { Workbench } from '../workbench';
import { resetArtifacts } from './artifacts';
import { log } from './log';
import type { ShutdownRegistry } from './shutdown';

export interface ScenarioResult {
  name: string;
  ok: boolean;
  seconds: number;
  /** From spawn to a usable workbench; the rest is the scenario's own time. */
  readySeconds?: number;
  error?: string;
  artifacts?: string;
}

const DEFAULT_TIMEOUT_MS = 120_000;

async function resolveVsix(sources: VsixSource[]): Promise<string[]> {
  const paths: string[] = [];
  for (const s of sources) {
    const path = typeof s === 'string' ? s : await s();
    if (!existsSync(path)) {
      throw new Error(
        path === DEFAULT_VSIX ? `${path} does not exist: run \`npm run package\` first (npm run test:e2e does)` : `${path} does not exist`,
      );
    }
    paths.push(path);
  }
  return paths;
}

/** One scenario in its own workbench; never throws: failures become a result with artifacts saved. */
export interface RunOptions {
  /** Also save a screenshot of passing scenarios (`--screenshots`): to see what a scenario sees. */
  screenshotOnPass: boolean;
  /** `--readme-screenshots`: scenarios save the README's screenshots (see Helpers.readmeScreenshot). */
  readmeScreenshots: boolean;
}

export async function runScenario(tools: Tools, scenario: Scenario, shutdown: ShutdownRegistry, opts: RunOptions): Promise<ScenarioResult> {
  const start = Date.now();
  const elapsed = (): number => (Date.now() - start) / 1000;
  const artifacts = resetArtifacts(scenario.name);
  let readySeconds: number | undefined;
  let wb: Workbench | undefined;
  let prepared: Promise<(() => Promise<void>) | void> | undefined;
  try {
    const vsix = await resolveVsix(scenario.vsix ?? [DEFAULT_VSIX]);
    wb = new Workbench(tools, {
      name: scenario.name,
      workspace: scenario.workspace,
      trusted: scenario.trusted,
      userSettings: scenario.userSettings,
      machineSettings: scenario.machineSettings,
      vsix,
      openFiles: scenario.openFiles,
    });
    shutdown.add(wb);
    const bench = wb;
    await withDeadline(scenario.timeoutMs ?? DEFAULT_TIMEOUT_MS, `scenario "${scenario.name}"`, async () => {
      if (scenario.prepare) {
        prepared = scenario.prepare({ workspaceDir: bench.workspaceDir, userDataDir: bench.userDataDir });
        await prepared;
      }
      await bench.launch();
      await waitForWorkbench(bench.page, basename(bench.workspaceDir));
      readySeconds = elapsed();
      await scenario.run(new Helpers(bench, { name: scenario.name, readmeScreenshots: opts.readmeScreenshots }));
    });
    if (opts.screenshotOnPass) {
      mkdirSync(artifacts, { recursive: true });
      await bench.page.screenshot({ path: join(artifacts, 'end.png') });
      log(`  screenshot: ${join(artifacts, 'end.png')}`);
    }
    if (bench.guard.attempts.length > 0) {
      throw new Error(`requests to hosts other than 127.0.0.1 were attempted (and aborted):\n  ${bench.guard.attempts.join('\n  ')}`);
    }
    return { name: scenario.name, ok: true, seconds: elapsed(), readySeconds };
  } catch (e) {
    const cause = e instanceof Error ? (e.stack ?? e.message) : String(e);
    const error = shutdown.interrupted ? `interrupted (the workbench was stopped under it): ${cause}` : cause;
    if (wb) await wb.saveFailureArtifacts(artifacts).catch((err: Error) => log(`  saving artifacts failed: ${err.message}`));
    if (existsSync(artifacts)) writeFileSync(join(artifacts, 'error.txt'), error + '\n');
    return { name: scenario.name, ok: false, seconds: elapsed(), readySeconds, error, artifacts: existsSync(artifacts) ? artifacts : undefined };
  } finally {
    if (wb) {
      await wb.stop().catch((err: Error) => log(`  stopping the workbench failed: ${err.message}`));
      shutdown.delete(wb);
    }
    // Also when the deadline cut prepare short: its cleanup runs once it has finished.
    const cleanup = prepared ? await prepared.catch(() => undefined) : undefined;
    if (cleanup) await cleanup().catch((err: Error) => log(`  the scenario's cleanup failed: ${err.message}`));
  }
}

/**
 * Runs `body` with a deadline. On timeout the body is abandoned (the workbench is stopped right after,
 * which ends whatever it was waiting on), and its later rejection is swallowed.
 */
function withDeadline(ms: number, what: string, body: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const run = body();
  run.catch(() => undefined);
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([run, deadline]).finally(() => clearTimeout(timer));
}
