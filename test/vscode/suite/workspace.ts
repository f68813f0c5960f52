import * as vscode from 'vscode';

export const EXTENSION_ID = 'chainsight.chainsight';

/** The copy of test/e2e/workspaces/npm-app that run.ts opened; tests may edit it. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open: run the suite through test/vscode/run.ts');
  return folder;
}

export function fileUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, rel);
}

export async function activateExtension(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in the test instance`);
  await ext.activate();
}

/** Opens a workspace file in an editor (some servers only publish for open documents). */
export async function openFile(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/**
 * Resolves with the diagnostics of `uri` once they satisfy `accept`: checked now, then on every
 * onDidChangeDiagnostics event for that uri, failing after `timeoutMs` with what was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  accept: (d: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      cleanup();
      resolve(current);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${vscode.DiagnosticSeverity[d.severity]} ${d.source ?? ''}: ${d.message}`);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${uri.fsPath}; diagnostics: ${JSON.stringify(seen)}`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      sub.dispose();
    }
    check();
  });
}

/** Chainsight's diagnostic for `name@version`, whose message starts with that label (see analysis/messages.ts). */
export function findingFor(diagnostics: readonly vscode.Diagnostic[], label: string): vscode.Diagnostic | undefined {
  return diagnostics.find((d) => d.source === 'chainsight' && d.message.startsWith(`${label}:`));
}

/**
 * Text of hover contents, whichever form the provider used, with Markdown escapes and HTML entities
 * undone: Chainsight escapes advisory text (`GHSA\-jf85…`, `npm\-app &gt; lodash`), and tests compare
 * what a reader sees.
 */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~=:])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Replaces a file's whole text through the editor (document and disk stay in step) and saves it. */
export async function replaceFile(rel: string, text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not restore ${rel}`);
  await doc.save();
}

/** A position in the middle of a one-line range: inside the version token, whatever its quotes. */
export function middleOf(range: vscode.Range): vscode.Position {
  return new vscode.Position(range.start.line, Math.floor((range.start.character + range.end.character) / 2));
}
