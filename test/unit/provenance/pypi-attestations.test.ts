import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAttestation, summarizeFiles } from '../../../server/src/provenance/pypi/file-check';
import { fileVersion, previousRelease } from '../../../server/src/provenance/pypi/files-on-index';
import { provenanceUrl } from '../../../server/src/provenance/pypi/index-client';
import { indexUrlFor } from '../../../server/src/provenance/pypi/index-config';
import { readProvenanceObject, type Publisher } from '../../../server/src/provenance/pypi/pep740-bundle';
import { buildTrustMaterial } from '../../../server/src/provenance/sigstore/trust-material';
import { DISTRIBUTIONS } from '../../support/pypi-index-server';
import { fixtureTrustedRoot } from './context';

const root = fixtureTrustedRoot();
assert.ok(root.ok);
const built = buildTrustMaterial(root.root);
assert.ok(built.ok);
const TRUST = built.trust;

const dist = (project: string) => DISTRIBUTIONS.find((d) => d.project === project)!;
const attestationsOf = (project: string): unknown[] => {
  const object = readProvenanceObject(dist(project).provenance);
  assert.ok(object.ok);
  return object.bundles.flatMap((b) => b.attestations);
};

describe('provenance/pypi PEP 740 attestations (real fixtures)', () => {
  const ROWS: Array<{ name: string; project: string; publisher?: Publisher; sha256?: string; filename?: string; want: [string, string]; reason?: RegExp }> = [
    { name: 'GitHub publisher, matching repository and workflow', project: 'pypi-attestations', publisher: { kind: 'GitHub', claims: { repository: 'trailofbits/pypi-attestations', workflow: 'release.yml' } }, want: ['verified', 'verified'] },
    { name: 'GitHub publisher, another workflow', project: 'pypi-attestations', publisher: { kind: 'GitHub', claims: { repository: 'trailofbits/pypi-attestations', workflow: 'other.yml' } }, want: ['invalid', 'identity-mismatch'] },
    { name: 'GitHub publisher, another repository', project: 'pypi-attestations', publisher: { kind: 'GitHub', claims: { repository: 'evil/pypi-attestations', workflow: 'release.yml' } }, want: ['invalid', 'identity-mismatch'] },
    { name: 'GitLab publisher, matching project and CI file', project: 'gitlab-oidc-project', publisher: { kind: 'GitLab', claims: { repository: 'facutuesca/gitlab-oidc-project', workflow_filepath: '.gitlab-ci.yml' } }, want: ['verified', 'verified'] },
    { name: 'GitLab publisher claimed for a GitHub certificate', project: 'pypi-attestations', publisher: { kind: 'GitLab', claims: { repository: 'trailofbits/pypi-attestations', workflow_filepath: '.gitlab-ci.yml' } }, want: ['invalid', 'identity-mismatch'] },
    { name: 'Google publisher naming the service account that signed', project: 'sampleproject', publisher: { kind: 'Google', claims: { email: '919436158236-compute@developer.gserviceaccount.com' } }, want: ['verified', 'verified'] },
    { name: 'GitHub publisher claimed for a service-account certificate', project: 'sampleproject', publisher: { kind: 'GitHub', claims: { repository: 'pypa/sampleproject', workflow: 'release.yml' } }, want: ['invalid', 'identity-mismatch'] },
    { name: 'no publisher: a service account is not provenance', project: 'sampleproject', want: ['unavailable', 'no-trusted-publisher'], reason: /not provenance/ },
    { name: 'a staging attestation against the public-good root', project: 'rfc8785', want: ['invalid', 'bundle-invalid'] },
    { name: 'another locked sha256', project: 'gitlab-oidc-project', publisher: { kind: 'GitLab', claims: { repository: 'facutuesca/gitlab-oidc-project', workflow_filepath: '.gitlab-ci.yml' } }, sha256: '0'.repeat(64), want: ['invalid', 'subject-mismatch'], reason: /differs from the locked sha256/ },
    { name: 'another file name', project: 'gitlab-oidc-project', filename: 'gitlab_oidc_project-0.0.4.tar.gz', want: ['invalid', 'subject-mismatch'] },
  ];
  for (const row of ROWS) {
    it(`${row.name}: ${row.want.join(' / ')}`, () => {
      const d = dist(row.project);
      const checks = attestationsOf(row.project).map((a) =>
        checkAttestation(a, { attestations: [a], ...(row.publisher ? { publisher: row.publisher } : {}) }, { filename: row.filename ?? d.filename, sha256: row.sha256 ?? d.sha256 }, TRUST),
      );
      assert.deepEqual([checks[0]!.status, checks[0]!.code], row.want, checks[0]!.reason);
      if (row.reason) assert.match(checks[0]!.reason, row.reason);
    });
  }

  it('the verified GitHub attestation names the source, workflow and Rekor entry', () => {
    const d = dist('pypi-attestations');
    const object = readProvenanceObject(d.provenance);
    assert.ok(object.ok);
    const bundle = object.bundles[0]!;
    const check = checkAttestation(bundle.attestations[0], bundle, { filename: d.filename, sha256: d.sha256 }, TRUST);
    const summary = summarizeFiles([check], 0);
    assert.equal(summary.status, 'verified');
    assert.equal(summary.slsa?.sourceRepository, 'https://github.com/trailofbits/pypi-attestations');
    assert.equal(summary.slsa?.workflowPath, '.github/workflows/release.yml');
    assert.equal(summary.slsa?.publishedVia, 'Trusted Publishing');
    assert.match(summary.slsa?.rekorLogIndex ?? '', /^\d+$/);
  });

  it('malformed provenance objects are refused, never thrown', () => {
    for (const doc of [null, 'text', { version: 2, attestation_bundles: [] }, { version: 1 }]) assert.equal(readProvenanceObject(doc).ok, false);
    const d = dist('pypi-attestations');
    for (const attestation of [{}, { version: 1 }, { version: 1, verification_material: { certificate: 'x', transparency_entries: [] }, envelope: {} }]) {
      assert.equal(checkAttestation(attestation, { attestations: [attestation] }, { filename: d.filename, sha256: d.sha256 }, TRUST).status, 'invalid');
    }
  });

  it('file names give versions; the previous release skips pre-releases of a stable version', () => {
    assert.equal(fileVersion('pypi_attestations-0.0.19.tar.gz', 'pypi-attestations'), '0.0.19');
    assert.equal(fileVersion('rfc8785-0.1.2-py3-none-any.whl', 'rfc8785'), '0.1.2');
    assert.equal(fileVersion('other-1.0.tar.gz', 'rfc8785'), undefined);
    const files = ['a-1.0.tar.gz', 'a-1.1rc1.tar.gz', 'a-1.1.tar.gz', 'a-2.0-py3-none-any.whl'].map((filename) => ({ filename }));
    assert.equal(previousRelease({ files, versions: [] }, 'a', '1.2')?.version, '1.1');
    assert.equal(previousRelease({ files, versions: [] }, 'a', '1.1')?.version, '1.0');
    assert.equal(previousRelease({ files, versions: [] }, 'a', '1.0'), undefined);
  });

  it('the Integrity API URL: an advertised one on the index origin only', () => {
    const file = { filename: 'a-1.0.tar.gz' };
    assert.equal(provenanceUrl('https://pypi.org/simple', 'a', '1.0', file), 'https://pypi.org/integrity/a/1.0/a-1.0.tar.gz/provenance');
    assert.equal(provenanceUrl('https://mirror.example/pypi/simple', 'a', '1.0', file), 'https://mirror.example/pypi/integrity/a/1.0/a-1.0.tar.gz/provenance');
    assert.equal(provenanceUrl('https://pypi.org/simple', 'a', '1.0', { ...file, provenance: 'https://evil.example/p' }), 'https://pypi.org/integrity/a/1.0/a-1.0.tar.gz/provenance');
    assert.equal(provenanceUrl('https://pypi.org/simple', 'a', '1.0', { ...file, provenance: '/integrity/a/1.0/x/provenance' }), 'https://pypi.org/integrity/a/1.0/x/provenance');
  });

  describe('which index', () => {
    let home: string;
    let project: string;
    before(() => {
      home = mkdtempSync(join(tmpdir(), 'chainsight-pip-'));
      project = join(home, 'project');
      mkdirSync(join(home, '.config', 'pip'), { recursive: true });
      mkdirSync(join(home, '.config', 'uv'), { recursive: true });
      mkdirSync(project);
      writeFileSync(join(project, 'uv.toml'), '[[index]]\nurl = "https://project.example/simple"\ndefault = true\n');
    });
    after(() => rmSync(home, { recursive: true, force: true }));

    const ROWS: Array<{ name: string; env?: NodeJS.ProcessEnv; pip?: string; uv?: string; trusted?: boolean; override?: string; want: string }> = [
      { name: 'nothing configured: PyPI', want: 'https://pypi.org/simple' },
      { name: "the user's pip.conf [global]", pip: '[global]\nindex-url = https://user.example/simple/\n', want: 'https://user.example/simple' },
      { name: "the user's uv.toml", uv: 'index-url = "https://uv.example/simple"\n', want: 'https://uv.example/simple' },
      { name: 'PIP_INDEX_URL over the files', env: { PIP_INDEX_URL: 'https://env.example/simple' }, pip: '[global]\nindex-url = https://user.example/simple\n', want: 'https://env.example/simple' },
      { name: "an untrusted project's uv.toml is not read", want: 'https://pypi.org/simple' },
      { name: "a trusted project's uv.toml default index", trusted: true, want: 'https://project.example/simple' },
      { name: '--index-url over everything', trusted: true, override: 'https://cli.example/simple', env: { PIP_INDEX_URL: 'https://env.example/simple' }, want: 'https://cli.example/simple' },
    ];
    for (const row of ROWS) {
      it(row.name, () => {
        writeFileSync(join(home, '.config', 'pip', 'pip.conf'), row.pip ?? '');
        writeFileSync(join(home, '.config', 'uv', 'uv.toml'), row.uv ?? '');
        const url = indexUrlFor({ path: join(project, 'uv.lock'), trusted: row.trusted ?? false, env: { XDG_CONFIG_HOME: join(home, '.config'), ...row.env }, home, ...(row.override ? { override: row.override } : {}) });
        assert.equal(url, row.want);
      });
    }
  });
});
