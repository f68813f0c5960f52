import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { VulnResult, WhoUsesResult } from '../../../server/src/graph/answers';
import { GraphError } from '../../../server/src/graph/graph-error';
import { tempDirs } from '../store/temp-store';
import { APP_AFTER, APP_BEFORE, buildStore, GOOF_V1, GOOF_V2, NPM_CLI, type BuiltStore } from './store-fixture';

/** `kind name@commit-or-version purl`, the way the tables below name a result. */
const place = (r: WhoUsesResult | VulnResult) => `${r.subject.kind} ${r.subject.name}@${r.subject.commit?.slice(0, 8) ?? r.subject.version ?? ''} ${r.package.purl}`;

describe('graph/questions on a store of real scans and SBOMs', function () {
  const dirs = tempDirs();
  let built: BuiltStore;
  before(async () => {
    built = await buildStore(path.join(dirs.make(), 'chainsight.db'));
  });
  after(async () => {
    await built.dispose();
    dirs.cleanup();
  });

  const WHO_USES: Array<{ name: string; query: string; history?: boolean; want: string[] }> = [
    { name: 'a version in a project and an SBOM', query: 'cookie@0.4.1', want: [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/cookie@0.4.1`, 'sbom juice-shop@14.1.1 pkg:npm/cookie@0.4.1'] },
    { name: 'names are matched case-insensitively', query: 'Cookie@0.4.1', want: [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/cookie@0.4.1`, 'sbom juice-shop@14.1.1 pkg:npm/cookie@0.4.1'] },
    { name: 'a purl with version', query: 'pkg:npm/ms@2.0.0', want: [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/ms@2.0.0`, `project npm@${NPM_CLI.slice(0, 8)} pkg:npm/ms@2.0.0`, 'sbom juice-shop@14.1.1 pkg:npm/ms@2.0.0'] },
    {
      name: 'a purl without version: every version',
      query: 'pkg:npm/lodash',
      want: [
        `project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.10`,
        `project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.15`,
        `project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.21`,
        `project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.4`,
        `project npm@${NPM_CLI.slice(0, 8)} pkg:npm/lodash@4.17.21`,
        `project npm-app@${APP_AFTER.slice(0, 8)} pkg:npm/lodash@4.17.21`,
        'sbom juice-shop@14.1.1 pkg:npm/lodash@2.4.2',
        'sbom juice-shop@14.1.1 pkg:npm/lodash@4.17.21',
      ],
    },
    { name: 'an npm range, latest snapshots only', query: 'lodash@<4.17.5', want: [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.4`, 'sbom juice-shop@14.1.1 pkg:npm/lodash@2.4.2'] },
    {
      name: 'an npm range over the whole history',
      query: 'lodash@<4.17.5',
      history: true,
      want: [
        `project goof@${GOOF_V1.slice(0, 8)} pkg:npm/lodash@4.17.4`,
        `project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.4`,
        `project npm-app@${APP_BEFORE.slice(0, 8)} pkg:npm/lodash@4.17.4`,
        'sbom juice-shop@14.1.1 pkg:npm/lodash@2.4.2',
      ],
    },
    { name: 'a Maven range on group:artifact', query: 'com.fasterxml.jackson.core:jackson-databind@[2.10,2.11)', want: ['sbom com.example:example-app@1.0.0 pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar'] },
    { name: 'Go versions compared as Go does', query: 'github.com/spf13/cobra@>=1.2.0 <1.3.0', want: ['sbom k8s.io/minikube@v1.23.1 pkg:golang/github.com/spf13/cobra@v1.2.1?goarch=arm64&goos=linux&type=module'] },
    { name: 'a Go version outside the range', query: 'github.com/spf13/cobra@<1.2.0', want: [] },
    { name: 'an SPDX package without a purl, by name', query: 'junit', want: ['sbom examplemaven@0.0.1 pkg:generic/JUnit@3.8.1'] },
    { name: 'a package nothing contains', query: 'left-pad', want: [] },
  ];
  for (const row of WHO_USES) {
    it(`who-uses: ${row.name}`, async () => {
      const answer = await built.graph.whoUses({ package: row.query, ...(row.history ? { history: true } : {}) });
      assert.equal(answer.schemaVersion, 1);
      assert.equal(answer.query.package, row.query);
      assert.deepEqual(answer.results.map(place), row.want);
    });
  }

  it('who-uses: each result names its subject, package, how it is used and its evidence', async () => {
    const [direct] = (await built.graph.whoUses({ package: 'pkg:npm/lodash@4.17.4' })).results;
    assert.deepEqual(direct, {
      subject: { kind: 'project', name: 'goof', commit: GOOF_V2 },
      package: { purl: 'pkg:npm/lodash@4.17.4', name: 'lodash', version: '4.17.4' },
      direct: true,
      scope: [],
      declared: '4.17.4',
      paths: [['lodash']],
      evidence: [{ kind: 'scan', ref: `goof@${GOOF_V2}`, at: '2026-01-01T00:02:00.000Z' }],
    });
    const sbom = (await built.graph.whoUses({ package: 'pkg:npm/ms@2.0.0' })).results.find((r) => r.subject.kind === 'sbom')!;
    assert.equal(sbom.direct, false);
    assert.deepEqual(sbom.paths, [['morgan', 'debug', 'ms']]);
    assert.equal(sbom.evidence[0]?.kind, 'document');
    assert.equal(sbom.evidence[0]?.name, 'juice-shop-14.1.1.flat.cdx-1.6.json');
    assert.equal(sbom.evidence[0]?.format, 'cyclonedx');
    assert.match(sbom.evidence[0]!.ref, /^sha256:[0-9a-f]{64}$/);
  });

  const VULN: Array<{ name: string; id: string; history?: boolean; want: Array<[string, boolean, string?]> }> = [
    {
      name: 'every affected instance, VEX applied to the one its subject excludes',
      id: 'GHSA-p6mc-m468-83gw',
      want: [
        [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.10`, true],
        [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.15`, true],
        [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.4`, false, 'not_affected'],
      ],
    },
    {
      name: 'asked by its CVE alias, in any case',
      id: 'cve-2020-8203',
      want: [
        [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.10`, true],
        [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.15`, true],
        [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.4`, false, 'not_affected'],
      ],
    },
    {
      name: 'over the history: the statement about goof does not cover npm-app',
      id: 'GHSA-p6mc-m468-83gw',
      history: true,
      want: [
        [`project goof@${GOOF_V1.slice(0, 8)} pkg:npm/lodash@4.17.10`, true],
        [`project goof@${GOOF_V1.slice(0, 8)} pkg:npm/lodash@4.17.15`, true],
        [`project goof@${GOOF_V1.slice(0, 8)} pkg:npm/lodash@4.17.4`, false, 'not_affected'],
        [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.10`, true],
        [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.15`, true],
        [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/lodash@4.17.4`, false, 'not_affected'],
        [`project npm-app@${APP_BEFORE.slice(0, 8)} pkg:npm/lodash@4.17.4`, true],
      ],
    },
    {
      name: 'an SBOM containing a version a scan found affected',
      id: 'GHSA-pxg6-pf52-xh8x',
      want: [
        [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/cookie@0.1.2`, true],
        [`project goof@${GOOF_V2.slice(0, 8)} pkg:npm/cookie@0.4.1`, true],
        [`project npm-app@${APP_AFTER.slice(0, 8)} pkg:npm/cookie@0.1.2`, true],
        ['sbom juice-shop@14.1.1 pkg:npm/cookie@0.4.1', true],
      ],
    },
    { name: 'a CycloneDX VEX about a component of another BOM', id: 'CVE-2020-25649', want: [['sbom com.example:example-app@1.0.0 pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar', false, 'not_affected']] },
    { name: 'an id the store does not know', id: 'GHSA-0000-0000-0000', want: [] },
  ];
  for (const row of VULN) {
    it(`vuln: ${row.name}`, async () => {
      const answer = await built.graph.vuln({ id: row.id, ...(row.history ? { history: true } : {}) });
      assert.deepEqual(
        answer.results.map((r) => [place(r), r.open, ...(r.vex ? [r.vex.status] : [])]),
        row.want.map(([where, open, status]) => [where, open, ...(status ? [status] : [])]),
      );
    });
  }

  it('vuln: names the issue, its aliases, the VEX statement and the evidence of each fact', async () => {
    const answer = await built.graph.vuln({ id: 'CVE-2020-8203' });
    const excluded = answer.results.find((r) => r.package.version === '4.17.4')!;
    assert.deepEqual(excluded.vulnerability, { id: 'CVE-2020-8203', aliases: ['GHSA-p6mc-m468-83gw'], severity: 'high', summary: 'Prototype Pollution in lodash', fixed: '4.17.20' });
    assert.deepEqual(excluded.vex, {
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      statement: 'goof never calls zipObjectDeep',
      evidence: { kind: 'document', ref: 'sha256:5e1f0c0ffee0000000000000000000000000000000000000000000000000001', at: excluded.vex!.evidence.at, name: 'goof.openvex.json', format: 'openvex' },
    });
    const sbom = (await built.graph.vuln({ id: 'GHSA-pxg6-pf52-xh8x' })).results.find((r) => r.subject.kind === 'sbom')!;
    // Contained per the SBOM, affected per the goof scan's finding for the same version.
    assert.deepEqual(sbom.evidence.map((e) => e.kind), ['document', 'scan']);
    assert.equal(sbom.evidence[1]?.ref, `goof@${GOOF_V2}`);
  });

  it('project: packages, findings after VEX, provenance coverage and history', async () => {
    const [goof] = (await built.graph.project({ project: 'goof' })).results;
    assert.deepEqual(goof!.subject, { kind: 'project', name: 'goof', commit: GOOF_V2 });
    assert.equal(goof!.packages.length, 980);
    assert.equal(goof!.packages.filter((p) => p.direct).length, 35);
    const closed = goof!.findings.filter((f) => !f.open);
    assert.deepEqual(closed.map((f) => `${f.package.purl} ${f.vulnerability.id} ${f.vex?.status}`), ['pkg:npm/lodash@4.17.4 GHSA-p6mc-m468-83gw not_affected']);
    assert.ok(goof!.findings.slice(0, -1).every((f) => f.open), 'open findings come first');
    assert.deepEqual(goof!.provenance, { packages: 980, verified: 0, invalid: 0, missing: 980 });
    assert.deepEqual(goof!.history.map((h) => h.commit), [GOOF_V2, GOOF_V1]);
    const [old] = (await built.graph.project({ project: 'goof', commit: GOOF_V1.slice(0, 7) })).results;
    assert.equal(old!.subject.commit, GOOF_V1);
    const [signed] = (await built.graph.project({ project: 'signed-app' })).results;
    assert.deepEqual(signed!.provenance, { packages: 1, verified: 1, invalid: 0, missing: 0 });
  });

  const UNANSWERABLE: Array<{ name: string; ask: () => Promise<unknown>; message: RegExp }> = [
    { name: 'an unknown project', ask: () => built.graph.project({ project: 'nope' }), message: /no project "nope"/ },
    { name: 'a commit never recorded', ask: () => built.graph.project({ project: 'goof', commit: 'deadbeef' }), message: /no snapshot at deadbeef; recorded: 9f8e7d6c5b4a, 1a2b3c4d5e6f/ },
    { name: 'a diff of an unknown project', ask: () => built.graph.diff({ project: 'nope', from: 'a', to: 'b' }), message: /no project "nope"/ },
  ];
  for (const row of UNANSWERABLE) {
    it(`says why it cannot answer: ${row.name}`, async () => {
      await assert.rejects(row.ask(), (err: unknown) => err instanceof GraphError && row.message.test(err.message));
    });
  }

  it('provenance: the npm provenance attestation verifies sigstore@1.0.0 through its tarball digest', async () => {
    const all = (await built.graph.provenance({})).results;
    assert.ok(all.length > 2000, 'packages without provenance are listed');
    assert.ok(!all.some((r) => r.package.purl === 'pkg:npm/sigstore@1.0.0'), 'a verified package is not');
    assert.deepEqual((await built.graph.provenance({ invalid: true })).results, []);
    const [signed] = (await built.graph.whoUses({ package: 'sigstore' })).results;
    assert.equal(signed?.subject.name, 'signed-app');
  });

  it('diff: a dependency upgrade closes its findings', async () => {
    const [diff] = (await built.graph.diff({ project: 'npm-app', from: APP_BEFORE.slice(0, 8), to: APP_AFTER })).results;
    assert.deepEqual(diff!.changed, [{ name: 'lodash', purl: 'pkg:npm/lodash', from: '4.17.4', to: '4.17.21' }]);
    assert.deepEqual([diff!.added, diff!.removed, diff!.opened], [[], [], []]);
    assert.deepEqual(diff!.closed.map((f) => `${f.package.purl} ${f.vulnerability.id}`), ['pkg:npm/lodash@4.17.4 GHSA-35jh-r3h4-6jhm', 'pkg:npm/lodash@4.17.4 GHSA-jf85-cpcp-j695', 'pkg:npm/lodash@4.17.4 GHSA-p6mc-m468-83gw']);
    const [back] = (await built.graph.diff({ project: 'npm-app', from: APP_AFTER, to: APP_BEFORE })).results;
    assert.deepEqual(back!.opened.map((f) => f.vulnerability.id), ['GHSA-35jh-r3h4-6jhm', 'GHSA-jf85-cpcp-j695', 'GHSA-p6mc-m468-83gw']);
  });

  it('context: where else the package is used, and what VEX says about its findings there', async () => {
    const context = await built.graph.context({ purl: 'pkg:npm/lodash@4.17.4', vulnerabilities: ['CVE-2020-8203'], excludeProject: 'npm-app' });
    assert.deepEqual([...new Set(context.usedBy.map((u) => `${u.subject.kind} ${u.subject.name}`))], ['project goof', 'project npm', 'sbom juice-shop']);
    assert.deepEqual(context.vex.map((v) => [v.subject.name, v.subject.commit, v.version, v.vulnerability, v.vex.status, v.vex.justification]), [['goof', GOOF_V2, '4.17.4', 'CVE-2020-8203', 'not_affected', 'vulnerable_code_not_in_execute_path']]);
  });

  it('status: what the store holds', async () => {
    const status = await built.graph.status();
    assert.deepEqual(status.projects.map((p) => [p.name, p.snapshots]), [['goof', 2], ['npm', 1], ['npm-app', 2], ['signed-app', 1]]);
    assert.deepEqual(status.documents, [{ kind: 'attestation', count: 1 }, { kind: 'sbom', count: 5 }, { kind: 'vex', count: 2 }]);
    assert.equal(status.historyLimit, 50);
  });
});
