import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fileUri, waitForDiagnostics } from './workspace';

const BROKEN_MANIFEST = '{\n  "name": "broken",\n  "version": "1.0.0",\n  "dependencies": {\n    "lodash": "4.17.4"\n  }\n}\n';
/** A lockfile v3 missing the comma after its root entry (line 13). */
const BROKEN_LOCK = [
  '{',
  '  "name": "broken",',
  '  "version": "1.0.0",',
  '  "lockfileVersion": 3,',
  '  "requires": true,',
  '  "packages": {',
  '    "": {',
  '      "name": "broken",',
  '      "version": "1.0.0",',
  '      "dependencies": {',
  '        "lodash": "4.17.4"',
  '      }',
  '    }',
  '    "node_modules/lodash": {',
  '      "version": "4.17.4"',
  '    }',
  '  }',
  '}',
  '',
].join('\n');

describe('bad input', () => {
  const folder = () => fileUri('broken');
  before(async () => {
    await activateExtension();
    await vscode.workspace.fs.writeFile(fileUri('broken/package.json'), Buffer.from(BROKEN_MANIFEST));
    await vscode.workspace.fs.writeFile(fileUri('broken/package-lock.json'), Buffer.from(BROKEN_LOCK));
  });
  after(async () => {
    await vscode.workspace.fs.delete(folder(), { recursive: true });
  });

  it('a malformed lockfile gets one parse diagnostic; the other project keeps its findings', async () => {
    const lock = fileUri('broken/package-lock.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(lock));
    const diagnostics = await waitForDiagnostics(lock, 'the parse error', (d) => d.some((x) => x.source === 'chainsight'), 60_000);
    const ours = diagnostics.filter((d) => d.source === 'chainsight');
    assert.deepEqual(
      ours.map((d) => [d.message, d.severity, d.range.start.line]),
      [['could not parse package-lock.json at 14:5: comma expected', vscode.DiagnosticSeverity.Error, 13]],
    );
    const other = vscode.languages.getDiagnostics(fileUri('package-lock.json')).filter((d) => d.source === 'chainsight');
    assert.equal(other.length, 9, 'the npm-app lockfile keeps its findings');
  });
});
