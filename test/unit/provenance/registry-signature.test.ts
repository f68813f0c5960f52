import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRegistryKeys, selectSignatureKeys, needsPublishTime, type RegistryKeys } from '../../../server/src/provenance/npm/registry-keys';
import { parseSignatures, verifyRegistrySignatures } from '../../../server/src/provenance/npm/registry-signature';
import { SIGNATURE_CASES } from '../../support/registry-server';
import { fixtureJson } from './context';

const OLD_KEY = 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA';
const NEW_KEY = 'SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U';
const TUF_KEYS = parseRegistryKeys(fixtureJson('trust', 'npm-registry-keys.tuf-target.json'), 'tuf');
const ENDPOINT_KEYS = parseRegistryKeys(fixtureJson('trust', 'npm-registry-keys.v1-keys-endpoint.json'), 'registry');
const BEFORE_ROTATION = new Date('2023-06-01T00:00:00Z');

describe('provenance/npm registry keys', () => {
  it('reads both key document shapes', () => {
    assert.deepEqual(
      TUF_KEYS.keys.map((k) => [k.keyId, k.usages.join('+'), k.validFrom ?? null, k.validUntil ?? null]),
      [
        [OLD_KEY, 'signatures', '1999-01-01T00:00:00.000Z', '2025-01-29T00:00:00.000Z'],
        [OLD_KEY, 'attestations', '2022-12-01T00:00:00.000Z', '2025-01-29T00:00:00.000Z'],
        [NEW_KEY, 'signatures', '2025-01-13T00:00:00.000Z', null],
        [NEW_KEY, 'attestations', '2025-01-13T00:00:00.000Z', null],
      ],
    );
    assert.deepEqual(
      ENDPOINT_KEYS.keys.map((k) => [k.keyId, k.usages.join('+'), k.validUntil ?? null]),
      [[OLD_KEY, 'signatures+attestations', null]],
    );
  });

  // Key rotation: the old key signs what was published before 2025-01-29; the new one any time
  // (the registry re-signed old versions with it, so its start date does not bound publish time).
  const selections: Array<{ name: string; keyId: string; publishedAt: string; want: string }> = [
    { name: 'old key, published inside its window', keyId: OLD_KEY, publishedAt: '2024-12-31T23:59:59Z', want: `ok:${OLD_KEY}` },
    { name: 'old key, published after it expired', keyId: OLD_KEY, publishedAt: '2025-01-29T00:00:00Z', want: 'key-expired' },
    { name: 'new key, published after the rotation', keyId: NEW_KEY, publishedAt: '2026-03-01T00:00:00Z', want: `ok:${NEW_KEY}` },
    { name: 'new key on a version from 2020 (re-signed)', keyId: NEW_KEY, publishedAt: '2020-01-09T07:54:56Z', want: `ok:${NEW_KEY}` },
    { name: 'a key the registry does not publish', keyId: 'SHA256:unknown', publishedAt: '2024-01-01T00:00:00Z', want: 'unknown-key' },
  ];
  for (const row of selections) {
    it(`selects by key id and validity window: ${row.name}`, () => {
      const selection = selectSignatureKeys(TUF_KEYS, row.keyId, new Date(row.publishedAt));
      const got = selection.ok ? `ok:${selection.keys.map((k) => k.keyId).join(',')}` : selection.code;
      assert.equal(got, row.want);
      if (selection.ok) assert.ok(selection.keys.every((k) => k.usages.includes('signatures')), 'never an attestation-only entry');
    });
  }

  it('asks for the exact publish time only when a key expiry could matter', () => {
    assert.equal(needsPublishTime(TUF_KEYS, [OLD_KEY], new Date('2022-05-04T18:04:33Z')), false, 'whole packument older than the expiry');
    assert.equal(needsPublishTime(TUF_KEYS, [OLD_KEY], new Date('2025-03-01T00:00:00Z')), true);
    assert.equal(needsPublishTime(TUF_KEYS, [OLD_KEY], undefined), true);
    assert.equal(needsPublishTime(TUF_KEYS, [NEW_KEY], undefined), false, 'the current key has no expiry');
  });

  it('skips entries it cannot use and remembers unsupported key types', () => {
    const keys = parseRegistryKeys(
      {
        keys: [
          { keyid: 'SHA256:ed', keytype: 'ed25519', scheme: 'ed25519', key: 'AAAA' },
          { keyid: 'SHA256:broken', keytype: 'ecdsa-sha2-nistp256', key: 'bm90IGEga2V5' },
          { keyid: 42 },
          'nonsense',
        ],
      },
      'registry',
    );
    assert.equal(keys.keys.length, 0);
    assert.deepEqual([...keys.unsupported.keys()], ['SHA256:ed', 'SHA256:broken']);
  });
});

describe('provenance/npm registry signatures', () => {
  it('the corpus has 19 real signatures and 2 negative cases', () => {
    assert.equal(SIGNATURE_CASES.filter((c) => c.expected.includes('valid')).length, 19);
    assert.equal(SIGNATURE_CASES.filter((c) => c.expected.includes('invalid')).length, 2);
  });

  for (const [keysName, keys] of [
    ['TUF target keys', TUF_KEYS],
    ['registry endpoint keys', ENDPOINT_KEYS],
  ] as Array<[string, RegistryKeys]>) {
    for (const c of SIGNATURE_CASES) {
      const want = c.expected.includes('valid') ? 'verified' : 'invalid';
      it(`${c.name}@${c.version} (${c.src ?? 'derived'}) is ${want} under ${keysName}`, () => {
        const { signatures } = parseSignatures(c.signatures);
        const check = verifyRegistrySignatures({ name: c.name, version: c.version, integrity: c.integrity, signatures, publishedAt: BEFORE_ROTATION }, keys);
        assert.equal(check.status, want, check.reason);
        assert.equal(check.keyId, OLD_KEY);
        if (want === 'invalid') assert.equal(check.code, 'bad-signature');
      });
    }
  }

  it('a real signature under the old key is invalid for a version published after the key expired', () => {
    const c = SIGNATURE_CASES[0]!;
    const check = verifyRegistrySignatures(
      { name: c.name, version: c.version, integrity: c.integrity, signatures: parseSignatures(c.signatures).signatures, publishedAt: new Date('2025-02-01T00:00:00Z') },
      TUF_KEYS,
    );
    assert.equal(check.status, 'invalid');
    assert.equal(check.code, 'key-expired');
    assert.match(check.reason, /expired on 2025-01-29, before this version was published \(2025-02-01\)/);
  });

  it('the endpoint keys carry no expiry, so the same signature still verifies there', () => {
    const c = SIGNATURE_CASES[0]!;
    const check = verifyRegistrySignatures(
      { name: c.name, version: c.version, integrity: c.integrity, signatures: parseSignatures(c.signatures).signatures, publishedAt: new Date('2025-02-01T00:00:00Z') },
      ENDPOINT_KEYS,
    );
    assert.equal(check.status, 'verified');
  });

  const tampering: Array<{ name: string; change: (c: (typeof SIGNATURE_CASES)[number]) => { name: string; version: string; integrity: string; signatures: unknown } ; want: string }> = [
    { name: 'another integrity', change: (c) => ({ ...c, integrity: SIGNATURE_CASES[1]!.integrity }), want: 'bad-signature' },
    { name: 'another name', change: (c) => ({ ...c, name: `${c.name}-evil` }), want: 'bad-signature' },
    { name: 'a signature that is not base64 DER', change: (c) => ({ ...c, signatures: [{ keyid: OLD_KEY, sig: '!!!' }] }), want: 'bad-signature' },
    { name: 'an unknown key id only', change: (c) => ({ ...c, signatures: [{ keyid: 'SHA256:nope', sig: c.signatures[0]!.sig }] }), want: 'unknown-key' },
    { name: 'malformed entries only', change: (c) => ({ ...c, signatures: [{ keyid: 1 }, null] }), want: 'malformed-signature' },
  ];
  for (const row of tampering) {
    it(`is invalid with ${row.name}`, () => {
      const changed = row.change(SIGNATURE_CASES[0]!);
      const parsed = parseSignatures(changed.signatures);
      const check = verifyRegistrySignatures({ ...changed, signatures: parsed.signatures, publishedAt: BEFORE_ROTATION }, TUF_KEYS);
      assert.equal(check.status, 'invalid');
      assert.equal(check.code, row.want);
    });
  }

  it('a valid signature plus one under a key we do not know is still verified', () => {
    const c = SIGNATURE_CASES[0]!;
    const signatures = [...parseSignatures(c.signatures).signatures, { keyid: 'SHA256:future-key', sig: 'MEUCIQ==' }];
    const check = verifyRegistrySignatures({ name: c.name, version: c.version, integrity: c.integrity, signatures, publishedAt: BEFORE_ROTATION }, TUF_KEYS);
    assert.equal(check.status, 'verified');
  });

  it('never throws on arbitrary signatures and key documents', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.string(), fc.date({ noInvalidDate: true }), (sigs, keyDoc, integrity, when) => {
        const keys = parseRegistryKeys(keyDoc, 'registry');
        const merged: RegistryKeys = { keys: [...keys.keys, ...TUF_KEYS.keys], unsupported: keys.unsupported };
        const check = verifyRegistrySignatures({ name: 'x', version: '1.0.0', integrity, signatures: parseSignatures(sigs).signatures, publishedAt: when }, merged);
        assert.ok(['verified', 'invalid', 'unavailable'].includes(check.status));
      }),
      { numRuns: 300 },
    );
  });
});
