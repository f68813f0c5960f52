/**
 * The SPDX 2.3 rules an SBOM consumer relies on, checked field by field from the specification
 * (https://spdx.github.io/spdx-spec/v2.3/). No npm package ships the official SPDX 2.3 JSON schema,
 * so these are written out here; each names its clause. Returns the broken rules, if any.
 */
export function spdxErrors(doc: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const need = (ok: boolean, rule: string) => {
    if (!ok) errors.push(rule);
  };
  const ID = /^SPDXRef-[A-Za-z0-9.-]+$/;
  need(doc.spdxVersion === 'SPDX-2.3', '6.1 spdxVersion is SPDX-2.3');
  need(doc.dataLicense === 'CC0-1.0', '6.2 dataLicense is CC0-1.0');
  need(doc.SPDXID === 'SPDXRef-DOCUMENT', '6.3 the document SPDXID is SPDXRef-DOCUMENT');
  need(typeof doc.name === 'string' && doc.name.length > 0, '6.4 the document has a name');
  const namespace = doc.documentNamespace;
  need(typeof namespace === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(namespace) && !namespace.includes('#'), '6.5 documentNamespace is an absolute URI without #');
  const info = doc.creationInfo as { created?: unknown; creators?: unknown } | undefined;
  need(typeof info?.created === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(info.created), '6.9 created is YYYY-MM-DDThh:mm:ssZ');
  need(Array.isArray(info?.creators) && info.creators.length > 0 && info.creators.every((c) => typeof c === 'string' && /^(Person|Organization|Tool): \S/.test(c)), '6.8 creators are "Person: …", "Organization: …" or "Tool: …"');

  const packages = (doc.packages ?? []) as Array<Record<string, unknown>>;
  const ids = new Set<string>();
  for (const [i, p] of packages.entries()) {
    const at = `packages[${i}]`;
    need(typeof p.SPDXID === 'string' && ID.test(p.SPDXID), `${at} 7.2 SPDXID is SPDXRef-[A-Za-z0-9.-]+`);
    need(!ids.has(p.SPDXID as string), `${at} 7.2 SPDXID is unique`);
    ids.add(p.SPDXID as string);
    need(typeof p.name === 'string' && p.name.length > 0, `${at} 7.1 has a name`);
    need(typeof p.downloadLocation === 'string' && p.downloadLocation.length > 0, `${at} 7.7 has a downloadLocation`);
    for (const c of (p.checksums ?? []) as Array<{ algorithm: string; checksumValue: string }>) {
      need(['SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'MD5'].includes(c.algorithm) && /^[0-9a-f]+$/.test(c.checksumValue), `${at} 7.10 checksum is a known algorithm with a lower-case hex value`);
    }
    for (const r of (p.externalRefs ?? []) as Array<Record<string, unknown>>) {
      need(['SECURITY', 'PACKAGE-MANAGER', 'PERSISTENT-ID', 'OTHER'].includes(r.referenceCategory as string), `${at} 7.21 referenceCategory is known`);
      if (r.referenceType === 'purl') need(r.referenceCategory === 'PACKAGE-MANAGER' && /^pkg:[a-z]+\//.test(r.referenceLocator as string), `${at} F.3 a purl reference is PACKAGE-MANAGER and a purl`);
      if (r.referenceType === 'advisory') need(r.referenceCategory === 'SECURITY' && /^https?:\/\//.test(r.referenceLocator as string), `${at} F.2 an advisory reference is SECURITY and a URL`);
    }
  }
  const relationships = (doc.relationships ?? []) as Array<Record<string, string>>;
  need(relationships.some((r) => r.spdxElementId === 'SPDXRef-DOCUMENT' && r.relationshipType === 'DESCRIBES' && ids.has(r.relatedSpdxElement!)), '6 the document DESCRIBES a package');
  for (const [i, r] of relationships.entries()) {
    const known = (id: string | undefined) => id === 'SPDXRef-DOCUMENT' || ids.has(id ?? '');
    need(known(r.spdxElementId) && known(r.relatedSpdxElement), `relationships[${i}] 11.1 both ends are elements of the document`);
  }
  return errors;
}
