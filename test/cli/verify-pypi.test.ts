import assert from 'node:assert/strict';
import type { VerifyReportPackage } from '../../server/src/provenance/present/verify-report';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRUSTED_ROOT } from '../support/provenance-workspace';
import { DISTRIBUTIONS, startPypiIndexServer, uvLockFor, type IndexMode } from '../support/pypi-index-server';
import { startRefusingListener } from '../support/refusing-listener';
import { runCli } from '../support/run-cli';
import { tempWorkspace } from '../support/temp-workspace';

type ReportPackage = VerifyReportPackage;

const byName = (...names: string[]) => DISTRIBUTIONS.filter((d) => names.includes(d.project));
const TRUSTED = byName('pypi-attestations', 'pypi-attestation-models', 'gitlab-oidc-project', 'sampleproject');

/** The user's own environment: the index comes from PIP_INDEX_URL, the store is private, no proxy. */
function userEnv(home: string, index: string): NodeJS.ProcessEnv {
  return { ...process.env, PIP_INDEX_URL: index, UV_INDEX_URL: '', UV_DEFAULT_INDEX: '', PIP_CONFIG_FILE: join(home, 'no-pip.conf'), XDG_CONFIG_HOME: join(home, 'config'), CHAINSIGHT_STORE: join(home, 'chainsight.db'), HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' };
}

describe('chainsight verify: PyPI PEP 740 attestations', function () {
  const TABLE: Array<{ name: string; mode: IndexMode; dists: typeof DISTRIBUTIONS; tamper?: string; code: number; want: Record<string, string> }> = [
    {
      name: 'GitHub and GitLab Trusted Publishers verify; a service-account attestation without a publisher is not provenance',
      mode: 'normal',
      dists: TRUSTED,
      code: 0,
      want: { 'pypi-attestations': 'verified', 'pypi-attestation-models': 'verified', 'gitlab-oidc-project': 'verified', sampleproject: 'none' },
    },
    {
      name: 'a tampered sha256 in uv.lock: invalid, exit 1',
      mode: 'normal',
      dists: byName('pypi-attestations', 'gitlab-oidc-project'),
      tamper: 'pypi-attestations',
      code: 1,
      want: { 'pypi-attestations': 'invalid', 'gitlab-oidc-project': 'verified' },
    },
    {
      name: 'a staging-instance attestation fails against the public-good root',
      mode: 'normal',
      dists: byName('rfc8785'),
      code: 1,
      want: { rfc8785: 'invalid' },
    },
    {
      name: 'a mirror without the Integrity API: unavailable, never an error',
      mode: 'mirror',
      dists: byName('pypi-attestations', 'sampleproject'),
      code: 0,
      want: { 'pypi-attestations': 'unavailable', sampleproject: 'unavailable' },
    },
  ];

  for (const row of TABLE) {
    it(row.name, async () => {
      const index = await startPypiIndexServer(row.mode);
      const ws = tempWorkspace({ 'uv.lock': uvLockFor(row.dists, index.url, row.tamper) });
      const home = mkdtempSync(join(tmpdir(), 'chainsight-user-'));
      try {
        const result = await runCli(['verify', ws.root, '--trusted-root', TRUSTED_ROOT, '--format', 'json'], { env: userEnv(home, index.url) });
        assert.equal(result.code, row.code, result.stderr);
        const report = JSON.parse(result.stdout) as { packages: ReportPackage[] };
        assert.deepEqual(Object.fromEntries(report.packages.map((p) => [p.name, p.provenance])), row.want);
        for (const p of report.packages) assert.equal(p.ecosystem, 'PyPI');
        if (row.tamper) assert.match(report.packages.find((p) => p.name === row.tamper)!.provenanceReason, /differs from the locked sha256/);
        if (row.mode === 'normal' && !row.tamper && row.code === 0) {
          const github = report.packages.find((p) => p.name === 'pypi-attestations')!;
          assert.equal(github.source.repository, 'https://github.com/trailofbits/pypi-attestations');
          assert.equal(github.source.workflow, '.github/workflows/release.yml');
          assert.match(github.source.commit ?? '', /^[0-9a-f]{40}$/);
          assert.equal(report.packages.find((p) => p.name === 'gitlab-oidc-project')!.source.repository, 'https://gitlab.com/facutuesca/gitlab-oidc-project');
          assert.match(report.packages.find((p) => p.name === 'sampleproject')!.provenanceReason, /919436158236-compute@developer\.gserviceaccount\.com.*not provenance/);
        }
      } finally {
        ws.dispose();
        rmSync(home, { recursive: true, force: true });
        await index.close();
      }
    });
  }

  it('--index-url overrides the user configuration, and the table names the Trusted Publisher', async () => {
    const index = await startPypiIndexServer('normal');
    const refusing = await startRefusingListener();
    const ws = tempWorkspace({ 'uv.lock': uvLockFor(byName('pypi-attestations'), index.url) });
    const home = mkdtempSync(join(tmpdir(), 'chainsight-user-'));
    try {
      const result = await runCli(['verify', ws.root, '--trusted-root', TRUSTED_ROOT, '--index-url', index.url], { env: userEnv(home, refusing.url) });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^pypi-attestations\s+0\.0\.19\s+unavailable\s+verified\s+github\.com\/trailofbits\/pypi-attestations/m);
      assert.equal(refusing.attempts, 0);
    } finally {
      ws.dispose();
      rmSync(home, { recursive: true, force: true });
      await refusing.close();
      await index.close();
    }
  });

  it("an untrusted workspace's uv.toml chooses no index; trusted, it does", async () => {
    const index = await startPypiIndexServer('normal');
    const refusing = await startRefusingListener();
    const ws = tempWorkspace({ 'uv.lock': uvLockFor(byName('pypi-attestations'), index.url), 'uv.toml': `index-url = "${index.url}"\n` });
    const home = mkdtempSync(join(tmpdir(), 'chainsight-user-'));
    try {
      const untrusted = await runCli(['verify', ws.root, '--trusted-root', TRUSTED_ROOT, '--format', 'json'], { env: userEnv(home, `${refusing.url}/simple`) });
      assert.equal(untrusted.code, 0, untrusted.stderr);
      assert.equal((JSON.parse(untrusted.stdout) as { packages: ReportPackage[] }).packages[0]!.provenance, 'unavailable');
      assert.equal(index.requests.length, 0);
      const trusted = await runCli(['verify', ws.root, '--trusted-root', TRUSTED_ROOT, '--format', 'json', '--trust-workspace'], { env: userEnv(home, `${refusing.url}/simple`) });
      assert.equal((JSON.parse(trusted.stdout) as { packages: ReportPackage[] }).packages[0]!.provenance, 'verified');
    } finally {
      ws.dispose();
      rmSync(home, { recursive: true, force: true });
      await refusing.close();
      await index.close();
    }
  });

  it('offline makes no connection and shows the stored verdict with its age', async () => {
    const index = await startPypiIndexServer('normal');
    const ws = tempWorkspace({ 'uv.lock': uvLockFor(byName('pypi-attestations', 'gitlab-oidc-project'), index.url) });
    const home = mkdtempSync(join(tmpdir(), 'chainsight-user-'));
    try {
      const online = await runCli(['verify', ws.root, '--trusted-root', TRUSTED_ROOT, '--format', 'json'], { env: userEnv(home, index.url) });
      assert.equal(online.code, 0, online.stderr);
      const before = index.requests.length;
      const offline = await runCli(['verify', ws.root, '--offline', '--format', 'json'], { env: userEnv(home, index.url) });
      assert.equal(offline.code, 0, offline.stderr);
      assert.equal(index.requests.length, before);
      const packages = (JSON.parse(offline.stdout) as { packages: ReportPackage[] }).packages;
      assert.deepEqual(packages.map((p) => [p.name, p.provenance, p.checkedAt !== null]), [['gitlab-oidc-project', 'verified', true], ['pypi-attestations', 'verified', true]]);
    } finally {
      ws.dispose();
      rmSync(home, { recursive: true, force: true });
      await index.close();
    }
  });
});
