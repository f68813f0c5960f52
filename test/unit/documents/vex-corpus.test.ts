import { strict as assert } from 'node:assert';
import type { VexDocument, VexStatement } from '../../../server/src/documents/types';
import { readFixture, vexOf } from './read-fixture';

/**
 * Real VEX documents (OpenVEX 0.2.0 and older, CycloneDX VEX, CSAF 2.0 csaf_vex), each row asserting
 * specific statements: vulnerability and aliases, status and justification (mapped and as written),
 * products and subcomponents, statements, time and author.
 */

const statementFor = (vex: VexDocument, id: string, status?: string): VexStatement => {
  const found = vex.statements.find((s) => s.vulnerability.id === id && (status === undefined || s.status === status));
  assert.ok(found, `no statement for ${id} ${status ?? ''}`);
  return found;
};

interface Row {
  file: string;
  format: string;
  warnings?: RegExp;
  check: (vex: VexDocument) => void;
}

const ROWS: Row[] = [
  {
    file: 'openvex/trivy.openvex.json',
    format: 'openvex',
    // Its statements give both a justification and an impact statement, as the spec recommends: no warning for that.
    warnings: /^openvex\/trivy\.openvex\.json at 3:4: @id is not a valid iri; kept as written$/,
    check: (vex) => {
      assert.deepEqual([vex.origin.specVersion, vex.origin.author, vex.origin.issuedAt], ['0.2.0', 'Aqua Security', '2024-07-09T11:38:00.115697+04:00']);
      assert.equal(vex.statements.length, 21);
      assert.ok(vex.statements.every((s) => s.status === 'not_affected'));
      const helm = statementFor(vex, 'GO-2024-2575');
      assert.deepEqual(helm.vulnerability.aliases, ['CVE-2024-26147', 'GHSA-r53h-jv2g-vpx6']);
      assert.equal(helm.justification, 'vulnerable_code_not_in_execute_path');
      assert.equal(helm.impactStatement, "Govulncheck determined that the vulnerable code isn't called");
      assert.deepEqual(helm.products, [{ purl: 'pkg:golang/github.com/aquasecurity/trivy', subcomponents: [{ purl: 'pkg:golang/helm.sh/helm/v3' }] }]);
      assert.equal(helm.timestamp, '2024-07-09T11:38:00.115697+04:00', 'inherits the document time');
      assert.equal(statementFor(vex, 'GO-2023-1765').justification, 'vulnerable_code_not_present');
      assert.deepEqual(helm.range, { start: { line: 8, character: 4 }, end: { line: 37, character: 5 } }, "from its { to its }");
    },
  },
  {
    file: 'openvex/vexctl-demo.openvex.json',
    format: 'openvex',
    check: (vex) => {
      const fixed = statementFor(vex, 'CVE-2014-123456', 'fixed');
      assert.deepEqual(
        fixed.products.map((p) => p.purl),
        ['pkg:apk/distro/git@2.39.0-r1?arch=armv7', 'pkg:apk/distro/git@2.39.0-r1?arch=x86_64'],
      );
      assert.equal(fixed.timestamp, '2023-12-04T21:55:19.945015302-06:00', "the statement's own time overrides the document's");
      assert.equal(fixed.author, 'Wolfi J Inkinson');
    },
  },
  {
    file: 'openvex/vexctl-v001-1.openvex.json',
    format: 'openvex',
    warnings: /pre-0\.2\.0 document has no (version|timestamp)/,
    check: (vex) => {
      assert.equal(vex.origin.id, 'my-vexdoc2');
      const statement = statementFor(vex, 'CVE-1234-5678', 'under_investigation');
      assert.deepEqual(statement.products, [{ purl: 'pkg:apk/wolfi/bash@1.0.0', subcomponents: [] }], 'string products of the older shape');
      assert.deepEqual([statement.timestamp, statement.author], ['2022-12-22T16:36:43-05:00', 'John Doe']);
    },
  },
  {
    file: 'openvex/guac-open-vex-not-affected.json',
    format: 'openvex',
    check: (vex) => {
      const statement = statementFor(vex, 'CVE-2023-12345', 'not_affected');
      assert.equal(statement.justification, 'inline_mitigations_already_exist');
      assert.equal(statement.impactStatement, 'Included git is mitigated against CVE-2023-12345 !');
      assert.equal(statement.products[0]?.purl, 'pkg:oci/git@sha256:23a264e6e429852221a963e9f17338ba3f5796dc7086e46439a6f4482cf6e0cb');
      assert.deepEqual(
        statement.products[0]?.subcomponents.map((s) => s.purl),
        ['pkg:apk/alpine/git@2.38.1-r0?arch=x86_64', 'pkg:apk/alpine/git@2.38.1-r0?arch=ppc64le'],
      );
      assert.equal(statement.timestamp, '2023-01-09T21:23:03.579712389-06:00');
    },
  },
  {
    file: 'cyclonedx-vex/bom-examples.vex.json',
    format: 'cyclonedx',
    check: (vex) => {
      const statement = statementFor(vex, 'CVE-2020-25649', 'not_affected');
      assert.deepEqual(statement.vulnerability.aliases, ['SNYK-JAVA-COMFASTERXMLJACKSONCORE-1048302']);
      assert.deepEqual([statement.sourceJustification, statement.justification], ['code_not_reachable', 'vulnerable_code_not_in_execute_path']);
      assert.equal(statement.products[0]?.purl, 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar', 'the purl in a BOM-Link fragment');
      assert.match(statement.products[0]?.id ?? '', /^urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79\/1#/);
      assert.match(statement.actionStatement ?? '', /^Upgrade com\.fasterxml\.jackson\.core:jackson-databind .*\nresponse: will_not_fix, update$/);
      assert.equal(statement.timestamp, '2021-10-26T00:00:00.000Z');
    },
  },
  {
    file: 'cyclonedx-vex/cisa-case-7/vex.json',
    format: 'cyclonedx',
    check: (vex) => {
      assert.equal(vex.statements.length, 4);
      const exploitable = statementFor(vex, 'CVE-2021-44228', 'affected');
      assert.equal(exploitable.sourceStatus, 'exploitable');
      assert.deepEqual(exploitable.products, [
        { id: 'urn:cdx:cbb2cd68-2857-43b8-a10b-e8c03d277d18/1#product-ABC', versions: ['2.4', '2.6', 'vers:generic/>=2.9|<=4.1'], subcomponents: [] },
        { id: 'urn:cdx:e4c3eedc-4978-470c-ad02-6ffff63738ff/1#product-JKL', versions: ['vers:generic/>=4.5|<=5.0'], subcomponents: [] },
      ]);
      const notAffected = vex.statements.filter((s) => s.status === 'not_affected');
      assert.deepEqual(notAffected.map((s) => [s.justification, s.products[0]?.versions]), [
        ['vulnerable_code_not_present', ['2.5', '4.2', 'vers:generic/>=1.0|<=2.3', 'vers:generic/>=2.7|<=2.8']],
        ['vulnerable_code_not_present', ['vers:generic/>=1.0|<=4.4']],
      ]);
      assert.equal(statementFor(vex, 'CVE-2021-44228', 'fixed').sourceStatus, 'resolved');
    },
  },
  {
    file: 'cyclonedx-vex/dependency-track-vex-issue2549.cdx-1.4.json',
    format: 'cyclonedx',
    check: (vex) => {
      assert.equal(vex.statements.length, 3);
      const falsePositive = statementFor(vex, 'CVE-2020-25650');
      assert.deepEqual([falsePositive.status, falsePositive.sourceStatus], ['not_affected', 'false_positive']);
      assert.deepEqual(falsePositive.products, [{ id: '7f2ee811-6b35-4c24-83ec-605d7939005c', subcomponents: [] }], 'the project (metadata.component) has no purl: its bom-ref');
      assert.equal(statementFor(vex, 'CVE-2020-25649').justification, undefined);
      assert.equal(falsePositive.timestamp, '2023-03-01T00:00:00Z');
    },
  },
  {
    file: 'cyclonedx-vex/guac-cyclonedx-vex-false-positive.cdx-1.6.json',
    format: 'cyclonedx',
    check: (vex) => {
      assert.deepEqual(vex.statements.map((s) => [s.vulnerability.id, s.status, s.sourceStatus]), [
        ['CVE-2024-0002', 'not_affected', 'false_positive'],
        ['CVE-2024-0004', 'not_affected', 'false_positive'],
      ]);
      assert.deepEqual(vex.statements[0]?.products, [{ id: 'urn:uuid:4e671687-395b-41f5-a30f-a58921a69b80/1#test-component-2', versions: ['1.0.0'], subcomponents: [] }], 'a link to its own component, which has no purl');
    },
  },
  {
    file: 'csaf/redhat-cve-2023-0044.json',
    format: 'csaf',
    check: (vex) => {
      assert.deepEqual([vex.origin.id, vex.origin.author, vex.origin.specVersion], ['CVE-2023-0044', 'Red Hat Product Security', '2.0']);
      const notAffected = statementFor(vex, 'CVE-2023-0044', 'not_affected');
      assert.deepEqual(notAffected.vulnerability.aliases, ['2158081'], 'ids as aliases');
      assert.deepEqual([notAffected.justification, notAffected.sourceStatus], ['vulnerable_code_not_present', 'known_not_affected']);
      assert.equal(notAffected.products.length, 9);
      assert.deepEqual(notAffected.products[0], { id: 'cpe:/a:redhat:a_mq_clients:2', subcomponents: [{ id: 'quarkus-vertx-http' }] }, 'a relationship product: the CPE product with its component');
      const affected = statementFor(vex, 'CVE-2023-0044', 'affected');
      assert.match(affected.actionStatement ?? '', /workaround: This attack can be prevented with the Quarkus CSRF Prevention feature\./);
      assert.equal(vex.statements.filter((s) => s.status === 'fixed').length, 2);
    },
  },
  {
    file: 'csaf/redhat-cve-2023-20862.json',
    format: 'csaf',
    check: (vex) => {
      const affected = vex.statements.filter((s) => s.status === 'affected').flatMap((s) => s.products);
      assert.equal(affected.length, 13);
      assert.ok(affected.some((p) => p.id === 'cpe:/a:redhat:ocp_tools' && p.subcomponents[0]?.id === 'jenkins'));
      assert.equal(vex.statements.filter((s) => s.status === 'not_affected').flatMap((s) => s.products).length, 9);
    },
  },
  {
    file: 'csaf/redhat-rhsa-2023_1441.json',
    format: 'csaf',
    check: (vex) => {
      assert.equal(vex.origin.id, 'RHSA-2023:1441');
      const fixed = statementFor(vex, 'CVE-2023-0286', 'fixed');
      assert.equal(fixed.products.length, 35);
      assert.ok(fixed.products.some((p) => p.id === 'cpe:/o:redhat:rhel_eus:8.6::baseos' && p.subcomponents[0]?.purl === 'pkg:rpm/redhat/openssl@1.1.1k-8.el8_6?arch=aarch64&epoch=1'));
      assert.match(fixed.actionStatement ?? '', /^vendor_fix: .*\(https:\/\/access\.redhat\.com\/errata\/RHSA-2023:1441\)$/s);
      assert.deepEqual(statementFor(vex, 'CVE-2023-0286', 'affected').products[0]?.subcomponents, [{ purl: 'pkg:rpm/redhat/openssl@1.1.1k-7.el8_6?arch=x86_64&epoch=1' }]);
    },
  },
  {
    file: 'csaf/secvisogram-sec-vex-2022-0001.json',
    format: 'csaf',
    check: (vex) => {
      assert.deepEqual(vex.statements.map((s) => s.vulnerability.id), ['CVE-2021-44228', 'CVE-2021-45046', 'CVE-2021-45105']);
      const log4shell = statementFor(vex, 'CVE-2021-44228', 'not_affected');
      assert.equal(log4shell.justification, 'component_not_present', 'the flag label');
      assert.equal(log4shell.impactStatement, 'Secvisogram is written in JavaScript. No Java is included.', 'the impact threat');
      assert.deepEqual(log4shell.products, [{ id: 'CSAFPID-0001', subcomponents: [] }], 'no purl or CPE: the product id');
    },
  },
  {
    file: 'csaf/oasis-2022-evd-uc-02-na-001.json',
    format: 'csaf',
    check: (vex) => {
      assert.equal(vex.statements.length, 19);
      assert.ok(vex.statements.every((s) => s.status === 'not_affected' && s.justification === undefined && s.impactStatement === 'Linux TCP/IP used and therefore not vulnerable.'));
    },
  },
];

describe('documents: real VEX documents', () => {
  for (const row of ROWS) {
    it(row.file, () => {
      const result = readFixture(row.file);
      const vex = vexOf(result);
      assert.equal(vex.origin.format, row.format);
      if (row.warnings) assert.ok(result.ok && result.warnings.some((w) => row.warnings!.test(w.message)), `warnings: ${JSON.stringify(result.ok && result.warnings.map((w) => w.message))}`);
      else assert.deepEqual(result.ok && result.warnings, []);
      for (const statement of vex.statements) {
        assert.ok(statement.range, 'every statement knows where it is');
        assert.ok(statement.products.every((p) => p.purl !== undefined || p.id !== undefined), 'every product is named');
      }
      row.check(vex);
    });
  }
});
