import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEL } from '../pages/selectors';
import { TRUSTED_ROOT } from '../../support/provenance-workspace';
import { startRegistryServer, type RegistryServer } from '../../support/registry-server';
import type { Scenario } from '../scenario';

let registry: RegistryServer | undefined;

/**
 * Registry signatures and Sigstore provenance, offline: a local npm registry on 127.0.0.1 serving the
 * recorded Sigstore fixtures, named by the workspace's `.npmrc`, and the public-good trusted root from a
 * file. Hovers carry the signature and provenance lines; "Verify Signatures & Provenance" reports the
 * counts, and its "Show Report" button opens the report's provenance tab.
 */
export const scenario: Scenario = {
  name: '16-npm-provenance',
  workspace: 'npm-provenance',
  trusted: true,
  async prepare({ workspaceDir }) {
    const server = await startRegistryServer({ mode: 'normal' });
    registry = server;
    writeFileSync(join(workspaceDir, '.npmrc'), `registry=${server.url}\n`);
    mkdirSync(join(workspaceDir, 'sigstore'), { recursive: true });
    copyFileSync(TRUSTED_ROOT, join(workspaceDir, 'sigstore', 'trusted_root.json'));
    return async () => {
      await server.close();
      registry = undefined;
    };
  },
  async run(h) {
    await h.waitForStatusItem('Chainsight is ready', (t) => t === 'Chainsight: no known vulnerabilities', 60_000);
    await h.openFile('package.json');

    // The token is found again on each approach: the editor may still be laying out.
    const sigstore = await h.hoverAt(() => h.waitForToken('"sigstore"', '1.0.0'), (x) => x.text.includes('Provenance ✓'));
    const text = sigstore.markdown.join('\n');
    for (const expected of [
      'sigstore · 1.0.0 · resolved in package-lock.json',
      'No known vulnerabilities.',
      'Signature ✓ verified (npm registry key SHA256:jl3b…)',
      'Provenance ✓ built by GitHub Actions from github.com/sigstore/sigstore-js @ 0652899 (.github/workflows/publish.yml, refs/tags/v1.0.0)',
    ]) {
      assert.ok(text.includes(expected), `the sigstore hover lacks "${expected}":\n${text}`);
    }
    assert.match(text, /— Rekor #\d+/);
    await h.dismissHover();
    const signedOnly = await h.hoverAt(() => h.waitForToken('"has-package-exports"', '1.3.0'), (x) => x.text.includes('Provenance —'));
    assert.match(signedOnly.markdown.join('\n'), /Signature ✓ verified[^\n]*\nProvenance — none published/);
    await h.dismissHover();
    assert.deepEqual(await h.problems.rows(), [], 'verified packages get no diagnostics');

    await h.runCommand('Chainsight: Verify Signatures & Provenance');
    const summary = 'Chainsight: 3 packages, 3 signatures verified, 2 with verified provenance.';
    await h.waitForNotification('the verification summary', (n) => n.severity === 'info' && n.message === summary);
    await h.page.locator(SEL.notification).filter({ hasText: summary }).getByRole('button', { name: 'Show Report' }).click();
    const frame = await h.waitForWebview('the provenance tab', (t) => t.includes('3 of 3 packages'));
    const rows = (await h.tableRows(frame, '#provenance tr')).map((r) => r.slice(0, 6));
    assert.deepEqual(rows, [
      ['Ecosystem', 'Package', 'Version', 'Signature', 'Provenance', 'Built from'],
      ['npm', 'has-package-exports', '1.3.0', 'verified', 'none', '—'],
      ['npm', 'sigstore', '1.0.0', 'verified', 'verified', rows[2]![5]!],
      ['npm', 'tuf-js', '1.0.0', 'verified', 'verified', rows[3]![5]!],
    ]);
    assert.match(rows[2]![5]!, /^github\.com\/sigstore\/sigstore-js@0652899/);
    assert.match(rows[3]![5]!, /^github\.com\/theupdateframework\/tuf-js@/);

    // Everything came from the local registry the workspace's .npmrc names.
    const requests = registry?.requests ?? [];
    for (const path of ['GET /-/npm/v1/keys', 'GET /sigstore', 'GET /-/npm/v1/attestations/sigstore@1.0.0']) {
      assert.ok(requests.includes(path), `the registry saw ${path}: ${JSON.stringify(requests)}`);
    }
  },
};
