import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { TrustMaterial } from '@sigstore/verify';
import {
  NPM_PUBLISH_PREDICATE,
  checkAttestation,
  parseAttestationsDocument,
  summarizeAttestations,
  type AttestationItem,
  type ExpectedSubject,
} from '../../../server/src/provenance/npm/attestations';
import { parseRegistryKeys, type RegistryKeys } from '../../../server/src/provenance/npm/registry-keys';
import { attestationTrust } from '../../../server/src/provenance/npm/registry-trust';
import { sha512Hex } from '../../../server/src/provenance/integrity';
import { verifyAttestationBundle } from '../../../server/src/provenance/sigstore/bundle-verifier';
import { SLSA_PROVENANCE_V02 } from '../../../server/src/provenance/slsa';
import { SIGNATURE_CASES, SIGSTORE_FIXTURES } from '../../support/registry-server';
import { fixtureJson, fixtureTrustedRoot } from './context';

const TUF_KEYS = parseRegistryKeys(fixtureJson('trust', 'npm-registry-keys.tuf-target.json'), 'tuf');

function trustWith(keys: RegistryKeys): TrustMaterial {
  const outcome = attestationTrust(fixtureTrustedRoot(), keys);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.reason);
  return outcome.trust;
}

const TRUST = trustWith(TUF_KEYS);

function lockfileSubject(name: string, version: string): ExpectedSubject {
  const c = SIGNATURE_CASES.find((x) => x.name === name && x.version === version)!;
  return { name, version, sha512: sha512Hex(c.integrity)!, digestSource: 'lockfile' };
}

function items(file: string): AttestationItem[] {
  const doc = parseAttestationsDocument(fixtureJson('npm-attestations', file));
  assert.ok(doc.ok);
  return doc.items;
}

/** What users see for the two real attested packages: the SLSA facts as recorded in the bundles. */
const REAL: Array<{ file: string; name: string; want: Record<string, string> }> = [
  {
    file: 'valid-sigstore-attestations.json',
    name: 'sigstore',
    want: {
      sourceRepository: 'https://github.com/sigstore/sigstore-js',
      commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d',
      workflowPath: '.github/workflows/publish.yml',
      ref: 'refs/tags/v1.0.0',
      builderId: 'https://github.com/npm/cli@9.4.2',
      buildTrigger: 'release',
      rekorLogIndex: '12988397',
      rekorUrl: 'https://search.sigstore.dev/?logIndex=12988397',
      invocationUrl: 'https://github.com/sigstore/sigstore-js/actions/runs/4137028816/attempts/1',
      signer: 'https://github.com/sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.0',
    },
  },
  {
    file: 'valid-tuf-js-attestations.json',
    name: 'tuf-js',
    want: {
      sourceRepository: 'https://github.com/theupdateframework/tuf-js',
      commit: '99624cc7ce39872e6bd08a0df59229a48562dbca',
      workflowPath: '.github/workflows/publish.yml',
      ref: 'refs/tags/v1.0.0',
      builderId: 'https://github.com/npm/cli@9.4.2',
      buildTrigger: 'release',
      rekorLogIndex: '12987347',
      rekorUrl: 'https://search.sigstore.dev/?logIndex=12987347',
      invocationUrl: 'https://github.com/theupdateframework/tuf-js/actions/runs/4136902918/attempts/1',
      signer: 'https://github.com/theupdateframework/tuf-js/.github/workflows/publish.yml@refs/tags/v1.0.0',
    },
  },
];

describe('provenance/npm attestations (offline, public-good trusted root)', () => {
  for (const row of REAL) {
    it(`${row.name}@1.0.0: both bundles verify, subjects match the lockfile integrity, SLSA facts are the real ones`, () => {
      const expected = lockfileSubject(row.name, '1.0.0');
      const checks = items(row.file).map((item) => checkAttestation(item, expected, TRUST));
      assert.deepEqual(
        checks.map((c) => [c.kind, c.status]),
        [
          ['provenance', 'verified'],
          ['publish', 'verified'],
        ],
        checks.map((c) => c.reason).join('; '),
      );
      const summary = summarizeAttestations(checks);
      assert.equal(summary.status, 'verified');
      const { signer, ...slsaWant } = row.want;
      assert.deepEqual({ ...summary.slsa, predicateType: undefined, buildType: undefined }, { ...slsaWant, predicateType: undefined, buildType: undefined });
      assert.equal(summary.slsa?.predicateType, SLSA_PROVENANCE_V02);
      assert.equal(summary.signer?.identity, signer);
      assert.equal(summary.signer?.issuer, 'https://token.actions.githubusercontent.com');
      assert.equal(checks[1]!.signer?.keyId, 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA');
    });
  }

  const negatives: Array<{ name: string; item: () => AttestationItem; expected: () => ExpectedSubject; code: string; reason: RegExp }> = [
    {
      name: 'the lockfile pins other bytes than the attestation names',
      item: () => items('valid-sigstore-attestations.json')[0]!,
      expected: () => ({ ...lockfileSubject('sigstore', '1.0.0'), sha512: sha512Hex(SIGNATURE_CASES[0]!.integrity)! }),
      code: 'subject-mismatch',
      reason: /subject digest sha512:7bea9f6e7ff3… differs from the lockfile integrity/,
    },
    {
      name: "another package's attestation served for this one",
      item: () => items('valid-tuf-js-attestations.json')[0]!,
      expected: () => lockfileSubject('sigstore', '1.0.0'),
      code: 'subject-mismatch',
      reason: /it is about pkg:npm\/tuf-js@1\.0\.0, not sigstore@1\.0\.0/,
    },
    {
      name: 'a statement edited after signing',
      item: () => editPayload(items('valid-sigstore-attestations.json')[0]!, (s) => s.replace('sigstore/sigstore-js@refs', 'evil/sigstore-js@refs')),
      expected: () => lockfileSubject('sigstore', '1.0.0'),
      code: 'bundle-invalid',
      reason: /does not match|does not verify/,
    },
    {
      name: 'a provenance bundle relabelled as another predicate type',
      item: () => ({ ...items('valid-sigstore-attestations.json')[0]!, predicateType: NPM_PUBLISH_PREDICATE }),
      expected: () => lockfileSubject('sigstore', '1.0.0'),
      code: 'bundle-invalid',
      reason: /the signed statement is https:\/\/slsa\.dev\/provenance\/v0\.2/,
    },
  ];
  for (const row of negatives) {
    it(`is invalid when ${row.name}`, () => {
      const check = checkAttestation(row.item(), row.expected(), TRUST);
      assert.equal(check.status, 'invalid');
      assert.equal(check.code, row.code);
      assert.match(check.reason, row.reason);
    });
  }

  it('a publish attestation whose registry key is unknown is unavailable, not invalid', () => {
    const noKeys = trustWith({ keys: [], unsupported: new Map() });
    const [provenance, publish] = items('valid-sigstore-attestations.json').map((item) => checkAttestation(item, lockfileSubject('sigstore', '1.0.0'), noKeys));
    assert.equal(provenance!.status, 'verified');
    assert.equal(publish!.status, 'unavailable');
    assert.match(publish!.reason, /key not published: SHA256:jl3b/);
    assert.equal(summarizeAttestations([provenance!, publish!]).status, 'verified');
  });

  it('a publish attestation signed after its key window closed is invalid', () => {
    const lateKeys: RegistryKeys = {
      keys: TUF_KEYS.keys.map((k) => ({ ...k, validUntil: '2023-01-01T00:00:00.000Z' })),
      unsupported: new Map(),
    };
    const publish = checkAttestation(items('valid-sigstore-attestations.json')[1]!, lockfileSubject('sigstore', '1.0.0'), trustWith(lateKeys));
    assert.equal(publish.status, 'invalid');
    assert.match(publish.reason, /not a trusted key at signing time/);
  });

  const legacy = readdirSync(join(SIGSTORE_FIXTURES, 'npm-attestations')).filter((f) => f.startsWith('libnpmpublish-'));
  it('has the six libnpmpublish bundles', () => assert.equal(legacy.length, 6));
  for (const file of legacy) {
    it(`${file} fails with a clear reason`, () => {
      const result = verifyAttestationBundle(fixtureJson('npm-attestations', file), TRUST);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.reason, /pre-release layout \(`verificationData`\)/);
      const check = checkAttestation({ predicateType: SLSA_PROVENANCE_V02, bundle: fixtureJson('npm-attestations', file) }, { name: '@npmcli/libnpmpublish-test', version: '1.0.0', digestSource: 'lockfile' }, TRUST);
      assert.equal(check.status, 'invalid');
      assert.equal(check.code, 'bundle-invalid');
    });
  }

  it('never throws on mutated bundles and attestation documents', () => {
    const base = items('valid-sigstore-attestations.json');
    const paths = base.map((item) => objectPaths(item.bundle));
    const replacement = fc.integer({ min: 0, max: 1 }).chain((index) =>
      fc.record({ index: fc.constant(index), path: fc.constantFrom(...paths[index]!), extraKey: fc.option(fc.string(), { nil: undefined }) }),
    );
    fc.assert(
      fc.property(fc.anything(), replacement, (junk, { index, path, extraKey }) => {
        const bundle = structuredClone(base[index]!.bundle) as Record<string, unknown>;
        // Replace a field that exists, or add an unknown key beside it (any string, `__proto__`
        // included, as an own property: what JSON.parse makes of such a document).
        setOwn(bundle, extraKey === undefined ? path : [...path.slice(0, -1), extraKey], junk);
        const check = checkAttestation({ predicateType: base[index]!.predicateType, bundle }, lockfileSubject('sigstore', '1.0.0'), TRUST);
        assert.ok(['verified', 'invalid', 'unavailable'].includes(check.status));
        parseAttestationsDocument(junk);
        verifyAttestationBundle(junk, TRUST);
      }),
      { numRuns: 150 },
    );
  });
});

describe('provenance/sigstore bundle verifier across bundle formats', () => {
  const results: Array<{ file: string; result: string; signer?: string }> = fixtureJson('sigstore-js-bundles', 'bundle-verification-results.json').filter(
    (r: { file: string }) => r.file.startsWith('sigstore-js-bundles/'),
  );
  it('has the nine recorded sigstore-js bundles', () => assert.equal(results.length, 9));
  for (const recorded of results) {
    it(`${recorded.file} verifies offline and names its signer`, () => {
      const bundle = fixtureJson(...recorded.file.split('/'));
      const result = verifyAttestationBundle(bundle, TRUST);
      assert.ok(result.ok, result.ok ? '' : result.reason);
      assert.equal(result.signer.identity, recorded.signer);
      assert.ok(result.statement.subjects.length > 0);
    });
  }
});

function editPayload(item: AttestationItem, edit: (statement: string) => string): AttestationItem {
  const bundle = structuredClone(item.bundle) as { dsseEnvelope: { payload: string } };
  const text = Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8');
  bundle.dsseEnvelope.payload = Buffer.from(edit(text)).toString('base64');
  return { ...item, bundle };
}

/** Every path to a value in a JSON document, through own keys and array indexes. */
function objectPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const children = Object.keys(value).flatMap((key) => objectPaths((value as Record<string, unknown>)[key], [...prefix, key]));
  return prefix.length === 0 ? children : [prefix, ...children];
}

/** Sets `path` to `value` through own properties only; never writes to a prototype. */
function setOwn(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: unknown = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return;
    node = (node as Record<string, unknown>)[key];
  }
  if (typeof node !== 'object' || node === null) return;
  Object.defineProperty(node, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
}
