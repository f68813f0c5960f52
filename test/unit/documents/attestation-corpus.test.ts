import { strict as assert } from 'node:assert';
import { readDocuments } from '../../../server/src/documents';
import type { AttestationDocument } from '../../../server/src/documents/types';
import { attestationOf, errorsOf, fixtureBytes, reader, readFixture, trustedRoot } from './read-fixture';

/**
 * Real attestations: Sigstore bundles verified offline against the trusted root the caller gives
 * (public-good, or staging), bare in-toto statements and DSSE envelopes (always unverified), and
 * what happens without a root, with a root that failed to load, and with a tampered bundle.
 */

const PUBLIC_GOOD = trustedRoot('public-good');
const GITHUB = 'https://token.actions.githubusercontent.com';

interface Row {
  file: string;
  root?: 'public-good' | 'staging';
  status: AttestationDocument['verification']['status'];
  reason?: RegExp;
  check: (a: AttestationDocument) => void;
}

const ROWS: Row[] = [
  {
    file: 'attestations/rules_lint-v1.3.1.tar.gz.intoto.jsonl',
    root: 'public-good',
    status: 'verified',
    check: (a) => {
      assert.deepEqual(a.verification.signer, { identity: 'https://github.com/bazel-contrib/.github/.github/workflows/release_ruleset.yaml@refs/tags/v7.1.0', issuer: GITHUB });
      assert.equal(a.predicateType, 'https://slsa.dev/provenance/v1');
      assert.equal(a.subjects.length, 1);
      assert.match(a.subjects[0]!.digests.find((d) => d.algorithm === 'sha256')?.value ?? '', /^1636f443.*4b4982$/);
      assert.equal(a.slsa?.sourceRepository, 'https://github.com/aspect-build/rules_lint');
    },
  },
  {
    file: 'attestations/gha_generic-v2.1.0.intoto.jsonl',
    root: 'public-good',
    status: 'verified',
    check: (a) => {
      assert.equal(a.verification.signer?.identity, 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0');
      assert.equal(a.predicateType, 'https://slsa.dev/provenance/v0.2');
      assert.match(a.subjects[0]!.digests[0]!.value, /^376e7e01.*706caa$/);
      assert.equal(a.slsa?.buildType, 'https://github.com/slsa-framework/slsa-github-generator/generic@v1');
      assert.ok(a.slsa?.materials.some((m) => m.uri.startsWith('git+https://github.com/slsa-framework/example-package')), 'v0.2 materials');
    },
  },
  {
    file: 'attestations/gha_maven-v2.1.0.build.slsa',
    root: 'public-good',
    status: 'verified',
    check: (a) => {
      assert.equal(a.origin.specVersion, 'application/vnd.dev.sigstore.bundle+json;version=0.2');
      assert.equal(a.verification.signer?.identity, 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/delegator_lowperms-generic_slsa3.yml@refs/tags/v2.1.0');
      assert.equal(a.subjects[0]?.name, 'test-java-project-1.23.90.jar');
      assert.match(a.subjects[0]!.digests[0]!.value, /^4e313a4c.*3ffe92$/);
      assert.equal(a.slsa?.builderId, 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_maven_slsa3.yml@refs/tags/v2.1.0');
    },
  },
  {
    file: 'attestations/reusable-workflow-attestation.sigstore.json',
    root: 'public-good',
    status: 'verified',
    check: (a) => {
      assert.equal(a.verification.signer?.identity, 'https://github.com/github/artifact-attestations-workflows/.github/workflows/attest.yml@09b495c3f12c7881b3cc17209a327792065c1a1d');
      assert.equal(a.slsa?.sourceRepository, 'https://github.com/malancas/attest-demo');
      assert.match(a.subjects[0]!.digests[0]!.value, /^49a3aa60.*c5ac25$/);
    },
  },
  {
    file: 'attestations/github_provenance_demo-0.0.12-py3-none-any-bundle.jsonl',
    root: 'public-good',
    status: 'invalid',
    reason: /signing time|timestamp/,
    check: (a) => {
      assert.equal(a.verification.signer, undefined, 'no signer is claimed for a bundle that failed');
      assert.match(a.subjects[0]!.digests[0]!.value, /^ae57936d.*2c3c3b$/, 'the claims are kept, marked invalid');
    },
  },
  {
    file: 'attestations/a.dsse.staging-rekor-v2.txt.sigstore.json',
    root: 'staging',
    status: 'invalid',
    // Rekor v2 entries need a newer verifier than @sigstore/verify 3 (corpus README).
    reason: /transparency-log entry does not match|checkpoint|TLOG/,
    check: (a) => assert.equal(a.subjects[0]?.name, 'a.txt'),
  },
  {
    file: 'attestations/rules_lint-v1.3.1.tar.gz.intoto.jsonl',
    status: 'unverified',
    reason: /no Sigstore trusted root was given/,
    check: (a) => assert.equal(a.verification.signer, undefined),
  },
  {
    file: 'attestations/kubectl-linux-amd64.slsa-v0.2.intoto.json',
    root: 'public-good',
    status: 'unverified',
    reason: /bare in-toto statement/,
    check: (a) => {
      assert.equal(a.origin.format, 'in-toto');
      assert.equal(a.subjects.length, 75);
      assert.deepEqual(a.subjects[0], { name: '/mnt/vss/_work/1/a/release-tars/client/darwin/amd64/kubectl', digests: [{ algorithm: 'sha256', value: '8202add66a93bcb7219ed7bb16438caf82a80c60348cace2381c678b99d65638' }] });
      assert.equal(a.slsa?.builderId, 'Project Collection Build Service (AzureContainerUpstream)');
    },
  },
  {
    file: 'attestations/certify-vuln.ite6-vulns-v0.1.json',
    status: 'unverified',
    check: (a) => {
      assert.equal(a.predicateType, 'https://in-toto.io/attestation/vulns/v0.1');
      assert.deepEqual(a.subjects, [{ name: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.8.1', digests: [] }], 'a subject named by uri');
      assert.equal(a.slsa, undefined);
    },
  },
  {
    file: 'attestations/oci-dsse-att.json',
    root: 'public-good',
    status: 'unverified',
    reason: /DSSE envelope with 1 signature\(s\) but no Sigstore bundle/,
    check: (a) => assert.deepEqual([a.slsa?.buildType, a.slsa?.builderId], ['tekton.dev/v1beta1/TaskRun', 'https://tekton.dev/chains/v2']),
  },
  {
    file: 'attestations/gha_generic-v1.9.0-legacy.intoto.jsonl',
    root: 'public-good',
    status: 'unverified',
    reason: /cannot be checked offline/,
    check: (a) => assert.equal(a.predicateType, 'https://slsa.dev/provenance/v0.2'),
  },
];

describe('documents: real attestations', () => {
  for (const row of ROWS) {
    it(`${row.file} (${row.root ?? 'no'} root): ${row.status}`, () => {
      const attestation = attestationOf(readFixture(row.file, row.root ? { trustedRoot: trustedRoot(row.root) } : {}));
      assert.equal(attestation.verification.status, row.status, attestation.verification.reason);
      if (row.reason) assert.match(attestation.verification.reason, row.reason);
      assert.ok(attestation.subjects.length > 0);
      row.check(attestation);
    });
  }

  it('a trusted root that failed to load leaves bundles unverified, with its reason', () => {
    const attestation = attestationOf(readFixture('attestations/gha_maven-v2.1.0.build.slsa', { trustedRoot: { ok: false, reason: 'TUF mirror unreachable' } }));
    assert.equal(attestation.verification.status, 'unverified');
    assert.match(attestation.verification.reason, /TUF mirror unreachable/);
  });

  it('a bundle whose statement was changed after signing is invalid', () => {
    const bundle = JSON.parse(fixtureBytes('attestations/reusable-workflow-attestation.sigstore.json').toString('utf8')) as { dsseEnvelope: { payload: string } };
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8')) as { subject: Array<{ digest: { sha256: string } }> };
    statement.subject[0]!.digest.sha256 = '0'.repeat(64);
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    const attestation = attestationOf(reader.read('tampered.sigstore.json', JSON.stringify(bundle), { trustedRoot: PUBLIC_GOOD }));
    assert.equal(attestation.verification.status, 'invalid');
    assert.match(attestation.verification.reason, /signature|transparency-log/);
  });

  it('message-signature bundles are refused: they sign a file, not an attestation', () => {
    for (const file of ['attestations/Python-3.12.5.tgz.sigstore', 'attestations/bundle_v3_github.whl.sigstore']) {
      assert.match(errorsOf(readFixture(file, { trustedRoot: PUBLIC_GOOD }))[0]!, /signs a file \(a message signature\), not an attestation/);
    }
  });

  it('a JSON Lines file of bundles is several attestations, each with its own digest', () => {
    const lines = ['gha_generic-v2.1.0.intoto.jsonl', 'rules_lint-v1.3.1.tar.gz.intoto.jsonl'].map((f) => fixtureBytes(`attestations/${f}`).toString('utf8').trim());
    const text = `${lines[0]}\n\n${lines[1]}\n`;
    const results = readDocuments('two.intoto.jsonl', text, { reader, trustedRoot: PUBLIC_GOOD });
    assert.equal(results.length, 2);
    const [first, second] = results.map(attestationOf);
    assert.deepEqual([first!.verification.status, second!.verification.status], ['verified', 'verified']);
    assert.notEqual(first!.origin.digest, second!.origin.digest);
    assert.equal(first!.predicateType, 'https://slsa.dev/provenance/v0.2');
    assert.equal(second!.predicateType, 'https://slsa.dev/provenance/v1');
    // readDocument (one document) refuses the file and says what to call.
    assert.match(errorsOf(reader.read('two.intoto.jsonl', text))[0]!, /holds 2 documents \(JSON Lines, one per line\): read it with readDocuments/);
  });

  it('a broken line of a JSON Lines file fails alone, at its own line', () => {
    const good = fixtureBytes('attestations/gha_generic-v2.1.0.intoto.jsonl').toString('utf8').trim();
    const results = readDocuments('mixed.jsonl', `${good}\n{"mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json", oops}\n`, { reader });
    assert.equal(results.length, 2);
    assert.ok(results[0]!.ok);
    assert.match(errorsOf(results[1]!)[0]!, /^could not parse mixed\.jsonl at 2:\d+:/);
  });
});
