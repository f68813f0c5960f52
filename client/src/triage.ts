import { Position, Range, Uri, window, workspace, WorkspaceEdit } from 'vscode';
import { TRIAGE_JUSTIFICATIONS, type TriageCommandArgs, type TriageDecisionParams, triageEditRequest } from '../../server/src/protocol';
import type { ChainsightClient } from './client';
import { futureDate, inDays } from './triage-dates';

/**
 * `chainsight.triage`, behind the triage quick fixes: asks what the decision is (a justification
 * and an impact statement; a date and a reason; an optional note), has the server write the
 * statement into the project's VEX file (`chainsight/triageEdit`), applies it as an edit (so it can
 * be undone) and saves the file, which the CLI and CI then read. Returns the file's path, or
 * undefined when the user cancelled or the server refused.
 */
export async function triageCommand(client: ChainsightClient, arg: unknown): Promise<string | undefined> {
  if (!isTriageArgs(arg)) {
    void window.showErrorMessage('Chainsight: triage is started from a quick fix on a vulnerability.');
    return undefined;
  }
  const decision = await ask(arg);
  if (!decision) return undefined;
  const { kind: _kind, package: _package, ...target } = arg;
  const result = await client.request(triageEditRequest, { target, decision });
  if (!result.ok) {
    void window.showErrorMessage(result.message);
    return undefined;
  }
  const uri = Uri.parse(result.uri);
  const edit = new WorkspaceEdit();
  if (result.exists) {
    const document = await workspace.openTextDocument(uri);
    edit.replace(uri, new Range(document.positionAt(0), document.positionAt(document.getText().length)), result.text);
  } else {
    edit.createFile(uri, { ignoreIfExists: false });
    edit.insert(uri, new Position(0, 0), result.text);
  }
  if (!(await workspace.applyEdit(edit))) {
    void window.showErrorMessage(`Chainsight: could not write ${uri.fsPath}.`);
    return undefined;
  }
  await (await workspace.openTextDocument(uri)).save();
  return uri.fsPath;
}

async function ask(arg: TriageCommandArgs): Promise<TriageDecisionParams | undefined> {
  const title = `${arg.vulnerability} in ${arg.package}`;
  switch (arg.kind) {
    case 'not_affected': {
      const items = TRIAGE_JUSTIFICATIONS.map((j) => ({ label: j.label, detail: j.detail, id: j.id }));
      const picked = await window.showQuickPick(items, { title: `Not affected: ${title}`, placeHolder: 'Why is it not affected? (OpenVEX justification)', ignoreFocusOut: true });
      if (!picked) return undefined;
      const impactStatement = await window.showInputBox({ title: `Not affected: ${title}`, prompt: 'Impact statement: how you know (kept in the VEX file, shown in hovers and reports)', ignoreFocusOut: true, validateInput: required });
      return impactStatement === undefined ? undefined : { status: 'not_affected', justification: picked.id, impactStatement: impactStatement.trim() };
    }
    case 'accept_risk': {
      const until = await window.showInputBox({ title: `Accept risk: ${title}`, prompt: 'Until (YYYY-MM-DD): the finding comes back after that day', value: inDays(90), ignoreFocusOut: true, validateInput: futureDate });
      if (until === undefined) return undefined;
      const reason = await window.showInputBox({ title: `Accept risk until ${until}: ${title}`, prompt: 'Reason', ignoreFocusOut: true, validateInput: required });
      return reason === undefined ? undefined : { status: 'accept_risk', until: until.trim(), reason: reason.trim() };
    }
    case 'under_investigation': {
      const note = await window.showInputBox({ title: `Under investigation: ${title}`, prompt: 'Note (optional)', ignoreFocusOut: true });
      return note === undefined ? undefined : { status: 'under_investigation', ...(note.trim() ? { note: note.trim() } : {}) };
    }
  }
}

function required(value: string): string | undefined {
  return value.trim() ? undefined : 'Say why: the statement is for the people who read the VEX file.';
}

function isTriageArgs(value: unknown): value is TriageCommandArgs {
  const v = value as Partial<TriageCommandArgs> | undefined;
  return typeof v?.uri === 'string' && typeof v.packageId === 'string' && typeof v.vulnerability === 'string' && typeof v.package === 'string' && (v.kind === 'not_affected' || v.kind === 'accept_risk' || v.kind === 'under_investigation');
}
