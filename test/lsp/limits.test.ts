import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { LspTestClient } from '../support/lsp-client';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

const EXAMPLE = join(__dirname, '../../examples/npm-app');

/** Issue 11, defects 5 and 7: what the server does not read, it says, in the status. */
describe('language server: limits and omissions in the status', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspTestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws.dispose();
  });

  const rows: Array<{ name: string; setup: (ws: TempWorkspace) => void; settings: Record<string, unknown>; says: RegExp }> = [
    {
      name: 'a lockfile that is a symbolic link to a device is refused, not read forever',
      setup: (w) => symlinkSync('/dev/zero', w.path('app/package-lock.json')),
      settings: {},
      says: /app\/package-lock\.json was not read: a symbolic link to \/dev\/zero, outside the workspace folder/,
    },
    {
      name: 'a file over chainsight.limits.maxFileBytes is skipped, and the remedy names the setting',
      setup: () => undefined,
      settings: { limits: { maxFileBytes: 4_096 } },
      says: /package-lock\.json was not read: .*; raise chainsight\.limits\.maxFileBytes/,
    },
  ];
  for (const row of rows) {
    it(row.name, async () => {
      ws = tempWorkspace({ '.': { copyFrom: EXAMPLE }, 'app/package.json': '{"name":"app","dependencies":{"left-pad":"1.0.0"}}' });
      row.setup(ws);
      client = await LspTestClient.start(ws.root, { osv: { offlineData: './osv' }, ...row.settings });
      const status = await client.waitForStatus((s) => s.state === 'ready');
      assert.equal(status.data.incomplete, true);
      assert.ok(status.omissions?.some((o) => row.says.test(o)), JSON.stringify(status.omissions));
    });
  }

  it('untrusted: the repository cannot lift the limits that protect the machine', async () => {
    ws = tempWorkspace({ '.': { copyFrom: EXAMPLE } });
    client = await LspTestClient.start(ws.root, { limits: { maxFileBytes: 1e12 } }, { initializationOptions: { workspaceTrusted: false, settings: { chainsight: { osv: { offlineData: ws.path('osv') }, limits: { maxFileBytes: 4_096 } } } } });
    const status = await client.waitForStatus((s) => s.state === 'ready');
    assert.ok(status.omissions?.some((o) => /package-lock\.json was not read/.test(o)), JSON.stringify(status.omissions));
  });
});
