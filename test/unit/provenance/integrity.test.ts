import assert from 'node:assert/strict';
import { compareIntegrity, parseIntegrity, sha512Hex } from '../../../server/src/provenance/integrity';
import { signedIntegrity } from '../../../server/src/provenance/npm/signature-check';

const SHA512 = 'sha512-e+qfbn/zf1+rCza/BhIA//Awmf0v1pa5HQS8Xk8iXrn9bgytytVLqYD0P7NSqZ6IELTgq+tcDvLPkQjNHyWLNg==';
const SHA512_HEX = '7bea9f6e7ff37f5fab0b36bf061200fff03099fd2fd696b91d04bc5e4f225eb9fd6e0cadcad54ba980f43fb352a99e8810b4e0abeb5c0ef2cf9108cd1f258b36';
const SHA1_HEX = '7988de73efb56862fbe277adaf857d70b37a1f07';
const SHA1 = `sha1-${Buffer.from(SHA1_HEX, 'hex').toString('base64')}`;

describe('provenance/integrity', () => {
  it('reads SRI into hex digests (the form attestation subjects use)', () => {
    assert.equal(sha512Hex(SHA512), SHA512_HEX);
    assert.equal(sha512Hex(`${SHA1} ${SHA512}`), SHA512_HEX);
    assert.equal(sha512Hex('sha512-short'), undefined);
    assert.equal(sha512Hex(undefined), undefined);
    assert.deepEqual([...parseIntegrity('md5-abc sha999-x').keys()], []);
  });

  const rows: Array<[string, string | undefined, string | undefined, string | undefined, string]> = [
    ['same sha512', SHA512, SHA512, undefined, 'match'],
    ['different sha512', SHA512, `sha512-${Buffer.alloc(64).toString('base64')}`, undefined, 'mismatch'],
    ['old lockfile with sha1 against dist.shasum', SHA1, SHA512, SHA1_HEX, 'match'],
    ['old lockfile with another sha1', SHA1, SHA512, 'f'.repeat(40), 'mismatch'],
    ['nothing in common', SHA1, SHA512, undefined, 'incomparable'],
    ['no lockfile integrity', undefined, SHA512, undefined, 'incomparable'],
  ];
  for (const [name, lockfile, registry, shasum, want] of rows) {
    it(`compares ${name}`, () => assert.equal(compareIntegrity(lockfile, registry, shasum), want));
  }

  it('old versions without dist.integrity are signed over their shasum in SRI form (as npm does)', () => {
    assert.equal(signedIntegrity({ shasum: SHA1_HEX }), SHA1);
    assert.equal(signedIntegrity({ integrity: SHA512, shasum: SHA1_HEX }), SHA512);
    assert.equal(signedIntegrity({}), undefined);
  });
});
