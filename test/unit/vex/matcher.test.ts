import * as assert from 'node:assert/strict';
import type { VexStatement } from '../../../server/src/documents/types';
import { goPurl } from '../../../server/src/ecosystems/go/purl';
import { VexMatcher, type MatchedVulnerability } from '../../../server/src/vex/matcher';
import type { ProjectIdentity, VexMatch, VexSubject } from '../../../server/src/vex/types';
import { GUAC_IMAGE_GIT, REDHAT_QUARKUS_CPE, TRIVY_HELM, TRIVY_TSA, VEXCTL_BASH_INVESTIGATING, VEXCTL_GIT_FIXED, fromFile } from '../../support/vex-statements';

const NOW = () => Date.parse('2025-09-01T12:00:00Z');
const TRIVY: ProjectIdentity = { name: 'github.com/aquasecurity/trivy', purls: ['pkg:golang/github.com/aquasecurity/trivy'] };
const OTHER_GO: ProjectIdentity = { name: 'example.com/app', purls: ['pkg:golang/example.com/app'] };
const IMAGE: ProjectIdentity = { name: 'git image', purls: ['pkg:oci/git@sha256:23a264e6e429852221a963e9f17338ba3f5796dc7086e46439a6f4482cf6e0cb'] };
const IMAGE_UNVERSIONED: ProjectIdentity = { name: 'git image', purls: ['pkg:oci/git'] };
const WOLFI: ProjectIdentity = { name: 'wolfi', purls: ['pkg:generic/wolfi'] };

function goModule(project: ProjectIdentity, name: string, version: string): VexSubject {
  const purl = goPurl(name, version);
  return { key: `go.mod#${name}`, ecosystem: 'Go', name, version, purl, paths: [{ project, purls: [purl] }] };
}

function apk(project: ProjectIdentity, purl: string): VexSubject {
  return { key: `apk#${purl}`, ecosystem: 'npm', name: 'git', version: '', purl, paths: [{ project, purls: [purl] }] };
}

interface Row {
  name: string;
  statement: VexStatement;
  subject: VexSubject;
  vulnerability: MatchedVulnerability;
  want?: { status: string; scope: string; suppressed: boolean; justification?: string };
}

/** What the real documents' statements decide for packages a scan could find. */
const ROWS: Row[] = [
  {
    name: 'trivy: its helm dependency, found as GHSA, matched through the alias',
    statement: TRIVY_HELM,
    subject: goModule(TRIVY, 'helm.sh/helm/v3', 'v3.14.0'),
    vulnerability: { id: 'GHSA-r53h-jv2g-vpx6', aliases: ['CVE-2024-26147'] },
    want: { status: 'not_affected', scope: 'project-dependency', suppressed: true, justification: 'vulnerable_code_not_in_execute_path' },
  },
  {
    name: 'trivy: the record id (GO-…) given only among the grouped records',
    statement: TRIVY_HELM,
    subject: goModule(TRIVY, 'helm.sh/helm/v3', 'v3.14.0'),
    vulnerability: { id: 'CVE-2024-26147', aliases: [], records: ['GO-2024-2575'] },
    want: { status: 'not_affected', scope: 'project-dependency', suppressed: true, justification: 'vulnerable_code_not_in_execute_path' },
  },
  { name: 'trivy: the same module in another project', statement: TRIVY_HELM, subject: goModule(OTHER_GO, 'helm.sh/helm/v3', 'v3.14.0'), vulnerability: { id: 'GHSA-r53h-jv2g-vpx6', aliases: [] } },
  { name: 'trivy: another vulnerability of the module', statement: TRIVY_HELM, subject: goModule(TRIVY, 'helm.sh/helm/v3', 'v3.14.0'), vulnerability: { id: 'GHSA-6rx9-889q-vv2r', aliases: ['CVE-2024-25620'] } },
  {
    name: 'trivy: a subcomponent pinned to v1.2.2 matches v1.2.2',
    statement: TRIVY_TSA,
    subject: goModule(TRIVY, 'github.com/sigstore/timestamp-authority', 'v1.2.2'),
    vulnerability: { id: 'GHSA-4qg8-fj49-pxjh', aliases: ['CVE-2025-66564'] },
    want: { status: 'not_affected', scope: 'project-dependency', suppressed: true, justification: 'vulnerable_code_not_present' },
  },
  { name: 'trivy: … and not v1.2.3', statement: TRIVY_TSA, subject: goModule(TRIVY, 'github.com/sigstore/timestamp-authority', 'v1.2.3'), vulnerability: { id: 'GHSA-4qg8-fj49-pxjh', aliases: [] } },
  {
    name: 'vexctl: git fixed for x86_64, the package itself is the product',
    statement: VEXCTL_GIT_FIXED,
    subject: apk(WOLFI, 'pkg:apk/distro/git@2.39.0-r1?arch=x86_64'),
    vulnerability: { id: 'CVE-2014-123456', aliases: [] },
    want: { status: 'fixed', scope: 'dependency', suppressed: true },
  },
  {
    name: 'vexctl: extra qualifiers on the package do not stop a match',
    statement: VEXCTL_GIT_FIXED,
    subject: apk(WOLFI, 'pkg:apk/distro/git@2.39.0-r1?arch=armv7&distro=wolfi-20230201'),
    vulnerability: { id: 'cve-2014-123456', aliases: [] },
    want: { status: 'fixed', scope: 'dependency', suppressed: true },
  },
  { name: 'vexctl: another architecture', statement: VEXCTL_GIT_FIXED, subject: apk(WOLFI, 'pkg:apk/distro/git@2.39.0-r1?arch=aarch64'), vulnerability: { id: 'CVE-2014-123456', aliases: [] } },
  { name: 'vexctl: no architecture at all (the statement names one)', statement: VEXCTL_GIT_FIXED, subject: apk(WOLFI, 'pkg:apk/distro/git@2.39.0-r1'), vulnerability: { id: 'CVE-2014-123456', aliases: [] } },
  { name: 'vexctl: another version', statement: VEXCTL_GIT_FIXED, subject: apk(WOLFI, 'pkg:apk/distro/git@2.39.0-r2?arch=x86_64'), vulnerability: { id: 'CVE-2014-123456', aliases: [] } },
  {
    name: 'guac: the image is the project, git inside it the subcomponent',
    statement: GUAC_IMAGE_GIT,
    subject: apk(IMAGE, 'pkg:apk/alpine/git@2.38.1-r0?arch=x86_64'),
    vulnerability: { id: 'CVE-2023-12345', aliases: [] },
    want: { status: 'not_affected', scope: 'project-dependency', suppressed: true, justification: 'inline_mitigations_already_exist' },
  },
  { name: 'guac: an image known only without its digest is not that image', statement: GUAC_IMAGE_GIT, subject: apk(IMAGE_UNVERSIONED, 'pkg:apk/alpine/git@2.38.1-r0?arch=x86_64'), vulnerability: { id: 'CVE-2023-12345', aliases: [] } },
  {
    name: 'vexctl v0.0.1: under investigation annotates and does not suppress',
    statement: VEXCTL_BASH_INVESTIGATING,
    subject: apk(WOLFI, 'pkg:apk/wolfi/bash@1.0.0'),
    vulnerability: { id: 'CVE-1234-5678', aliases: [] },
    want: { status: 'under_investigation', scope: 'dependency', suppressed: false },
  },
  {
    name: 'Red Hat CSAF: CPE-named products match no purl',
    statement: REDHAT_QUARKUS_CPE,
    subject: { key: 'pom.xml#q', ecosystem: 'Maven', name: 'io.quarkus:quarkus-vertx-http', version: '2.13.0', purl: 'pkg:maven/io.quarkus/quarkus-vertx-http@2.13.0', paths: [{ project: { name: 'a', purls: ['pkg:maven/com.example/a'] }, purls: ['pkg:maven/io.quarkus/quarkus-vertx-http@2.13.0'] }] },
    vulnerability: { id: 'GHSA-qj4x-9v2p-xr5x', aliases: ['CVE-2023-0044'] },
  },
];

describe('VEX matching against statements of real documents', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const statement = fromFile(row.statement, '/repo/.vex/doc.json');
      const match: VexMatch = new VexMatcher([statement], { now: NOW }).match(row.subject, row.vulnerability);
      if (!row.want) {
        assert.equal(match.decision, undefined);
        return;
      }
      const d = match.decision;
      assert.ok(d, 'expected a decision');
      assert.deepEqual(
        { status: d.status, scope: d.scope, suppressed: d.suppressed, ...(d.justification ? { justification: d.justification } : {}) },
        row.want,
      );
      assert.equal(d.source.file, '/repo/.vex/doc.json');
      assert.equal(d.author, row.statement.author);
      assert.equal(d.timestamp, row.statement.timestamp);
      assert.equal(d.matched, statement);
    });
  }
});
