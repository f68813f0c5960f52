import assert from 'node:assert/strict';
import fc from 'fast-check';
import { provenanceDiagnostics } from '../../../server/src/provenance/present/diagnostics';
import { provenanceHoverLines, provenanceHoverMarkdown, resolvedElsewhereLine } from '../../../server/src/provenance/present/hover';
import { commitUrl, shortKeyId } from '../../../server/src/provenance/present/labels';
import { requiresProvenance } from '../../../server/src/provenance/present/policy';
import { buildVerifyReport, verifyExitCode, verifyReportJson, verifyReportTable } from '../../../server/src/provenance/present/verify-report';
import type { PackageProvenance, ProvenanceCheck, SlsaProvenance } from '../../../server/src/provenance/types';

const SIGSTORE_SLSA: SlsaProvenance = {
  predicateType: 'https://slsa.dev/provenance/v0.2',
  buildType: 'https://github.com/npm/cli/gha@v0',
  sourceRepository: 'https://github.com/sigstore/sigstore-js',
  commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d',
  workflowPath: '.github/workflows/publish.yml',
  ref: 'refs/tags/v1.0.0',
  builderId: 'https://github.com/npm/cli@9.4.2',
  buildTrigger: 'release',
  rekorLogIndex: '12988397',
  rekorUrl: 'https://search.sigstore.dev/?logIndex=12988397',
};

function result(overrides: Partial<PackageProvenance> = {}): PackageProvenance {
  return {
    ecosystem: 'npm',
    name: 'sigstore',
    version: '1.0.0',
    registry: 'https://registry.npmjs.org/',
    signature: { status: 'verified', code: 'verified', reason: 'registry signature verified', keyId: 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA' },
    provenance: { status: 'verified', code: 'verified', reason: 'provenance verified', slsa: SIGSTORE_SLSA, attestations: [] },
    ...overrides,
  };
}

const NOW = Date.parse('2026-03-01T12:00:00Z');
const NONE: ProvenanceCheck = { status: 'none', code: 'no-attestations', reason: 'no provenance published', attestations: [] };

describe('provenance/present hover', () => {
  it('shows the verified signature and provenance with links to the commit and the Rekor entry', () => {
    assert.deepEqual(provenanceHoverLines(result()), [
      'Signature ✓ verified (npm registry key SHA256:jl3b…)',
      'Provenance ✓ built by GitHub Actions from [github.com/sigstore/sigstore-js](https://github.com/sigstore/sigstore-js) @ ' +
        '[0652899](https://github.com/sigstore/sigstore-js/commit/06528997c3c8ab9f864fad9a3658446aca7fd86d) ' +
        '(.github/workflows/publish.yml, refs/tags/v1.0.0) — [Rekor #12988397](https://search.sigstore.dev/?logIndex=12988397)',
    ]);
  });

  const rows: Array<{ name: string; input: PackageProvenance; want: string[] }> = [
    {
      name: 'no provenance',
      input: result({ provenance: NONE }),
      want: ['Signature ✓ verified (npm registry key SHA256:jl3b…)', 'Provenance — none published'],
    },
    {
      name: 'provenance dropped',
      input: result({ version: '1.3.0', provenance: NONE, regression: { kind: 'provenance-dropped', previousVersion: '1.2.0' } }),
      want: ['Signature ✓ verified (npm registry key SHA256:jl3b…)', 'Provenance — none published', '⚠ 1.3.0 has no provenance, 1.2.0 had'],
    },
    {
      name: 'mirror without signatures',
      input: result({
        signature: { status: 'unavailable', code: 'registry-without-keys', reason: 'x' },
        provenance: { status: 'unavailable', code: 'registry-without-attestations', reason: 'x', attestations: [] },
      }),
      want: ['Signature — not provided by this registry', 'Provenance — not provided by this registry'],
    },
    {
      name: 'invalid signature, missing signature reason escaped',
      input: result({ signature: { status: 'invalid', code: 'bad-signature', reason: 'does not match <img src=x>' }, provenance: NONE }),
      want: ['Signature ✗ invalid — does not match &lt;img src=x>', 'Provenance — none published'],
    },
    {
      name: 'policy requires provenance',
      input: result({ name: '@acme/widget', signature: { status: 'missing', code: 'no-signature', reason: 'x' }, provenance: NONE }),
      want: [
        'Signature ⚠ missing — the registry publishes signing keys but this version carries no signature',
        'Provenance — none published',
        '⚠ provenance is required for this package by chainsight\\.policy\\.requireProvenance',
      ],
    },
    {
      name: 'a signature that does not cover the locked bytes',
      input: result({ signature: { status: 'unverified', code: 'integrity-unsigned-algorithm', reason: 'the lockfile pins sha256 only' }, provenance: NONE }),
      want: ['Signature ⚠ does not cover the locked bytes — the lockfile pins sha256 only', 'Provenance — none published'],
    },
    {
      name: 'offline, nothing cached',
      input: result({
        signature: { status: 'unavailable', code: 'offline', reason: 'offline: not checked' },
        provenance: { status: 'unavailable', code: 'offline', reason: 'offline: not checked', attestations: [] },
      }),
      want: ['Signature — offline: not checked', 'Provenance — offline: not checked'],
    },
    {
      name: 'offline, a cached verdict shows its age',
      input: result({ provenance: NONE, checkedAt: NOW - 3 * 24 * 3_600_000 }),
      want: ['Signature ✓ verified (npm registry key SHA256:jl3b…)', 'Provenance — none published', 'Checked 3 days ago; offline, not checked again'],
    },
    {
      name: 'a tarball on another host than the registry',
      input: result({ provenance: NONE, resolvedElsewhere: 'http://evil.example/x`y.tgz' }),
      want: ['Signature ✓ verified (npm registry key SHA256:jl3b…)', 'Provenance — none published', '⚠ fetched from evil.example, not from its registry registry.npmjs.org: ``http://evil.example/x`y.tgz``'],
    },
  ];
  for (const row of rows) {
    it(row.name, () => assert.deepEqual(provenanceHoverLines(row.input, { requireProvenance: ['@acme/*'], now: NOW }), row.want));
  }

  it('the line for a tarball elsewhere is there for the hover to show, and absent when the tarball is on the registry', () => {
    assert.equal(resolvedElsewhereLine(result()), undefined);
    assert.match(resolvedElsewhereLine(result({ resolvedElsewhere: 'https://mirror.example:8443/a.tgz' })) ?? '', /^⚠ fetched from mirror\.example:8443, not from its registry/);
  });

  it('escapes hostile provenance values and links only to safe URLs', () => {
    const hostile = result({
      provenance: {
        status: 'verified',
        code: 'verified',
        reason: 'ok',
        attestations: [],
        slsa: {
          ...SIGSTORE_SLSA,
          sourceRepository: 'javascript:alert(1)//[x](command:workbench.action.terminal.new)',
          commit: 'zz](command:evil)',
          workflowPath: '<script>alert(1)</script>',
          ref: '[click](https://evil.example)',
          rekorLogIndex: '1)(javascript:',
          rekorUrl: 'javascript:alert(1)',
        },
      },
    });
    const markdown = provenanceHoverMarkdown(hostile);
    assert.doesNotMatch(markdown, /(?<!\\)(?:\\\\)*\]\((?!https:\/\/)/, 'every link target is https');
    assert.doesNotMatch(markdown, /<script>|\[click(?<!\\)(?:\\\\)*\]\(/);
    assert.doesNotMatch(markdown, /(?<!\\)(?:\\\\)*\]\(command:/);
  });

  it('never throws and never emits a link that is not http(s)', () => {
    const text = fc.string({ maxLength: 40 });
    fc.assert(
      fc.property(text, text, text, text, text, (repo, commit, workflow, ref, index) => {
        const input = result({ provenance: { status: 'verified', code: 'verified', reason: '', attestations: [], slsa: { predicateType: 'x', sourceRepository: repo, commit, workflowPath: workflow, ref, rekorLogIndex: index, rekorUrl: `https://search.sigstore.dev/?logIndex=${index}` } } });
        const markdown = provenanceHoverMarkdown(input);
        for (const match of markdown.matchAll(/(?<!\\)(?:\\\\)*\]\(([^)]*)\)/g)) assert.match(match[1]!, /^https:\/\//);
      }),
      { numRuns: 300 },
    );
  });
});

describe('provenance/present labels', () => {
  it('links commits on GitHub and GitLab only', () => {
    assert.equal(commitUrl('https://github.com/o/r', 'a'.repeat(40)), `https://github.com/o/r/commit/${'a'.repeat(40)}`);
    assert.equal(commitUrl('git+https://gitlab.com/g/sub/r.git', 'b'.repeat(40)), `https://gitlab.com/g/sub/r/-/commit/${'b'.repeat(40)}`);
    assert.equal(commitUrl('https://example.com/o/r', 'a'.repeat(40)), undefined);
    assert.equal(commitUrl('https://github.com/o/r', 'not-a-sha'), undefined);
    assert.equal(commitUrl('https://user:pw@github.com/o/r', 'a'.repeat(40)), undefined);
  });
  it('shortens key ids', () => {
    assert.equal(shortKeyId('SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U'), 'SHA256:DhQ8…');
    assert.equal(shortKeyId('abc'), 'abc');
  });
});

describe('provenance/present diagnostics', () => {
  const rows: Array<{ name: string; input: PackageProvenance; settings?: Parameters<typeof provenanceDiagnostics>[1]; want: string[] }> = [
    { name: 'all good: nothing', input: result(), want: [] },
    { name: 'mirror: nothing (informational only in the hover)', input: result({ signature: { status: 'unavailable', code: 'registry-without-keys', reason: '' }, provenance: { ...NONE, status: 'unavailable', code: 'registry-without-attestations' } }), settings: { requireProvenance: ['**'] }, want: [] },
    { name: 'invalid signature: error', input: result({ signature: { status: 'invalid', code: 'bad-signature', reason: 'bad' } }), want: ['error signature-invalid'] },
    { name: 'invalid attestation: error', input: result({ provenance: { status: 'invalid', code: 'subject-mismatch', reason: 'bad', attestations: [] } }), want: ['error attestation-invalid'] },
    { name: 'missing signature: warning', input: result({ signature: { status: 'missing', code: 'no-signature', reason: '' } }), want: ['warning signature-missing'] },
    { name: 'a signature not covering the locked bytes: warning', input: result({ signature: { status: 'unverified', code: 'integrity-unsigned-algorithm', reason: '' } }), want: ['warning signature-unverified'] },
    { name: 'offline, not checked: nothing', input: result({ signature: { status: 'unavailable', code: 'offline', reason: '' }, provenance: { ...NONE, status: 'unavailable', code: 'offline' } }), settings: { requireProvenance: ['**'] }, want: [] },
    { name: 'regression: warning', input: result({ provenance: NONE, regression: { kind: 'provenance-dropped', previousVersion: '0.9.0' } }), want: ['warning provenance-regression'] },
    {
      name: 'source changed: warning',
      input: result({ regression: { kind: 'source-changed', previousVersion: '0.9.0', previousRepository: 'https://github.com/a/b', currentRepository: 'https://github.com/c/d' } }),
      want: ['warning provenance-regression'],
    },
    { name: 'policy: warning for matching names only', input: result({ provenance: NONE }), settings: { requireProvenance: ['sig*'] }, want: ['warning provenance-required'] },
    { name: 'policy: other names untouched', input: result({ provenance: NONE }), settings: { requireProvenance: ['@acme/*'] }, want: [] },
    { name: 'severities are configurable', input: result({ signature: { status: 'invalid', code: 'bad-signature', reason: '' }, provenance: NONE, regression: { kind: 'provenance-dropped', previousVersion: '0.9.0' } }), settings: { invalid: 'warning', regression: 'off' }, want: ['warning signature-invalid'] },
  ];
  for (const row of rows) {
    it(row.name, () => assert.deepEqual(provenanceDiagnostics(row.input, row.settings).map((d) => `${d.severity} ${d.code}`), row.want));
  }

  it('messages are plain text without control characters', () => {
    const [diagnostic] = provenanceDiagnostics(result({ signature: { status: 'invalid', code: 'bad-signature', reason: 'x\u001b[31mred\u0007\nnext' } }));
    assert.equal(diagnostic!.message, 'sigstore@1.0.0: invalid registry signature, possible tampering: xred next');
  });

  it('policy globs', () => {
    assert.equal(requiresProvenance('@acme/widget', ['@acme/*']), true);
    assert.equal(requiresProvenance('@acme/widget', ['*']), false);
    assert.equal(requiresProvenance('@acme/widget', ['**']), true);
    assert.equal(requiresProvenance('lodash', ['lod*']), true);
    assert.equal(requiresProvenance('lodash', []), false);
  });
});

describe('provenance/present chainsight verify output', () => {
  const results: PackageProvenance[] = [
    result({ name: 'tuf-js' }),
    result({ name: 'kms-demo', version: '1.0.1', signature: { status: 'invalid', code: 'bad-signature', reason: 'signature does not match' }, provenance: NONE }),
    result({ name: 'sigstore', version: '1.0.1', provenance: NONE, regression: { kind: 'provenance-dropped', previousVersion: '1.0.0' } }),
    result({ name: 'private', signature: { status: 'unavailable', code: 'registry-without-keys', reason: 'mirror has no keys' }, provenance: { ...NONE, status: 'unavailable', code: 'registry-without-attestations' } }),
    result({ name: 'nosig', signature: { status: 'missing', code: 'no-signature', reason: '' }, provenance: NONE }),
  ];

  it('JSON follows schema version 1, sorted, with counts', () => {
    const report = JSON.parse(verifyReportJson(results));
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(report.packages.map((p: { name: string }) => p.name), ['kms-demo', 'nosig', 'private', 'sigstore', 'tuf-js']);
    assert.deepEqual(report.packages[4], {
      ecosystem: 'npm',
      name: 'tuf-js',
      version: '1.0.0',
      signature: 'verified',
      provenance: 'verified',
      source: { repository: 'https://github.com/sigstore/sigstore-js', commit: '06528997c3c8ab9f864fad9a3658446aca7fd86d', workflow: '.github/workflows/publish.yml' },
      registry: 'https://registry.npmjs.org/',
      signatureReason: 'registry signature verified',
      provenanceReason: 'provenance verified',
      keyId: 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA',
      rekorLogIndex: '12988397',
      regression: null,
      resolvedElsewhere: null,
      checkedAt: null,
    });
    assert.deepEqual(report.packages[0].source, { repository: null, commit: null, workflow: null });
    assert.deepEqual(report.summary, {
      packages: 5,
      signature: { verified: 2, invalid: 1, unverified: 0, missing: 1, unavailable: 1 },
      provenance: { verified: 1, invalid: 0, none: 3, unavailable: 1 },
      regressions: 1,
      resolvedElsewhere: 0,
      invalid: 1,
    });
  });

  it('exit code 1 only when something is invalid', () => {
    assert.equal(verifyExitCode(results), 1);
    assert.equal(verifyExitCode(results.filter((r) => r.signature.status !== 'invalid')), 0);
    assert.equal(buildVerifyReport([]).summary.packages, 0);
  });

  it('the table lists what needs attention, like npm audit signatures', () => {
    const table = verifyReportTable(results);
    for (const line of [
      'checked 5 packages',
      '2 packages have a verified registry signature',
      '1 package has verified provenance',
      '1 package could not be checked for registry signatures:',
      '  1 — mirror has no keys',
      '1 package has a missing registry signature although the registry publishes signing keys:',
      '1 package has an invalid registry signature:',
      '  kms-demo@1.0.1 — signature does not match',
      '1 package has a provenance regression:',
      '  sigstore@1.0.1 — no provenance, 1.0.0 had',
      'Someone might have tampered with this package since it was published on the registry!',
      'NAME      VERSION  SIGNATURE    PROVENANCE   SOURCE',
      'tuf-js    1.0.0    verified     verified     github.com/sigstore/sigstore-js@0652899',
    ]) {
      assert.ok(table.split('\n').includes(line), `missing line: ${line}\n${table}`);
    }
  });

  it('the table and JSON show what the lockfile pins and where it fetches from, and cached verdicts', () => {
    const flagged = [
      result({ name: 'sha256-only', signature: { status: 'unverified', code: 'integrity-unsigned-algorithm', reason: 'the lockfile pins sha256 only' }, provenance: NONE }),
      result({ name: 'lodash', version: '4.17.21', provenance: NONE, resolvedElsewhere: 'http://evil.example/x.tgz' }),
      result({ name: 'cached', provenance: NONE, checkedAt: NOW }),
    ];
    const table = verifyReportTable(flagged).split('\n');
    for (const line of [
      '1 result from earlier checks, shown offline (not checked again)',
      '1 package has a registry signature that does not cover the locked bytes:',
      '  sha256-only@1.0.0 — the lockfile pins sha256 only',
      '1 package has a tarball URL on another host than its registry:',
      '  lodash@4.17.21 — http://evil.example/x.tgz (registry registry.npmjs.org)',
      'sha256-only  1.0.0    unverified  none',
    ]) {
      assert.ok(table.includes(line), `missing line: ${line}\n${table.join('\n')}`);
    }
    const report = buildVerifyReport(flagged);
    assert.deepEqual(report.packages.map((p) => [p.name, p.signature, p.resolvedElsewhere, p.checkedAt]), [
      ['cached', 'verified', null, '2026-03-01T12:00:00.000Z'],
      ['lodash', 'verified', 'http://evil.example/x.tgz', null],
      ['sha256-only', 'unverified', null, null],
    ]);
    assert.equal(report.summary.signature.unverified, 1);
    assert.equal(report.summary.resolvedElsewhere, 1);
    assert.equal(verifyExitCode(flagged), 0, 'a warning, not a failure');
  });

  it('the table strips terminal escapes from registry text', () => {
    const table = verifyReportTable([result({ name: 'evil\u001b]0;pwned\u0007', signature: { status: 'invalid', code: 'bad-signature', reason: '\u001b[2Jcleared' } })]);
    assert.doesNotMatch(table, /\u001b|\u0007/);
  });
});
