import assert from 'node:assert/strict';
import { npmProvenanceProvider } from '../../../server/src/provenance/npm/npm-provider';
import { PROVENANCE_PROVIDERS, provenanceProviderFor } from '../../../server/src/provenance/index';
import type { PackageProvenance, ProvenanceContext, ProvenanceSubject } from '../../../server/src/provenance/types';
import {
  EXPIRED_KEY_PUBLISH_TIME,
  FIXTURE_LOCK_ENTRIES,
  FORGED_PREVIOUS_ENTRY,
  REGRESSION_ENTRY,
  TAMPERED,
  startRegistryServer,
  type RegistryMode,
  type RegistryServer,
  type RegistryServerOptions,
} from '../../support/registry-server';
import { MemoryCache, contextFor, fixtureJson } from './context';

/** `signature/provenance[/signature code][/regression kind]` per package. */
type Verdicts = Record<string, string>;

function verdicts(results: PackageProvenance[]): Verdicts {
  const out: Verdicts = {};
  for (const r of results) {
    const parts: string[] = [r.signature.status, r.provenance.status];
    if (r.signature.status === 'invalid') parts.push(r.signature.code);
    if (r.regression) parts.push(r.regression.kind);
    out[`${r.name}@${r.version}`] = parts.join('/');
  }
  return out;
}

/** Every fixture package: signature verified and no provenance, except the attested ones. */
function baseline(): Verdicts {
  const out: Verdicts = {};
  for (const e of FIXTURE_LOCK_ENTRIES) out[`${e.name}@${e.version}`] = 'verified/none';
  out['sigstore@1.0.0'] = 'verified/verified';
  out['tuf-js@1.0.0'] = 'verified/verified';
  out['kms-demo@1.0.1'] = 'invalid/none/bad-signature';
  return out;
}

const tamperedId = `${TAMPERED.name}@${TAMPERED.version}`;
const attestedId = `${TAMPERED.attested.name}@${TAMPERED.attested.version}`;
const regressionId = `${REGRESSION_ENTRY.name}@${REGRESSION_ENTRY.version}`;

const MODES: Array<{ mode: RegistryMode; subjects: readonly ProvenanceSubject[]; want: () => Verdicts }> = [
  { mode: 'normal', subjects: FIXTURE_LOCK_ENTRIES, want: baseline },
  {
    mode: 'mirror',
    subjects: FIXTURE_LOCK_ENTRIES,
    // A mirror that strips signatures: nothing to check, and nothing reported as missing or invalid
    // except what the lockfile itself contradicts (none here).
    want: () => Object.fromEntries(Object.keys(baseline()).map((id) => [id, 'unavailable/unavailable'])),
  },
  {
    mode: 'tampered-integrity',
    subjects: FIXTURE_LOCK_ENTRIES,
    // The registry's integrity no longer matches its signature; the attestation still names the
    // lockfile's bytes, so provenance stays verified.
    want: () => ({ ...baseline(), [tamperedId]: 'invalid/none/bad-signature', [attestedId]: 'invalid/verified/bad-signature' }),
  },
  {
    mode: 'regression',
    subjects: [...FIXTURE_LOCK_ENTRIES, REGRESSION_ENTRY],
    want: () => ({ ...baseline(), [regressionId]: 'verified/none/provenance-dropped' }),
  },
  {
    mode: 'forged-previous',
    subjects: [...FIXTURE_LOCK_ENTRIES, FORGED_PREVIOUS_ENTRY],
    // The forged older version is itself invalid, and cannot make sigstore@1.0.0 look like a
    // source change: only verified provenance may raise a regression.
    want: () => ({ ...baseline(), [`${FORGED_PREVIOUS_ENTRY.name}@${FORGED_PREVIOUS_ENTRY.version}`]: 'verified/invalid' }),
  },
  {
    mode: 'expired-key',
    subjects: FIXTURE_LOCK_ENTRIES,
    want: () => ({ ...baseline(), [tamperedId]: 'invalid/none/key-expired' }),
  },
];

describe('provenance/npm pipeline against a local registry', () => {
  const open: Array<{ server: RegistryServer; ctx: ProvenanceContext & { agent: { close(): Promise<void> } } }> = [];
  async function setup(options: RegistryServerOptions, overrides: Partial<ProvenanceContext> = {}) {
    const server = await startRegistryServer(options);
    const ctx = contextFor(server.url, overrides);
    open.push({ server, ctx });
    return { server, ctx };
  }
  afterEach(async () => {
    for (const { server, ctx } of open.splice(0)) {
      await ctx.agent.close();
      await server.close();
    }
  });

  it('npm, PyPI and Go are in the provider list, one provider each', () => {
    assert.equal(provenanceProviderFor('npm'), npmProvenanceProvider);
    assert.deepEqual(PROVENANCE_PROVIDERS.map((p) => p.ecosystem), ['npm', 'PyPI', 'Go']);
    assert.equal(provenanceProviderFor('crates.io'), undefined);
  });

  for (const row of MODES) {
    it(`${row.mode} registry: every package gets the expected verdict`, async () => {
      const { ctx } = await setup({ mode: row.mode });
      const results = await npmProvenanceProvider.check(row.subjects, ctx);
      assert.deepEqual(
        results.map((r) => `${r.name}@${r.version}`),
        row.subjects.map((s) => `${s.name}@${s.version}`),
        'one result per subject, in order',
      );
      assert.deepEqual(verdicts(results), row.want());
    });
  }

  it('mirror: says the registry provides nothing rather than calling signatures missing', async () => {
    const { ctx } = await setup({ mode: 'mirror' });
    const [result] = await npmProvenanceProvider.check([FIXTURE_LOCK_ENTRIES[0]!], ctx);
    assert.equal(result!.signature.code, 'registry-without-keys');
    assert.match(result!.signature.reason, /does not publish signing keys: signatures and attestations are not provided by this registry/);
    assert.equal(result!.provenance.code, 'registry-without-attestations');
  });

  it('verified provenance carries the real source facts and the Rekor entry', async () => {
    const { ctx } = await setup({ mode: 'normal' });
    const [result] = await npmProvenanceProvider.check([FIXTURE_LOCK_ENTRIES.find((e) => e.name === 'sigstore')!], ctx);
    assert.equal(result!.registry, ctx.registryFor('npm', 'sigstore'));
    assert.deepEqual(
      result!.provenance.attestations.map((a) => [a.kind, a.status, a.transparencyLog?.logIndex]),
      [
        ['provenance', 'verified', '12988397'],
        ['publish', 'verified', '12988399'],
      ],
    );
    assert.equal(result!.provenance.slsa?.sourceRepository, 'https://github.com/sigstore/sigstore-js');
    assert.equal(result!.provenance.slsa?.commit, '06528997c3c8ab9f864fad9a3658446aca7fd86d');
    assert.equal(result!.provenance.slsa?.rekorUrl, 'https://search.sigstore.dev/?logIndex=12988397');
    assert.equal(result!.signature.keyId, 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA');
  });

  it('expired key: the reason names the expiry and the publish time', async () => {
    const { ctx } = await setup({ mode: 'expired-key' });
    const [result] = await npmProvenanceProvider.check([FIXTURE_LOCK_ENTRIES.find((e) => `${e.name}@${e.version}` === tamperedId)!], ctx);
    assert.match(result!.signature.reason, new RegExp(`expired on 2025-01-29, before this version was published \\(${EXPIRED_KEY_PUBLISH_TIME.slice(0, 10)}\\)`));
  });

  it('asks for abbreviated packuments, and for the full one only when a key expiry makes the publish time matter', async () => {
    const { server, ctx } = await setup({ mode: 'expired-key' });
    await npmProvenanceProvider.check(FIXTURE_LOCK_ENTRIES.filter((e) => e.name.includes('has-package-exports')), ctx);
    const packumentRequests = server.requests.map((r, i) => [r, server.accepts[i]!] as const).filter(([r]) => !r.includes('/-/'));
    const corgi = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';
    assert.deepEqual(
      packumentRequests.map(([r, accept]) => `${r} ${accept === corgi ? 'corgi' : accept}`).sort(),
      ['GET /@ljharb%2fhas-package-exports-patterns corgi', 'GET /has-package-exports application/json', 'GET /has-package-exports corgi'],
      'the scoped package was last modified before the old key expired: no full document needed',
    );
  });

  it('a lockfile that pins other bytes than the registry signed is invalid', async () => {
    const { ctx } = await setup({ mode: 'normal' });
    const entry = FIXTURE_LOCK_ENTRIES.find((e) => e.name === 'sigstore')!;
    const other = FIXTURE_LOCK_ENTRIES.find((e) => e.name === 'tuf-js')!;
    const [result] = await npmProvenanceProvider.check([{ ...entry, integrity: other.integrity }], ctx);
    assert.equal(result!.signature.status, 'invalid');
    assert.equal(result!.signature.code, 'integrity-mismatch');
    assert.match(result!.signature.reason, /differs from the integrity signed by the registry/);
    assert.equal(result!.provenance.status, 'invalid', 'the attestation names other bytes than the lockfile');
    assert.equal(result!.provenance.code, 'subject-mismatch');
  });

  it('a lockfile integrity that contradicts a mirror is reported too (dependency confusion, injected URL)', async () => {
    const { ctx } = await setup({ mode: 'mirror' });
    const entry = FIXTURE_LOCK_ENTRIES[0]!;
    const [result] = await npmProvenanceProvider.check([{ ...entry, integrity: FIXTURE_LOCK_ENTRIES[1]!.integrity }], ctx);
    assert.equal(result!.signature.code, 'integrity-mismatch');
    assert.match(result!.signature.reason, /served by the registry/);
  });

  it('attestations are fetched from the configured registry even when the packument names registry.npmjs.org', async () => {
    const { server, ctx } = await setup({ mode: 'normal', upstreamAttestationUrls: true });
    const [result] = await npmProvenanceProvider.check([FIXTURE_LOCK_ENTRIES.find((e) => e.name === 'tuf-js')!], ctx);
    assert.equal(result!.provenance.status, 'verified');
    assert.ok(server.requests.includes('GET /-/npm/v1/attestations/tuf-js@1.0.0'));
  });

  const unavailable: Array<{ name: string; subject: ProvenanceSubject; options: RegistryServerOptions; code: string; reason: RegExp }> = [
    { name: 'a package the registry does not have', subject: { name: 'no-such-package', version: '1.0.0' }, options: {}, code: 'version-not-found', reason: /no-such-package is not on http/ },
    { name: 'a version the registry does not have', subject: { name: 'async', version: '9.9.9' }, options: {}, code: 'version-not-found', reason: /async@9\.9\.9 is not on/ },
    { name: 'a packument that is not JSON', subject: FIXTURE_LOCK_ENTRIES.find((e) => e.name === 'async')!, options: { faults: { '/async': 'malformed-json' } }, code: 'registry-error', reason: /\/async: the response is not valid JSON/ },
    { name: 'a registry error', subject: FIXTURE_LOCK_ENTRIES.find((e) => e.name === 'async')!, options: { faults: { '/async': 'server-error' } }, code: 'registry-error', reason: /\/async: HTTP 500/ },
  ];
  for (const row of unavailable) {
    it(`${row.name}: unavailable with a clear reason`, async () => {
      const { ctx } = await setup(row.options);
      const [result] = await npmProvenanceProvider.check([row.subject], ctx);
      assert.equal(result!.signature.status, 'unavailable');
      assert.equal(result!.provenance.status, 'unavailable');
      assert.equal(result!.signature.code, row.code);
      assert.match(result!.signature.reason, row.reason);
    });
  }

  it('a registry that never answers ends at the deadline, without failing the other packages', async () => {
    const { ctx } = await setup({ faults: { '/async': 'hang' } }, { timeoutMs: 300 });
    const subjects = FIXTURE_LOCK_ENTRIES.filter((e) => e.name === 'async' || e.name === 'node-fetch');
    const results = await npmProvenanceProvider.check(subjects, ctx);
    assert.deepEqual(verdicts(results), { 'async@2.5.0': 'unavailable/unavailable', 'node-fetch@1.7.1': 'verified/none' });
    assert.match(results.find((r) => r.name === 'async')!.signature.reason, /did not answer in time: no complete answer within 300 ms/);
  });

  it('attestations that cannot be fetched leave provenance unavailable, not invalid', async () => {
    const { ctx } = await setup({ faults: { '/-/npm/v1/attestations/sigstore@1.0.0': 'server-error' } });
    const [result] = await npmProvenanceProvider.check([FIXTURE_LOCK_ENTRIES.find((e) => e.name === 'sigstore')!], ctx);
    assert.equal(result!.provenance.status, 'unavailable');
    assert.equal(result!.provenance.code, 'attestations-unavailable');
    assert.equal(result!.signature.status, 'verified');
  });

  it('without a trusted root, provenance is unavailable with the loader reason', async () => {
    const { ctx } = await setup({}, { trustedRoot: async () => ({ ok: false, reason: 'the Sigstore trusted root could not be fetched (offline)' }) });
    const [result] = await npmProvenanceProvider.check([FIXTURE_LOCK_ENTRIES.find((e) => e.name === 'sigstore')!], ctx);
    assert.equal(result!.provenance.status, 'unavailable');
    assert.equal(result!.provenance.code, 'trusted-root-unavailable');
    assert.match(result!.provenance.reason, /could not be fetched \(offline\)/);
  });

  it('loads the trusted root only when something has attestations', async () => {
    let loads = 0;
    const { ctx } = await setup({}, { trustedRoot: async () => (loads++, { ok: false, reason: 'unused' }) });
    await npmProvenanceProvider.check(FIXTURE_LOCK_ENTRIES.filter((e) => e.name === 'has-package-exports'), ctx);
    assert.equal(loads, 0);
  });

  const keyChannels: Array<{ name: string; trustedKeys?: () => Promise<unknown>; want: string; code: string }> = [
    { name: 'keys from Sigstore TUF verify even when the registry serves none', trustedKeys: async () => fixtureJson('trust', 'npm-registry-keys.tuf-target.json'), want: 'verified', code: 'verified' },
    { name: 'no keys anywhere: signed versions cannot be checked', want: 'unavailable', code: 'registry-without-keys' },
    { name: 'an unusable trusted key list falls back to nothing, not to an error', trustedKeys: async () => { throw new Error('TUF down'); }, want: 'unavailable', code: 'registry-without-keys' },
  ];
  for (const row of keyChannels) {
    it(row.name, async () => {
      const { ctx } = await setup({ faults: { '/-/npm/v1/keys': 'not-found' } }, row.trustedKeys ? { trustedKeys: row.trustedKeys } : {});
      const [result] = await npmProvenanceProvider.check(FIXTURE_LOCK_ENTRIES.filter((e) => e.name === 'node-fetch'), ctx);
      assert.equal(result!.signature.status, row.want, result!.signature.reason);
      assert.equal(result!.signature.code, row.code);
    });
  }

  it('a second check is answered from the cache', async () => {
    const cache = new MemoryCache();
    const { server, ctx } = await setup({}, { cache });
    const subjects = FIXTURE_LOCK_ENTRIES.filter((e) => e.name === 'sigstore' || e.name === 'kms-demo');
    const first = await npmProvenanceProvider.check(subjects, ctx);
    const requestsAfterFirst = server.requests.length;
    const second = await npmProvenanceProvider.check(subjects, ctx);
    assert.deepEqual(verdicts(second), verdicts(first));
    assert.equal(server.requests.length, requestsAfterFirst, 'no request the second time');
    assert.ok(cache.writes.some((w) => w.startsWith('npm-attestations|')));
  });

  it('verdicts on attestation bundles are cached, and a corrupted cached verdict is ignored', async () => {
    const cache = new MemoryCache();
    const { ctx } = await setup({}, { cache });
    const subjects = FIXTURE_LOCK_ENTRIES.filter((e) => e.name === 'sigstore' || e.name === 'tuf-js');
    const first = await npmProvenanceProvider.check(subjects, ctx);
    const verdictKeys = [...cache.entries.keys()].filter((k) => k.startsWith('attestation-verdict|'));
    assert.equal(verdictKeys.length, 4, 'two bundles per attested package');
    const cached = await npmProvenanceProvider.check(subjects, ctx);
    assert.deepEqual(cached, first);
    for (const key of verdictKeys) cache.entries.set(key, { status: 'verified', kind: 'provenance', reason: 42 });
    const recomputed = await npmProvenanceProvider.check(subjects, ctx);
    assert.deepEqual(recomputed, first);
  });

  it('regression check can be turned off', async () => {
    const { ctx } = await setup({ mode: 'regression' }, { checkRegression: false });
    const [result] = await npmProvenanceProvider.check([REGRESSION_ENTRY], ctx);
    assert.equal(result!.regression, undefined);
  });

  it('a cancelled check answers unavailable for what it could not finish', async () => {
    const controller = new AbortController();
    const { ctx } = await setup({ faults: { '/async': 'hang' } }, { signal: controller.signal });
    const pending = npmProvenanceProvider.check([FIXTURE_LOCK_ENTRIES.find((e) => e.name === 'async')!], ctx);
    controller.abort();
    const [result] = await pending;
    assert.equal(result!.signature.status, 'unavailable');
    assert.match(result!.signature.reason, /cancelled/);
  });
});
