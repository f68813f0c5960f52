import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient, type StartOptions } from '../support/lsp-client';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** examples/npm-app with its OSV records: lodash@4.17.4 has a critical advisory, body-parser a high one. */
const EXAMPLE = join(__dirname, '../../examples/npm-app');
const hasCritical = (d: Diagnostic[]) => d.some((x) => x.code === 'GHSA-jf85-cpcp-j695');
const noDiagnostics = (d: Diagnostic[]) => d.length === 0;

describe('language server: settings from every kind of client, and what an untrusted workspace may set', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspTestClient | undefined;
  const manifest = () => fileUri(ws.path('package.json'));
  const osv = () => ws.path('osv');

  beforeEach(() => {
    ws = tempWorkspace({ '.': { copyFrom: EXAMPLE } });
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws.dispose();
  });

  const start = async (pulled: Record<string, unknown>, options: StartOptions) => {
    client = await LspTestClient.start(ws.root, pulled, options);
    return client;
  };

  // Issue 12, defect 3: without workspace/configuration (Neovim 0.7) every setting was ignored.
  const channels: Array<{ name: string; options: StartOptions; push?: Record<string, unknown> }> = [
    { name: 'initializationOptions.settings, nested', options: { pullSettings: false, initializationOptions: { settings: { chainsight: { osv: { offlineData: '<osv>' } } } } } },
    { name: 'initializationOptions.settings, dotted keys', options: { pullSettings: false, initializationOptions: { settings: { 'chainsight.osv.offlineData': '<osv>' } } } },
    { name: 'didChangeConfiguration settings (pushed)', options: { pullSettings: false }, push: { osv: { offlineData: '<osv>' } } },
  ];
  for (const row of channels) {
    it(`takes settings from ${row.name} when the client offers no workspace/configuration`, async () => {
      const options = JSON.parse(JSON.stringify(row.options).replaceAll('<osv>', osv())) as StartOptions;
      const c = await start({}, options);
      if (row.push) await c.pushSettings(JSON.parse(JSON.stringify(row.push).replaceAll('<osv>', osv())));
      await c.open(manifest(), readFileSync(ws.path('package.json'), 'utf8'));
      await c.waitForDiagnostics(manifest(), hasCritical);
      const status = await c.waitForStatus((s) => s.state === 'ready' && s.data.kind === 'offline-data');
      assert.equal(status.counts.critical, 1);
    });
  }

  it('untrusted: a setting that would hide findings is taken from the user, not the workspace; trusting the workspace applies it', async () => {
    // The "workspace" (pulled) settings try to hide criticals; the user's own settings give the data.
    const c = await start({ severity: { critical: 'none', high: 'none' }, osv: { offlineData: './nowhere' } }, { initializationOptions: { workspaceTrusted: false, settings: { chainsight: { osv: { offlineData: osv() } } } } });
    await c.open(manifest(), readFileSync(ws.path('package.json'), 'utf8'));
    await c.waitForDiagnostics(manifest(), hasCritical);
    const status = await c.waitForStatus((s) => s.state === 'ready' && s.counts.critical === 1);
    assert.equal(status.trusted, false);
    await c.setTrust(true);
    await c.waitForStatus((s) => s.state === 'ready' && s.trusted);
    // Trusted, the workspace's own choices apply: its (missing) data folder and its hidden severities.
    await c.waitForDiagnostics(manifest(), (d) => !hasCritical(d));
  });

  it('untrusted: pulled settings apply when the client vouches that they honour trust (the VS Code client)', async () => {
    const c = await start({ osv: { offlineData: osv() }, severity: { critical: 'hint', high: 'hint' } }, { initializationOptions: { workspaceTrusted: false, configurationHonoursTrust: true } });
    await c.open(manifest(), readFileSync(ws.path('package.json'), 'utf8'));
    const diagnostics = await c.waitForDiagnostics(manifest(), hasCritical);
    assert.equal(diagnostics.find((d) => d.code === 'GHSA-jf85-cpcp-j695')?.severity, 4 /* Hint */);
  });

  it('untrusted by default: a client that says nothing about trust gets the restricted behaviour', async () => {
    // The user's own settings say offline (no network in tests); the workspace's name a data folder.
    const c = await start({ osv: { offlineData: osv() } }, { initializationOptions: { workspaceTrusted: undefined as never, settings: { chainsight: { osv: { mode: 'offline' } } } } });
    await c.open(manifest(), readFileSync(ws.path('package.json'), 'utf8'));
    const status = await c.waitForStatus((s) => s.state === 'ready');
    assert.equal(status.trusted, false);
    // The data folder came from workspace-level settings only, so it was not used.
    assert.notEqual(status.data.kind, 'offline-data');
    await c.waitForDiagnostics(manifest(), noDiagnostics);
  });
});
