import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { osvUrl } from '../analysis/diagnostics';
import type { Vulnerability } from '../core/findings';
import { inventory, type InventoryPackage } from './inventory';
import type { ReportInput } from './report-input';

/**
 * SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/): the workspace as a root package that
 * DEPENDS_ON its direct dependencies, every resolved registry package once with its purl and
 * lockfile checksums, and the dependency edges. SPDX 2.3 has no vulnerability section; known
 * advisories go where the spec puts them, as SECURITY `advisory` external references of the
 * affected package (clause 7.21), so tools that read SBOMs see them without a second document.
 */
export function toSpdx(input: ReportInput, options: { namespaceId?: string } = {}): object {
  const packages = inventory(input);
  const ids = spdxIds(packages);
  const advisories = advisoriesByPurl(input);
  const rootName = basename(input.root) || 'workspace';
  const ROOT = 'SPDXRef-RootPackage';
  const relationships: Array<{ spdxElementId: string; relationshipType: string; relatedSpdxElement: string }> = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: ROOT },
  ];
  for (const p of packages) {
    const id = ids.get(p.purl)!;
    if (p.direct) relationships.push(directRelationship(p, id, ROOT));
    for (const child of p.dependsOn) {
      const childId = ids.get(child);
      if (childId) relationships.push({ spdxElementId: id, relationshipType: 'DEPENDS_ON', relatedSpdxElement: childId });
    }
  }
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: rootName,
    documentNamespace: `urn:uuid:${options.namespaceId ?? randomUUID()}`,
    creationInfo: {
      // The spec's timestamp form has no fractional seconds (clause 6.9).
      created: (input.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      creators: [`Tool: Chainsight-${input.toolVersion}`],
    },
    packages: [
      { SPDXID: ROOT, name: rootName, downloadLocation: 'NOASSERTION', filesAnalyzed: false, primaryPackagePurpose: 'APPLICATION' },
      ...packages.map((p) => spdxPackage(p, ids.get(p.purl)!, advisories.get(p.purl) ?? [])),
    ],
    relationships,
  };
}

function spdxPackage(p: InventoryPackage, id: string, advisories: readonly Vulnerability[]): object {
  const checksums = p.hashes.map((h) => ({ algorithm: h.alg.replace('-', ''), checksumValue: h.content }));
  return {
    SPDXID: id,
    name: p.name,
    versionInfo: p.version,
    // Where the archive came from is the registry's business; the purl says which registry.
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: 'LIBRARY',
    ...(checksums.length ? { checksums } : {}),
    externalRefs: [
      { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl },
      ...advisories.map((v) => ({
        referenceCategory: 'SECURITY',
        referenceType: 'advisory',
        referenceLocator: osvUrl(v.id),
        comment: `${v.id} (${v.severity}${v.score !== undefined ? ` ${v.score}` : ''})${v.fixed ? `: fixed in ${v.fixed}` : ''}`,
      })),
    ],
  };
}

/** Dev-only and optional direct dependencies keep that role in the graph (clause 11.1). */
function directRelationship(p: InventoryPackage, id: string, root: string) {
  const only = (groups: string[]) => p.groups.length > 0 && p.groups.every((g) => groups.includes(g));
  if (only(['dev', 'test'])) return { spdxElementId: id, relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: root };
  if (only(['optional'])) return { spdxElementId: id, relationshipType: 'OPTIONAL_DEPENDENCY_OF', relatedSpdxElement: root };
  return { spdxElementId: root, relationshipType: 'DEPENDS_ON', relatedSpdxElement: id };
}

/**
 * SPDX identifiers allow only letters, digits, `.` and `-` (clause 7.2), so purls are folded into
 * that alphabet; two purls that fold alike (`@a/b` and `a-b`) get a numeric suffix.
 */
function spdxIds(packages: readonly InventoryPackage[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const p of packages) {
    const base = `SPDXRef-Package-${p.ecosystem}-${p.name}-${p.version}`.replace(/[^A-Za-z0-9.-]+/g, '-');
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    ids.set(p.purl, id);
  }
  return ids;
}

function advisoriesByPurl(input: ReportInput): Map<string, Vulnerability[]> {
  const out = new Map<string, Vulnerability[]>();
  for (const f of input.analysis.findings) {
    const list = out.get(f.purl) ?? [];
    for (const v of f.vulnerabilities) if (!list.some((x) => x.id === v.id)) list.push(v);
    out.set(f.purl, list);
  }
  return out;
}
