import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS, type DiagnosticLevel } from '../../../server/src/protocol';
import { activateExtension, findingFor, openFile, waitForDiagnostics, workspaceFolder } from './workspace';

const LODASH = 'lodash@4.17.4';
type Rated = keyof typeof DEFAULT_SETTINGS.severity;

const LEVEL: Record<Exclude<DiagnosticLevel, 'none'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The worst severity a message names: they are listed worst first, "(1 critical, 2 high)" or "(high)". */
function worstIn(message: string): Rated {
  const m = /\((?:\d+ )?(critical|high|moderate|low|unknown)\b/.exec(message);
  assert.ok(m, `a severity in "${message}"`);
  return m[1] as Rated;
}

describe('settings reach the server', () => {
  before(activateExtension);

  it('changing chainsight.severity.<level> changes the diagnostic severity without a reload', async () => {
    const doc = await openFile('package.json');
    const initialDiagnostics = await waitForDiagnostics(doc.uri, `a diagnostic for ${LODASH}`, (d) => !!findingFor(d, LODASH));
    const d = findingFor(initialDiagnostics, LODASH)!;
    const rated = worstIn(d.message);
    const initial = DEFAULT_SETTINGS.severity[rated];
    assert.notEqual(initial, 'none');
    assert.equal(d.severity, LEVEL[initial as Exclude<DiagnosticLevel, 'none'>]);

    const config = vscode.workspace.getConfiguration('chainsight', workspaceFolder().uri);
    const changed: Exclude<DiagnosticLevel, 'none'> = initial === 'information' ? 'warning' : 'information';
    await config.update(`severity.${rated}`, changed, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForDiagnostics(doc.uri, `${LODASH} as ${changed}`, (x) => findingFor(x, LODASH)?.severity === LEVEL[changed]);
      await config.update(`severity.${rated}`, 'none', vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(doc.uri, `no diagnostic for ${LODASH} at "none"`, (x) => !findingFor(x, LODASH));
    } finally {
      await config.update(`severity.${rated}`, undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(doc.uri, `${LODASH} back at ${initial}`, (x) => findingFor(x, LODASH)?.severity === LEVEL[initial as Exclude<DiagnosticLevel, 'none'>]);
  });
});
