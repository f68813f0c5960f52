import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import { parseDependencyFile } from '../../../server/src/analysis/dependency-file';
import { createDispatcher } from '../../../server/src/net/dispatcher';
import type { PackageProvenance } from '../../../server/src/provenance/types';
import { WorkspaceProvenance, type WorkspaceProvenanceOptions } from '../../../server/src/provenance/workspace-check';
import type { MetadataStore } from '../../../server/src/store/metadata-store';
import { openStore } from '../../../server/src/store/open-store';
import { provenanceWorkspace, TRUSTED_ROOT, type ProvenanceWorkspace } from '../../support/provenance-workspace';
import { startProxyServer, type ProxyServer } from '../../support/proxy-server';
import { FIXTURE_LOCK_ENTRIES, REGRESSION_ENTRY, startRegistryServer, type RegistryServer } from '../../support/registry-server';

const ATTESTED = FIXTURE_LOCK_ENTRIES.filter((e) => (e.name === 'sigstore' || e.name === 'tuf-js') && e.version === '1.0.0');
const SIGNED = FIXTURE_LOCK_ENTRIES.filter((e) => e.name === 'has-package-exports' && e.version === '1.3.0');
const SECRET = 's3cret-token-value';

function verdicts(results: Map<string, PackageProvenance>): Record<string, string> {
  return Object.fromEntries([...results.values()].map((r) => [`${r.name}@${r.version}`, `${r.signature.status}/${r.provenance.status}`]));
}

/**
 * The trust model of the provenance engine, against real registries on 127.0.0.1 that record every
 * request: the repository's own `.npmrc` names a hostile registry and tries to expand a secret into
 * its URL; the user's `~/.npmrc` names the registry they chose.
 */
describe('provenance/workspace-check: what an untrusted workspace can and cannot choose', () => {
  let user: RegistryServer;
  let hostile: RegistryServer;
  let ws: ProvenanceWorkspace;
  let dispatcher: Dispatcher;

  const check = (options: Partial<WorkspaceProvenanceOptions>, workspace = ws) => {
    const lockfile = parseDependencyFile(workspace.path('package-lock.json'), readFileSync(workspace.path('package-lock.json'), 'utf8'))!;
    const checker = new WorkspaceProvenance({ dispatcher, tufCachePath: join(tmpdir(), 'chainsight-unused-tuf'), trustedRootPath: TRUSTED_ROOT, env: workspace.env, home: workspace.root, ...options });
    return checker.check([lockfile]);
  };

  beforeEach(async () => {
    user = await startRegistryServer();
    hostile = await startRegistryServer({ mode: 'regression' });
    dispatcher = await createDispatcher({}, {});
    ws = provenanceWorkspace(user.url, [...ATTESTED, ...SIGNED], undefined, {
      projectNpmrc: `registry=${hostile.url}leak/\${SECRET_TOKEN}/\n`,
      env: { SECRET_TOKEN: SECRET },
    });
  });
  afterEach(async () => {
    await dispatcher.close();
    await user.close();
    await hostile.close();
    ws.dispose();
  });

  it('untrusted (the default): the project .npmrc chooses nothing, expands nothing; the user registry answers', async () => {
    const results = await check({});
    assert.deepEqual(hostile.requests, [], 'not one request to the registry the repository named');
    assert.ok(user.requests.length > 0);
    assert.deepEqual(new Set([...results.values()].map((r) => r.registry)), new Set([user.url]));
    assert.deepEqual(verdicts(results), { 'sigstore@1.0.0': 'verified/verified', 'tuf-js@1.0.0': 'verified/verified', 'has-package-exports@1.3.0': 'verified/none' });
  });

  it('trusted: npm precedence as before, the project .npmrc first, with its variables expanded', async () => {
    await check({ trusted: true });
    assert.ok(hostile.requests.length > 0);
    assert.ok(hostile.requests.every((r) => r.startsWith(`GET /leak/${SECRET}/`)), hostile.requests.join('\n'));
    assert.deepEqual(user.requests, []);
  });

  it("a repository's registry that signs its own tarballs cannot make them verified in an untrusted workspace", async () => {
    const forged = provenanceWorkspace(user.url, [REGRESSION_ENTRY], undefined, { projectNpmrc: `registry=${hostile.url}\n` });
    try {
      // Trusted, the hostile registry's own key signs its own version: this is what the gate keeps out.
      assert.deepEqual(verdicts(await check({ trusted: true }, forged)), { 'sigstore@1.0.1': 'verified/none' });
      hostile.requests.splice(0);
      const untrusted = await check({}, forged);
      assert.deepEqual(verdicts(untrusted), { 'sigstore@1.0.1': 'unavailable/unavailable' });
      assert.equal([...untrusted.values()][0]!.signature.code, 'version-not-found');
      assert.deepEqual(hostile.requests, []);
    } finally {
      forged.dispose();
    }
  });

  const roots: Array<{ name: string; path: (ws: ProvenanceWorkspace) => string; trusted: boolean; want: string; reason?: RegExp }> = [
    { name: 'a trusted root inside an untrusted workspace is refused', path: (w) => w.path('sigstore/trusted_root.json'), trusted: false, want: 'unavailable', reason: /trusted root .* lies inside the workspace, which is not trusted: trust the workspace, or name a trusted_root\.json outside it in your user settings/ },
    { name: 'a relative trusted root from an untrusted workspace is refused', path: () => 'sigstore/trusted_root.json', trusted: false, want: 'unavailable', reason: /is a path relative to the workspace, which is not trusted/ },
    { name: 'the same file is used once the workspace is trusted', path: (w) => w.path('sigstore/trusted_root.json'), trusted: true, want: 'verified' },
    { name: "the user's own trusted root outside the workspace is used untrusted", path: () => TRUSTED_ROOT, trusted: false, want: 'verified' },
  ];
  for (const row of roots) {
    it(row.name, async () => {
      ws.write('.npmrc', `registry=${user.url}\n`);
      mkdirSync(ws.path('sigstore'), { recursive: true });
      copyFileSync(TRUSTED_ROOT, ws.path('sigstore/trusted_root.json'));
      const results = await check({ trusted: row.trusted, trustedRootPath: row.path(ws), workspaceRoots: [ws.root] });
      const sigstore = results.get('npm:sigstore@1.0.0')!;
      assert.equal(sigstore.provenance.status, row.want, sigstore.provenance.reason);
      if (row.reason) assert.match(sigstore.provenance.reason, row.reason);
      assert.equal(sigstore.signature.status, 'verified', 'registry signatures need no trusted root');
    });
  }
});

describe('provenance/workspace-check offline: no connection of any kind', () => {
  let registry: RegistryServer;
  let proxy: ProxyServer;
  let ws: ProvenanceWorkspace;
  let store: MetadataStore;
  let dispatcher: Dispatcher;

  beforeEach(async () => {
    registry = await startRegistryServer();
    proxy = await startProxyServer();
    ws = provenanceWorkspace(registry.url, [...ATTESTED, ...SIGNED]);
    store = await openStore(ws.env.CHAINSIGHT_STORE!);
    dispatcher = await createDispatcher({ proxy: proxy.url, noProxy: '' }, {});
  });
  afterEach(async () => {
    await store.close();
    await dispatcher.close();
    await proxy.close();
    await registry.close();
    ws.dispose();
  });

  const lockfile = () => parseDependencyFile(ws.path('package-lock.json'), readFileSync(ws.path('package-lock.json'), 'utf8'))!;
  // No trusted root file: online, the public-good root would come from Sigstore's TUF repository.
  const checker = (offline: boolean) => new WorkspaceProvenance({ dispatcher, offline, cache: store.keyedCache(), tufCachePath: ws.root, env: ws.env, home: ws.root });

  it('with nothing cached: every package "offline: not checked", not an error, and zero connections', async () => {
    const results = await checker(true).check([lockfile()]);
    assert.equal(proxy.connections(), 0);
    assert.deepEqual(registry.requests, []);
    for (const r of results.values()) {
      assert.deepEqual([r.signature.status, r.signature.code, r.signature.reason], ['unavailable', 'offline', 'offline: not checked']);
      assert.deepEqual([r.provenance.status, r.provenance.code], ['unavailable', 'offline']);
      assert.equal(r.checkedAt, undefined);
    }
  });

  it('after an online check: the cached verdicts, with the time they were made, still with zero connections', async () => {
    const before = Date.now();
    const online = await new WorkspaceProvenance({ dispatcher, cache: store.keyedCache(), trustedRootPath: TRUSTED_ROOT, tufCachePath: ws.root, env: ws.env, home: ws.root }).check([lockfile()]);
    const connections = proxy.connections();
    const requests = registry.requests.length;
    assert.ok(connections > 0);
    const offline = await checker(true).check([lockfile()]);
    assert.equal(proxy.connections(), connections, 'no new connection');
    assert.equal(registry.requests.length, requests);
    assert.deepEqual(verdicts(offline), verdicts(online));
    for (const r of offline.values()) {
      assert.ok(r.checkedAt !== undefined && r.checkedAt >= before && r.checkedAt <= Date.now());
      assert.deepEqual({ ...r, checkedAt: undefined }, { ...online.get(`npm:${r.name}@${r.version}`)!, checkedAt: undefined });
    }
  });
});
