import { type CodeAction, CodeActionKind, type Command, type Connection, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import { rangesOverlap } from '../core/text-range';
import { APPLY_TRIAGE_COMMAND, RUN_FIX_COMMAND, TRIAGE_COMMAND, type TriageCommandArgs, type TriageEditParams, UPDATE_LOCKFILE_COMMAND } from '../protocol';
import type { ActionPlan, WorkspaceService } from '../service/workspace-service';
import type { UriMap } from './uris';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.chainsight`;

export function registerCodeActions(connection: Connection, service: WorkspaceService, uris: UriMap): void {
  connection.onCodeAction((params) => {
    try {
      const path = uris.toPath(params.textDocument.uri);
      if (!path) return [];
      const only = params.context.only;
      // Fix-all is a source action: offered when asked for (on save, the Source Action menu), not
      // in every light bulb.
      const wants = (kind: string, byDefault: boolean) => (only ? only.some((o) => kind === o || kind.startsWith(`${o}.`)) : byDefault);
      const actions: CodeAction[] = [];
      if (wants(FIX_ALL_KIND, false)) {
        const all = service.fixAll(path);
        if (all) actions.push({ title: 'Fix all Chainsight findings in this file', kind: FIX_ALL_KIND, edit: { changes: { [uris.toUri(all.path)]: [all.edit] } } });
      }
      if (wants(CodeActionKind.QuickFix, true)) {
        // Triage is offered on a vulnerability diagnostic (the ones under the cursor come with the request).
        const onVulnerability = params.context.diagnostics.some((d) => d.source === 'chainsight' && (d.data as { kind?: unknown } | undefined)?.kind === 'vulnerability');
        for (const plan of service.codeActions(path, params.range, { triage: onVulnerability })) actions.push(toCodeAction(plan, params.context.diagnostics, uris));
      }
      return actions;
    } catch (err) {
      connection.console.error(`code actions failed: ${(err as Error).stack ?? err}`);
      return [];
    }
  });
}

function toCodeAction(plan: ActionPlan, diagnostics: Diagnostic[], uris: UriMap): CodeAction {
  const action: CodeAction = { title: plan.title, kind: CodeActionKind.QuickFix, isPreferred: plan.preferred };
  const linked = diagnostics.filter((d) => d.source === 'chainsight' && rangesOverlap(d.range, plan.target.range));
  if (linked.length) action.diagnostics = linked;
  if (plan.edits.length) {
    const edit: WorkspaceEdit = { changes: {} };
    for (const { path, edits } of plan.edits) edit.changes![uris.toUri(path)] = edits;
    action.edit = edit;
  }
  if (plan.command) action.command = toCommand(plan.command, uris);
  return action;
}

function toCommand(command: NonNullable<ActionPlan['command']>, uris: UriMap): Command {
  switch (command.kind) {
    case 'run':
      return { title: command.title, command: RUN_FIX_COMMAND, arguments: [command.id] };
    case 'update-lockfile':
      return { title: command.title, command: UPDATE_LOCKFILE_COMMAND, arguments: [uris.toUri(command.path)] };
    case 'triage-ask': {
      const { path, ...rest } = command.ask;
      const args: TriageCommandArgs = { ...rest, uri: uris.toUri(path) };
      return { title: command.title, command: TRIAGE_COMMAND, arguments: [args] };
    }
    case 'triage-apply': {
      const { path, ...rest } = command.request;
      const args: TriageEditParams = { target: { ...rest, uri: uris.toUri(path) }, decision: command.decision };
      return { title: command.title, command: APPLY_TRIAGE_COMMAND, arguments: [args] };
    }
  }
}
