import { type Connection, MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import { APPLY_TRIAGE_COMMAND, RUN_FIX_COMMAND, type TriageEditParams, UPDATE_LOCKFILE_COMMAND } from '../protocol';
import { applyTriage } from './triage-edit';
import type { WorkspaceService } from '../service/workspace-service';
import type { UriMap } from './uris';

/**
 * `workspace/executeCommand` for editors without a runner of their own (Neovim, Helix, Emacs, …):
 * the commands code actions carry. The service decides whether it may run anything; the user hears
 * the outcome as a message either way.
 */
export function registerCommands(connection: Connection, service: WorkspaceService, uris: UriMap, client: { applyEdit: boolean }): void {
  connection.onExecuteCommand(async (params) => {
    try {
      const arg = params.arguments?.[0];
      let outcome: { ok: boolean; message: string };
      if (params.command === RUN_FIX_COMMAND) outcome = await service.runForClient(service.issuedRun(arg));
      else if (params.command === UPDATE_LOCKFILE_COMMAND) {
        const run = service.lockfileCommand(typeof arg === 'string' ? uris.toPath(arg) : undefined);
        outcome = run ? await service.runForClient(run) : { ok: false, message: 'Chainsight: no lockfile to update for this file.' };
      } else if (params.command === APPLY_TRIAGE_COMMAND) outcome = await applyTriage(connection, service, uris, arg as TriageEditParams | undefined, client.applyEdit);
      else outcome = { ok: false, message: `Chainsight does not know the command ${params.command}.` };
      // A notification, not a request: nothing for the user to answer.
      void connection.sendNotification(ShowMessageNotification.type, { type: outcome.ok ? MessageType.Info : MessageType.Warning, message: outcome.message });
      return null;
    } catch (err) {
      connection.console.error(`command ${params.command} failed: ${(err as Error).stack ?? err}`);
      return null;
    }
  });
}
