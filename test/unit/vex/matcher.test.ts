import * as assert from 'node:assert/strict';
import { goPurl } from '../../../server/src/ecosystems/go/purl';
import { VexMatcher, type MatchedVulnerability } from '../../../server/src/vex/matcher';
import type { ProjectIdentity, SourcedStatement, VexMatch, VexSubject } from '../../../server/src/vex/types';
import { fixtureStatement } from '../../support/vex-statements';

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

/** A statement of a real document, read by the document readers: the file under test/fixtures/documents and the vulnerability it is about. */
type From = [file: string, vulnerability: string];
const TRIVY_HELM: From = ['openvex/trivy.openvex.json', 'GO-2024-2575'];
const TRIVY_TSA: From = ['openvex/trivy.openvex.json', 'GO-2025-4192'];
const VEXCTL_GIT_FIXED: From = ['openvex/vexctl-demo.openvex.json', 'CVE-2014-123456'];
const GUAC_IMAGE_GIT: From = ['openvex/guac-open-vex-not-affected.json', 'CVE-2023-12345'];
const VEXCTL_BASH_INVESTIGATING: From = ['openvex/vexctl-v001-1.openvex.json', 'CVE-1234-5678'];
const JACKSON_CYCLONEDX: From = ['cyclonedx-vex/bom-examples.vex.json', 'CVE-2020-25649'];
const SECVISOGRAM_CSAF: From = ['csaf/secvisogram-sec-vex-2022-0001.json', 'CVE-2021-44228'];
const DEPENDENCY_TRACK_BOM_REF: From = ['cyclonedx-vex/dependency-track-vex-issue2549.cdx-1.4.json', 'CVE-2020-25649'];

function maven(project: ProjectIdentity, name: string, version: string): VexSubject {
  const [group, artifact] = name.split(':');
  const purl = `pkg:maven/${group}/${artifact}@${version}`;
  return { key: `pom.xml#${name}`, ecosystem: 'Maven', name, version, purl, paths: [{ project, purls: [purl] }] };
}

const APP: ProjectIdentity = { name: 'app', purls: ['pkg:maven/com.example/app'] };

interface Row {
  name: string;
  statement: From;
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
    name: 'CycloneDX VEX: jackson-databind 2.10.0 as the product, written ?type=jar, matches the lockfile\'s purl (a jar by default)',
    statement: JACKSON_CYCLONEDX,
    subject: maven(APP, 'com.fasterxml.jackson.core:jackson-databind', '2.10.0'),
    vulnerability: { id: 'GHSA-288c-cq4h-88gq', aliases: ['CVE-2020-25649'] },
    want: { status: 'not_affected', scope: 'dependency', suppressed: true, justification: 'vulnerable_code_not_in_execute_path' },
  },
  { name: 'CycloneDX VEX: … not another version', statement: JACKSON_CYCLONEDX, subject: maven(APP, 'com.fasterxml.jackson.core:jackson-databind', '2.10.5'), vulnerability: { id: 'CVE-2020-25649', aliases: [] } },
  { name: 'CycloneDX VEX: a product named by bom-ref only matches no package', statement: DEPENDENCY_TRACK_BOM_REF, subject: maven(APP, 'com.fasterxml.jackson.core:jackson-databind', '2.10.0'), vulnerability: { id: 'CVE-2020-25649', aliases: [] } },
  { name: 'CSAF: a product named by a CSAF product id (no purl) matches no package', statement: SECVISOGRAM_CSAF, subject: maven(APP, 'org.apache.logging.log4j:log4j-core', '2.14.1'), vulnerability: { id: 'GHSA-jfh8-c2jp-5v3q', aliases: ['CVE-2021-44228'] } },
];

describe('VEX matching against statements of real documents (read by the document readers)', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const statement: SourcedStatement = fixtureStatement(...row.statement);
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
      assert.equal(d.source.file, statement.source.kind === 'file' ? statement.source.path : undefined);
      assert.deepEqual(d.source.range, statement.statement.range);
      assert.equal(d.author, statement.statement.author);
      assert.equal(d.timestamp, statement.statement.timestamp);
      assert.equal(d.matched, statement);
    });
  }
});
