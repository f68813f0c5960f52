import assert from 'node:assert/strict';
import type { ObjectIdentifierValuePair } from '@sigstore/protobuf-specs';
import { identityProblem } from '../../../server/src/provenance/npm/attestations';
import { parseRegistryKeys } from '../../../server/src/provenance/npm/registry-keys';
import { attestationTrust } from '../../../server/src/provenance/npm/registry-trust';
import { verifyAttestationBundle } from '../../../server/src/provenance/sigstore/bundle-verifier';
import { fulcioClaims } from '../../../server/src/provenance/sigstore/fulcio-claims';
import type { SlsaProvenance } from '../../../server/src/provenance/types';
import { fixtureJson, fixtureTrustedRoot } from './context';

const GITHUB = 'https://token.actions.githubusercontent.com';

function oid(suffix: number, value: Buffer): ObjectIdentifierValuePair {
  return { oid: { id: `1.3.6.1.4.1.57264.1.${suffix}`.split('.').map(Number) }, value };
}

function der(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from([0x0c, bytes.length]), bytes]);
}

describe('provenance/sigstore Fulcio certificate claims', () => {
  it('reads the CI claims of the real sigstore@1.0.0 provenance certificate', () => {
    const outcome = attestationTrust(fixtureTrustedRoot(), parseRegistryKeys(undefined, 'tuf'));
    assert.ok(outcome.ok);
    const bundle = fixtureJson('npm-attestations', 'valid-sigstore-attestations.json').attestations[0].bundle;
    const verified = verifyAttestationBundle(bundle, outcome.trust);
    assert.ok(verified.ok);
    assert.deepEqual(verified.claims, {
      sourceRepository: 'https://github.com/sigstore/sigstore-js',
      sourceDigest: '06528997c3c8ab9f864fad9a3658446aca7fd86d',
      sourceRef: 'refs/tags/v1.0.0',
      buildTrigger: 'release',
    });
  });

  const rows: Array<{ name: string; oids: ObjectIdentifierValuePair[]; issuer?: string; want: Record<string, string> }> = [
    {
      name: 'version-2 extensions (DER strings) win over version-1 ones',
      oids: [oid(5, Buffer.from('old/repo')), oid(12, der('https://github.com/new/repo')), oid(13, der('abc123')), oid(20, der('push')), oid(21, der('https://github.com/new/repo/actions/runs/1/attempts/1'))],
      issuer: GITHUB,
      want: {
        sourceRepository: 'https://github.com/new/repo',
        sourceDigest: 'abc123',
        buildTrigger: 'push',
        runInvocationUrl: 'https://github.com/new/repo/actions/runs/1/attempts/1',
      },
    },
    { name: 'a GitHub repository claim needs the GitHub issuer', oids: [oid(5, Buffer.from('o/r'))], issuer: 'https://gitlab.com', want: {} },
    { name: 'a DER length that does not fit is ignored', oids: [oid(12, Buffer.from([0x0c, 0x7f, 0x41]))], want: {} },
    { name: 'control characters are refused', oids: [oid(13, der('abc\u001b[31m'))], want: {} },
  ];
  for (const row of rows) {
    it(row.name, () => assert.deepEqual(fulcioClaims(row.oids, row.issuer), row.want));
  }
});

describe('provenance/npm identity check: predicate against certificate', () => {
  const slsa: SlsaProvenance = {
    predicateType: 'https://slsa.dev/provenance/v0.2',
    sourceRepository: 'https://github.com/sigstore/sigstore-js',
    commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d',
  };
  const rows: Array<{ name: string; claims: Parameters<typeof identityProblem>[1]; want: RegExp | undefined }> = [
    { name: 'same repository and commit', claims: { sourceRepository: 'https://github.com/sigstore/sigstore-js.git', sourceDigest: slsa.commit! }, want: undefined },
    { name: 'no claims (email or other issuers)', claims: {}, want: undefined },
    { name: 'another repository', claims: { sourceRepository: 'https://github.com/evil/sigstore-js' }, want: /predicate names https:\/\/github.com\/sigstore\/sigstore-js but the signing certificate was issued to https:\/\/github.com\/evil\/sigstore-js/ },
    { name: 'another commit', claims: { sourceDigest: 'ffffffffffffffffffffffffffffffffffffffff' }, want: /commit 06528997c3c8ab9f864fad9a3658446aca7fd86d but the signing certificate was issued for ffff/ },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const problem = identityProblem(slsa, row.claims);
      if (row.want) assert.match(problem ?? '', row.want);
      else assert.equal(problem, undefined);
    });
  }
});
