import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, fileUri, waitForDiagnostics } from './workspace';

describe('readiness', () => {
  it('activates on a workspace with a package.json and scans it without any file open', async () => {
    await activateExtension();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    // The workspace scan publishes the lockfile's nine findings although no editor shows it.
    const lock = await waitForDiagnostics(fileUri('package-lock.json'), 'the lockfile findings', (d) => d.filter((x) => x.source === 'chainsight').length === 9, 60_000);
    assert.deepEqual(
      lock.map((d) => d.message.split(':')[0]).sort(),
      ['body-parser@1.9.0', 'cookie@0.1.2', 'express@4.12.4', 'jquery@2.2.4', 'lodash@4.17.4', 'moment@2.15.1', 'ms@0.6.2', 'send@0.12.3', 'serve-static@1.9.3'],
    );
  });

  it('contributes the palette commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['chainsight.scanWorkspace', 'chainsight.showReport', 'chainsight.exportReport', 'chainsight.restartServer', 'chainsight.updateLockfile', 'chainsight.verifySignatures', 'chainsight.downloadOfflineDatabase']) {
      assert.ok(all.includes(id), `${id} is registered`);
    }
  });
});
