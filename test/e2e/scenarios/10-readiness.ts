import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '../lib/wait';
import type { Scenario } from '../scenario';

const READY = 'Chainsight: 1 critical, 5 high, 3 moderate, 3 low';

/** Output-channel logs named "Chainsight" under code-server's log folder: where failure artifacts come from. */
function chainsightLogs(userDataDir: string): string[] {
  const root = join(userDataDir, 'logs');
  return (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('/Chainsight.log'));
}

/**
 * Readiness: the packaged extension activates on a workspace with a package.json, starts its server,
 * scans without any file open, and reports ready through its status item (waited on, never slept on):
 * the counts, a tooltip naming the data source, the Problems counter. Restart Server goes through
 * "starting…" back to the same ready text.
 */
export const scenario: Scenario = {
  name: '10-readiness',
  workspace: 'npm-app',
  trusted: true,
  async run(h) {
    // A cold start on two busy cores: activation, server start, OSV index, scan.
    await h.waitForStatusItem('Chainsight is ready with the counts', (t) => t === READY, 60_000);
    await h.problems.waitForCounts('the findings of both files, none open', (c) => c.errors === 8 && c.warnings === 4 && c.infos === 3);

    const tooltip = await h.statusTooltip('the Chainsight item', (t) => t === READY);
    const osv = join(h.files.dir, 'osv');
    assert.match(tooltip, new RegExp(`^Chainsight — 60 packages checked, 9 vulnerable\\n+Vulnerability data: 12 records from ${osv.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ (min|h|days) old\\)$`));
    await h.page.mouse.move(1, 1);

    // The server's output channel is where failure artifacts collect its log from.
    assert.equal(chainsightLogs(h.workbench.userDataDir).length, 1, 'one "Chainsight" output log');

    const recorded = await h.recordStatusTexts('Chainsight:');
    await h.runCommand('Chainsight: Restart Server');
    const texts = await until(
      'the status item to go through "starting…" and back to ready',
      async () => {
        const t = await recorded();
        const starting = t.indexOf('Chainsight: starting…');
        return starting >= 0 && t.at(-1) === READY && t.length > starting + 1 ? t : undefined;
      },
      async () => JSON.stringify(await recorded()),
      { timeoutMs: 60_000 },
    );
    h.log(`status texts after Restart Server: ${JSON.stringify(texts)}`);
    assert.equal(texts[0], READY);
    await h.problems.waitForCounts('the findings republished', (c) => c.errors === 8 && c.warnings === 4 && c.infos === 3);
  },
};
