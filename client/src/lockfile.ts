import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { ProgressLocation, window, workspace } from 'vscode';
import { LOCKFILE_COMMAND_REQUEST, type LockfileCommandResult, SCAN_WORKSPACE_REQUEST } from '../../server/src/protocol';
import type { ChainsightClient } from './client';

/**
 * Package managers run install scripts and read project config: running one is executing the
 * workspace's code. So they run only when the user asks, only in a trusted workspace, without a
 * shell, and with their output in the Chainsight channel.
 */
export async function updateLockfile(client: ChainsightClient, uri: string | undefined): Promise<void> {
  if (!workspace.isTrusted) {
    void window.showErrorMessage('Chainsight does not run package managers in an untrusted workspace. Trust the workspace to update the lockfile.');
    return;
  }
  const command = await client.request<LockfileCommandResult | null>(LOCKFILE_COMMAND_REQUEST, uri ? { uri } : {});
  if (!command) {
    void window.showInformationMessage('Chainsight: no lockfile to update for this file.');
    return;
  }
  await run(client, command);
}

/** Runs a command a code action proposed (e.g. `cargo update -p x --precise 1.2.3`). */
export async function runPackageManager(client: ChainsightClient, spec: unknown): Promise<void> {
  if (!workspace.isTrusted) {
    void window.showErrorMessage('Chainsight does not run package managers in an untrusted workspace.');
    return;
  }
  const s = spec as { command?: unknown; args?: unknown; cwd?: unknown } | undefined;
  if (typeof s?.command !== 'string' || !Array.isArray(s.args) || !s.args.every((a) => typeof a === 'string') || typeof s.cwd !== 'string') return;
  await run(client, { command: s.command, args: s.args as string[], cwd: dirname(s.cwd), lockfile: s.cwd });
}

async function run(client: ChainsightClient, command: LockfileCommandResult): Promise<void> {
  const line = [command.command, ...command.args].join(' ');
  client.output.appendLine(`> ${line}   (in ${command.cwd})`);
  client.output.show(true);
  const code = await window.withProgress({ location: ProgressLocation.Notification, title: `Chainsight: ${line}`, cancellable: true }, (_p, token) =>
    new Promise<number | null>((resolve) => {
      // Windows resolves `npm` to npm.cmd only through a shell; the arguments are ours, never user text.
      const child = spawn(command.command, command.args, { cwd: command.cwd, shell: process.platform === 'win32', env: process.env });
      child.stdout.on('data', (d: Buffer) => client.output.append(d.toString()));
      child.stderr.on('data', (d: Buffer) => client.output.append(d.toString()));
      child.on('error', (err) => {
        client.output.appendLine(`could not start ${command.command}: ${err.message}`);
        resolve(null);
      });
      child.on('close', (exit) => resolve(exit));
      token.onCancellationRequested(() => child.kill());
    }),
  );
  if (code === 0) {
    client.output.appendLine(`✓ ${line} finished`);
    await client.request(SCAN_WORKSPACE_REQUEST, {}).catch(() => undefined);
  } else {
    void window.showErrorMessage(`Chainsight: "${line}" failed${code === null ? '' : ` (exit code ${code})`}. See the Chainsight output.`);
  }
}
