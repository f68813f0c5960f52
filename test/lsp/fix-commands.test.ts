import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { APPLY_TRIAGE_COMMAND, fixCommandRequest, RUN_FIX_COMMAND, UPDATE_LOCKFILE_COMMAND } from '../../server/src/protocol';
import { fileUri, LspTestClient, type StartOptions } from '../support/lsp-client';
import { message } from '../support/lsp-diagnostic-text';
import { OFFLINE_OSV_SETTINGS } from '../support/lsp-fixture-server';
import { tempWorkspace, type TempWorkspace } from '../support/temp-workspace';

/** A Bundler project whose transitive fix is `bundle update --conservative google-protobuf`. */
const FIXTURE = join(__dirname, '../fixtures/lsp/rubygems');

/**
 * Stands in for Bundler on PATH: records how it was started, so the test sees exactly what the
 * server ran, where, and that it ran at all.
 */
const FAKE_BUNDLE = `#!/bin/sh\nprintf '%s\\n' "$PWD" "$@" > "$RECORD"\n`;

describe('language server: fix commands are plans the server issued, run only when the user allows it', function () {
  this.timeout(30_000);
  let ws: TempWorkspace;
  let client: LspTestClient | undefined;
  const record = () => ws.path('bin/ran.txt');

  beforeEach(() => {
    ws = tempWorkspace({ project: { copyFrom: FIXTURE }, 'bin/bundle': FAKE_BUNDLE });
    chmodSync(ws.path('bin/bundle'), 0o755);
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    ws.dispose();
  });

  /** Starts on the project, finds grpc's transitive finding and returns its fix's command. */
  async function fixCommand(options: StartOptions) {
    const env = { ...process.env, PATH: `${ws.path('bin')}${delimiter}${process.env.PATH}`, RECORD: record() };
    client = await LspTestClient.start(ws.path('project'), OFFLINE_OSV_SETTINGS, { env, ...options });
    const gemfile = fileUri(ws.path('project/Gemfile'));
    await client.open(gemfile, readFileSync(ws.path('project/Gemfile'), 'utf8'), 'ruby');
    const diagnostics = await client.waitForDiagnostics(gemfile, (d) => d.some((x) => message(x).startsWith('grpc@')));
    const grpc = diagnostics.find((d) => message(d).startsWith('grpc@'))!;
    const actions = await client.fixActions(gemfile, grpc.range, [grpc]);
    const command = actions.find((a) => a.command?.command === RUN_FIX_COMMAND)?.command;
    assert.ok(command, 'the transitive fix carries a command');
    return { client, command };
  }

  it('carries an opaque id, which resolves to the planned run; forged ids resolve to nothing', async () => {
    const { client: c, command } = await fixCommand({});
    const run = (await c.commandRun(command)).run;
    assert.deepEqual(run, { command: 'bundle', args: ['update', '--conservative', 'google-protobuf'], cwd: ws.path('project'), lockfile: ws.path('project/Gemfile') });
    for (const forged of ['not-an-id', '', JSON.stringify(run)]) assert.equal(await c.connection.sendRequest(fixCommandRequest, { id: forged }), null, forged);
  });

  const refusals: Array<{ name: string; options: StartOptions; says: RegExp }> = [
    { name: 'in an untrusted workspace', options: { initializationOptions: { workspaceTrusted: false, allowPackageManagers: true, configurationHonoursTrust: true } }, says: /untrusted workspace/ },
    { name: 'when the user has not allowed package managers', options: { initializationOptions: { workspaceTrusted: true } }, says: /allowPackageManagers/ },
  ];
  for (const row of refusals) {
    it(`executeCommand runs nothing ${row.name}, and says why`, async () => {
      const { client: c, command } = await fixCommand(row.options);
      await c.executeCommand(command.command, command.arguments ?? []);
      const said = await c.waitForMessage((m) => /Chainsight/.test(m.message));
      assert.match(said.message, row.says);
      assert.equal(existsSync(record()), false, 'the package manager must not have run');
    });
  }

  it('executeCommand runs the planned package manager, without a shell, in the project folder, when trusted and allowed', async () => {
    const { client: c, command } = await fixCommand({ initializationOptions: { workspaceTrusted: true, allowPackageManagers: true } });
    await c.executeCommand(command.command, command.arguments ?? []);
    const said = await c.waitForMessage((m) => /finished|failed/.test(m.message));
    assert.match(said.message, /bundle update --conservative google-protobuf finished/);
    assert.deepEqual(readFileSync(record(), 'utf8').trim().split('\n'), [ws.path('project'), 'update', '--conservative', 'google-protobuf']);
  });

  it('executeCommand with a forged argument runs nothing', async () => {
    const { client: c } = await fixCommand({ initializationOptions: { workspaceTrusted: true, allowPackageManagers: true } });
    await c.executeCommand(RUN_FIX_COMMAND, [{ command: 'bundle', args: ['exec', 'rm', '-rf', '/'], cwd: ws.root }]);
    assert.match((await c.waitForMessage((m) => /Chainsight/.test(m.message))).message, /nothing to run/);
    assert.equal(existsSync(record()), false);
  });

  const advertised: Array<{ name: string; options: StartOptions; commands: string[] | undefined }> = [
    { name: 'clients without a runner of their own', options: {}, commands: [RUN_FIX_COMMAND, UPDATE_LOCKFILE_COMMAND, APPLY_TRIAGE_COMMAND] },
    { name: 'not to VS Code, which registers them itself', options: { initializationOptions: { clientRunsCommands: true } }, commands: undefined },
  ];
  for (const row of advertised) {
    it(`offers the commands through executeCommandProvider to ${row.name}`, async () => {
      client = await LspTestClient.start(ws.path('project'), OFFLINE_OSV_SETTINGS, row.options);
      assert.deepEqual(client.capabilities.executeCommandProvider?.commands, row.commands);
    });
  }
});
