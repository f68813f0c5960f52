import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSlsaPredicate, rekorSearchUrl, SLSA_PROVENANCE_V02, SLSA_PROVENANCE_V1 } from '../../../server/src/provenance/slsa';
import { fixtureJson } from './context';

function realPredicate(file: string): unknown {
  const bundle = fixtureJson('npm-attestations', file).attestations[0].bundle;
  return JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8')).predicate;
}

/** npm CLI's SLSA v1 predicate for GitHub Actions (shape of libnpmpublish's provenance; values made up). */
const GITHUB_V1 = {
  buildDefinition: {
    buildType: 'https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1',
    externalParameters: { workflow: { ref: 'refs/heads/main', repository: 'https://github.com/acme/widget', path: '.github/workflows/release.yml' } },
    internalParameters: { github: { event_name: 'push', repository_id: '1', repository_owner_id: '2' } },
    resolvedDependencies: [{ uri: 'git+https://github.com/acme/widget@refs/heads/main', digest: { gitCommit: 'a'.repeat(40) } }],
  },
  runDetails: {
    builder: { id: 'https://github.com/actions/runner/github-hosted' },
    metadata: { invocationId: 'https://github.com/acme/widget/actions/runs/9/attempts/2' },
  },
};

/** npm CLI's SLSA v0.2 predicate for GitLab CI (shape of libnpmpublish's provenance; values made up). */
const GITLAB_V02 = {
  buildType: 'https://github.com/npm/cli/gitlab/v0alpha1',
  builder: { id: 'https://gitlab.com/acme/widget/-/runners/12270835' },
  invocation: {
    configSource: { uri: 'git+https://gitlab.com/acme/widget', digest: { sha1: 'b'.repeat(40) }, entryPoint: 'deploy' },
    parameters: { CI_CONFIG_PATH: '.gitlab-ci.yml', CI_COMMIT_REF_NAME: 'main', CI_PIPELINE_SOURCE: 'push' },
    environment: { name: 'runner', project: 'acme/widget' },
  },
  metadata: { buildInvocationId: 'https://gitlab.com/acme/widget/-/jobs/77' },
};

const rows: Array<{ name: string; type: string; predicate: () => unknown; want: Record<string, string> }> = [
  {
    name: 'v0.2 from npm on GitHub Actions (real, sigstore@1.0.0)',
    type: SLSA_PROVENANCE_V02,
    predicate: () => realPredicate('valid-sigstore-attestations.json'),
    want: {
      buildType: 'https://github.com/npm/cli/gha@v0',
      sourceRepository: 'https://github.com/sigstore/sigstore-js',
      commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d',
      workflowPath: '.github/workflows/publish.yml',
      ref: 'refs/tags/v1.0.0',
      builderId: 'https://github.com/npm/cli@9.4.2',
      buildTrigger: 'release',
      invocationUrl: 'https://github.com/sigstore/sigstore-js/actions/runs/4137028816/attempts/1',
    },
  },
  {
    name: 'v1 from npm on GitHub Actions',
    type: SLSA_PROVENANCE_V1,
    predicate: () => GITHUB_V1,
    want: {
      buildType: 'https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1',
      sourceRepository: 'https://github.com/acme/widget',
      commit: 'a'.repeat(40),
      workflowPath: '.github/workflows/release.yml',
      ref: 'refs/heads/main',
      builderId: 'https://github.com/actions/runner/github-hosted',
      buildTrigger: 'push',
      invocationUrl: 'https://github.com/acme/widget/actions/runs/9/attempts/2',
    },
  },
  {
    name: 'v0.2 from npm on GitLab CI',
    type: SLSA_PROVENANCE_V02,
    predicate: () => GITLAB_V02,
    want: {
      buildType: 'https://github.com/npm/cli/gitlab/v0alpha1',
      sourceRepository: 'https://gitlab.com/acme/widget',
      commit: 'b'.repeat(40),
      workflowPath: '.gitlab-ci.yml',
      ref: 'main',
      builderId: 'https://gitlab.com/acme/widget/-/runners/12270835',
      buildTrigger: 'push',
      invocationUrl: 'https://gitlab.com/acme/widget/-/jobs/77',
    },
  },
  {
    name: 'v1 with the source only in resolvedDependencies',
    type: SLSA_PROVENANCE_V1,
    predicate: () => ({ buildDefinition: { resolvedDependencies: [{ uri: 'git+https://github.com/o/r@refs/tags/v2', digest: { sha1: 'c'.repeat(40) } }] } }),
    want: { sourceRepository: 'https://github.com/o/r', ref: 'refs/tags/v2', commit: 'c'.repeat(40) },
  },
];

describe('provenance/slsa predicates', () => {
  for (const row of rows) {
    it(row.name, () => assert.deepEqual(parseSlsaPredicate(row.type, row.predicate()), { predicateType: row.type, ...row.want }));
  }

  it('links Rekor entries by numeric log index only', () => {
    assert.equal(rekorSearchUrl('12988397'), 'https://search.sigstore.dev/?logIndex=12988397');
    assert.equal(rekorSearchUrl('1&x=javascript:'), undefined);
    assert.equal(rekorSearchUrl(undefined), undefined);
  });

  it('never throws on arbitrary predicates', () => {
    fc.assert(
      fc.property(fc.constantFrom(SLSA_PROVENANCE_V02, SLSA_PROVENANCE_V1, 'x'), fc.anything(), (type, predicate) => {
        const parsed = parseSlsaPredicate(type, predicate);
        assert.equal(parsed.predicateType, type);
      }),
      { numRuns: 500 },
    );
  });
});
