import assert from 'node:assert/strict';
import { FIXTURE_LOCK_ENTRIES, startRegistryServer, TAMPERED, type RegistryMode } from '../support/registry-server';
import { provenanceWorkspace, TRUSTED_ROOT } from '../support/provenance-workspace';
import { runCli } from '../support/run-cli';

const ATTESTED = FIXTURE_LOCK_ENTRIES.filter((e) => (e.name === 'sigstore' || e.name === 'tuf-js') && e.version === '1.0.0');
const WORKFLOW = '.github/workflows/publish.yml';
const SIGNED = FIXTURE_LOCK_ENTRIES.filter((e) => e.name === 'has-package-exports' && e.version === '1.3.0');

describe('chainsight verify', function () {
  const TABLE: Array<{ name: string; mode: RegistryMode; code: number; want: Record<string, [string, string]> }> = [
    {
      name: 'a registry with keys and attestations: verified signatures and provenance',
      mode: 'normal',
      code: 0,
      want: { 'sigstore@1.0.0': ['verified', 'verified'], 'tuf-js@1.0.0': ['verified', 'verified'], 'has-package-exports@1.3.0': ['verified', 'none'] },
    },
    {
      name: 'a mirror that strips signatures: unavailable, never an error',
      mode: 'mirror',
      code: 0,
      want: { 'sigstore@1.0.0': ['unavailable', 'unavailable'], 'tuf-js@1.0.0': ['unavailable', 'unavailable'], 'has-package-exports@1.3.0': ['unavailable', 'unavailable'] },
    },
    {
      name: 'a tampered tarball integrity: invalid, exit 1',
      mode: 'tampered-integrity',
      code: 1,
      // The registry's integrity no longer matches the lockfile's: the signature (over the registry's
      // integrity) is invalid for the lockfile, while the attestation still covers the locked bytes.
      want: { 'sigstore@1.0.0': ['invalid', 'verified'], 'tuf-js@1.0.0': ['verified', 'verified'], [`${TAMPERED.name}@${TAMPERED.version}`]: ['invalid', 'none'] },
    },
  ];

  for (const row of TABLE) {
    it(row.name, async () => {
      const registry = await startRegistryServer({ mode: row.mode });
      const ws = provenanceWorkspace(registry.url, [...ATTESTED, ...SIGNED]);
      try {
        const result = await runCli(['verify', ws.root, '--trusted-root', TRUSTED_ROOT, '--format', 'json']);
        assert.equal(result.code, row.code, result.stderr);
        const report = JSON.parse(result.stdout) as { schemaVersion: number; packages: Array<{ name: string; version: string; signature: string; provenance: string; source: Record<string, string | null> }>; summary: Record<string, unknown> };
        assert.equal(report.schemaVersion, 1);
        const got = Object.fromEntries(report.packages.map((p) => [`${p.name}@${p.version}`, [p.signature, p.provenance]]));
        assert.deepEqual(got, row.want);
        if (row.mode === 'normal') {
          const sigstore = report.packages.find((p) => p.name === 'sigstore')!;
          assert.equal(sigstore.source.repository, 'https://github.com/sigstore/sigstore-js');
          assert.match(sigstore.source.commit!, /^0652899[0-9a-f]{33}$/);
          assert.equal(sigstore.source.workflow, WORKFLOW);
        }
      } finally {
        ws.dispose();
        await registry.close();
      }
    });
  }

  it('prints an npm-audit-signatures-like table', async () => {
    const registry = await startRegistryServer({ mode: 'normal' });
    const ws = provenanceWorkspace(registry.url, [...ATTESTED, ...SIGNED]);
    try {
      const result = await runCli(['verify', ws.root, '--trusted-root', TRUSTED_ROOT]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^3 packages have a verified registry signature$/m);
      assert.match(result.stdout, /^2 packages have verified provenance$/m);
      assert.match(result.stdout, /^sigstore\s+1\.0\.0\s+verified\s+verified\s+github\.com\/sigstore\/sigstore-js@0652899$/m);
    } finally {
      ws.dispose();
      await registry.close();
    }
  });
});
