import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { ProgressLocation, window } from 'vscode';
import { fixCommandRequest, lockfileCommandRequest, PACKAGE_MANAGERS, type PackageManagerRun, scanWorkspaceRequest } from '../../server/src/protocol';
import type { ChainsightClient } from './client';

/**
 * Package managers run install scripts and read project config: running one is executing the
 * workspace's code. So they run only when the user asks, only in a trusted workspace (the command
 * registry checks), only a plan the server made, without a shell, and with their output in the
 * Chainsight channel.
 */
export async function updateLockfile(client: ChainsightClient, uri: string | undefined): Promise<void> {
  const run = await client.request(lockfileCommandRequest, uri ? { uri } : {});
  if (!run) {
    void window.showInformationMessage('Chainsight: no lockfile to update for this file.');
    return;
  }
  await runPlanned(client, run);
}

/** Runs the command a code action proposed (e.g. `cargo update -p x --precise 1.2.3`), named by the opaque id the server issued. */
export async function runFixCommand(client: ChainsightClient, id: unknown): Promise<void> {
  const run = typeof id === 'string' ? await client.request(fixCommandRequest, { id }) : null;
  if (!run) {
    void window.showErrorMessage('Chainsight: this fix is no longer current (or was not offered by Chainsight); ask for the quick fixes again.');
    return;
  }
  await runPlanned(client, run);
}

async function runPlanned(client: ChainsightClient, run: PackageManagerRun): Promise<void> {
  // The server only plans package managers; checking again here means no other path can slip a program in.
  if (!PACKAGE_MANAGERS.has(basename(run.command))) {
    void window.showErrorMessage(`Chainsight runs package managers only, not ${run.command}.`);
    return;
  }
  const line = [run.command, ...run.args].join(' ');
  client.output.appendLine(`> ${line}   (in ${run.cwd})`);
  client.output.show(true);
  const code = await window.withProgress({ location: ProgressLocation.Notification, title: `Chainsight: ${line}`, cancellable: true }, (_p, token) =>
    new Promise<number | null>((resolve) => {
      // Windows resolves `npm` to npm.cmd only through a shell; the arguments are ours, never user text.
      const child = spawn(run.command, run.args, { cwd: run.cwd, shell: process.platform === 'win32', env: process.env });
      child.stdout.on('data', (d: Buffer) => client.output.append(d.toString()));
      child.stderr.on('data', (d: Buffer) => client.output.append(d.toString()));
      child.on('error', (err) => {
        client.output.appendLine(`could not start ${run.command}: ${err.message}`);
        resolve(null);
      });
      child.on('close', (exit) => resolve(exit));
      token.onCancellationRequested(() => child.kill());
    }),
  );
  if (code === 0) {
    client.output.appendLine(`✓ ${line} finished`);
    await client.request(scanWorkspaceRequest).catch(() => undefined);
  } else {
    void window.showErrorMessage(`Chainsight: "${line}" failed${code === null ? '' : ` (exit code ${code})`}. See the Chainsight output.`);
  }
}
