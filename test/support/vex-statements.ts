import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { LineIndex } from '../../server/src/core/text-range';
import type { VexJustification, VexProduct, VexStatement, VexStatus } from '../../server/src/documents/types';
import type { SourcedStatement } from '../../server/src/vex/types';

/**
 * VEX statements for the matching tests, built by hand from the real documents in
 * test/fixtures/vex (each names the file and statement it copies; vex-statements.test.ts checks
 * them against the files). When the OpenVEX reader lands in documents/, these become reads of the
 * files themselves.
 */

const product = (purl: string, subcomponents: string[] = []): VexProduct => ({ purl, id: purl, subcomponents: subcomponents.map((s) => ({ purl: s, id: s })) });

/** trivy.openvex.json, statement 1 (GO-2024-2575): trivy's helm dependency, not in the execute path. */
export const TRIVY_HELM: VexStatement = {
  vulnerability: { id: 'GO-2024-2575', aliases: ['CVE-2024-26147', 'GHSA-r53h-jv2g-vpx6'] },
  products: [product('pkg:golang/github.com/aquasecurity/trivy', ['pkg:golang/helm.sh/helm/v3'])],
  status: 'not_affected',
  justification: 'vulnerable_code_not_in_execute_path',
  impactStatement: "Govulncheck determined that the vulnerable code isn't called",
  timestamp: '2024-07-09T11:38:00.115697+04:00',
  author: 'Aqua Security',
};

/** trivy.openvex.json, the GO-2025-4192 statement: a subcomponent pinned to one version. */
export const TRIVY_TSA: VexStatement = {
  vulnerability: { id: 'GO-2025-4192', aliases: ['CVE-2025-66564', 'GHSA-4qg8-fj49-pxjh'] },
  products: [product('pkg:golang/github.com/aquasecurity/trivy', ['pkg:golang/github.com/sigstore/timestamp-authority@v1.2.2'])],
  status: 'not_affected',
  justification: 'vulnerable_code_not_present',
  impactStatement: "Govulncheck determined that the vulnerable code isn't called",
  timestamp: '2024-07-09T11:38:00.115697+04:00',
  author: 'Aqua Security',
};

/** vexctl-demo.openvex.json: git fixed, for two architectures (purl qualifiers). */
export const VEXCTL_GIT_FIXED: VexStatement = {
  vulnerability: { id: 'CVE-2014-123456', aliases: [] },
  products: [product('pkg:apk/distro/git@2.39.0-r1?arch=armv7'), product('pkg:apk/distro/git@2.39.0-r1?arch=x86_64')],
  status: 'fixed',
  timestamp: '2023-12-04T21:55:19.945015302-06:00',
  author: 'Wolfi J Inkinson',
};

/** guac-open-vex-not-affected.json: an OCI image product with apk subcomponents. */
export const GUAC_IMAGE_GIT: VexStatement = {
  vulnerability: { id: 'CVE-2023-12345', aliases: [] },
  products: [product('pkg:oci/git@sha256:23a264e6e429852221a963e9f17338ba3f5796dc7086e46439a6f4482cf6e0cb', ['pkg:apk/alpine/git@2.38.1-r0?arch=x86_64', 'pkg:apk/alpine/git@2.38.1-r0?arch=ppc64le'])],
  status: 'not_affected',
  justification: 'inline_mitigations_already_exist',
  impactStatement: 'Included git is mitigated against CVE-2023-12345 !',
  timestamp: '2023-01-09T21:23:03.579712389-06:00',
  author: 'Wolfi J. Inkinson',
};

/** vexctl-v001-1.openvex.json (pre-0.2 shape): bash under investigation. */
export const VEXCTL_BASH_INVESTIGATING: VexStatement = {
  vulnerability: { id: 'CVE-1234-5678', aliases: [] },
  products: [product('pkg:apk/wolfi/bash@1.0.0')],
  status: 'under_investigation',
  timestamp: '2022-12-22T16:36:43-05:00',
  author: 'John Doe',
};

/** redhat-cve-2023-0044.json: products named by CPE only; no purl, so nothing Chainsight scans can match. */
export const REDHAT_QUARKUS_CPE: VexStatement = {
  vulnerability: { id: 'CVE-2023-0044', aliases: [] },
  products: [{ id: 'cpe:/a:redhat:a_mq_clients:2', subcomponents: [{ id: 'quarkus-vertx-http' }] }],
  status: 'not_affected',
  justification: 'vulnerable_code_not_present',
  timestamp: '2023-11-13T11:31:31+00:00',
  author: 'Red Hat Product Security',
};

export function fromFile(statement: VexStatement, path: string): SourcedStatement {
  return { statement, source: { kind: 'file', path } };
}

/** A statement as a triage test writes it by hand: the fields that matter, the rest defaulted. */
export function handStatement(fields: { id: string; aliases?: string[]; products: VexProduct[]; status: VexStatus; justification?: VexJustification; timestamp?: string; expires?: string; actionStatement?: string }): VexStatement {
  return {
    vulnerability: { id: fields.id, aliases: fields.aliases ?? [] },
    products: fields.products,
    status: fields.status,
    ...(fields.justification ? { justification: fields.justification } : {}),
    ...(fields.timestamp ? { timestamp: fields.timestamp } : {}),
    ...(fields.expires ? { expires: fields.expires } : {}),
    ...(fields.actionStatement ? { actionStatement: fields.actionStatement } : {}),
  };
}

export { product as vexProduct };

/**
 * Chainsight's own OpenVEX file read back into statements, with each statement's range: the few
 * fields triage writes, read the way OpenVEX defines them. It stands in for the OpenVEX reader of
 * documents/ in the round-trip test until that reader is on main.
 */
export function readWrittenVex(text: string, path: string): SourcedStatement[] {
  const document = JSON.parse(text) as { author?: string; timestamp?: string; statements: Array<Record<string, any>> };
  const tree = parseTree(text);
  const index = new LineIndex(text);
  return document.statements.map((s, i) => {
    const node = tree ? findNodeAtLocation(tree, ['statements', i]) : undefined;
    const statement: VexStatement = {
      vulnerability: { id: s.vulnerability.name, aliases: s.vulnerability.aliases ?? [] },
      products: (s.products ?? []).map((p: any) => ({ purl: p['@id'], id: p['@id'], subcomponents: (p.subcomponents ?? []).map((c: any) => ({ purl: c['@id'], id: c['@id'] })) })),
      status: s.status,
      ...(s.justification ? { justification: s.justification } : {}),
      ...(s.impact_statement ? { impactStatement: s.impact_statement } : {}),
      ...(s.action_statement ? { actionStatement: s.action_statement } : {}),
      timestamp: s.timestamp ?? document.timestamp,
      author: s['chainsight:author'] ?? document.author,
      ...(s['chainsight:expires'] ? { expires: s['chainsight:expires'] } : {}),
      ...(node ? { range: index.range(node.offset, node.offset + node.length) } : {}),
    };
    return fromFile(statement, path);
  });
}
