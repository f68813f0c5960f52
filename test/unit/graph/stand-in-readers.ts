// Stand-ins for the document readers (server/src/documents), which land on main separately: just
// enough CycloneDX, SPDX and in-toto to build SbomDocument, VexDocument and AttestationDocument
// values from the real corpus files in test/fixtures/store. The graph is what these tests check;
// when readDocument lands, the tests switch to it (see docs/store.md, "What remains").
import { createHash } from 'node:crypto';
import { readJsonObject, asObject, asString } from '../../../server/src/core/json-data';
import type { AttestationDocument, Digest, DocumentPackage, DocumentReadResult, SbomDocument, VexDocument, VexJustification, VexProduct, VexStatement, VexStatus } from '../../../server/src/documents/types';

const CDX_STATE: Record<string, VexStatus> = { resolved: 'fixed', resolved_with_pedigree: 'fixed', exploitable: 'affected', in_triage: 'under_investigation', false_positive: 'not_affected', not_affected: 'not_affected' };
const CDX_JUSTIFICATION: Record<string, VexJustification> = {
  code_not_present: 'vulnerable_code_not_present',
  code_not_reachable: 'vulnerable_code_not_in_execute_path',
  requires_configuration: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_dependency: 'component_not_present',
  requires_environment: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_compiler: 'inline_mitigations_already_exist',
  protected_at_runtime: 'inline_mitigations_already_exist',
  protected_at_perimeter: 'inline_mitigations_already_exist',
  protected_by_mitigating_control: 'inline_mitigations_already_exist',
};

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const digestOf = (alg: string, value: string): Digest => ({ algorithm: alg.toLowerCase().replace(/-/g, ''), value: value.toLowerCase() });
const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** CycloneDX JSON: an SBOM (components, dependencies, embedded analysis) or, without components, VEX. */
export function readCycloneDx(fileName: string, bytes: Uint8Array): DocumentReadResult {
  const parsed = readJsonObject(Buffer.from(bytes).toString('utf8'), fileName);
  if ('error' in parsed) return { ok: false, errors: [parsed.error] };
  const bom = parsed.data;
  const meta = asObject(bom.metadata);
  const origin = { digest: sha256(bytes), fileName, format: 'cyclonedx' as const, specVersion: asString(bom.specVersion) ?? '', ...(asString(bom.serialNumber) ? { id: asString(bom.serialNumber)! } : {}), ...(asString(meta?.timestamp) ? { issuedAt: asString(meta?.timestamp)! } : {}) };
  const packages: DocumentPackage[] = [];
  const byRef = new Map<string, DocumentPackage>();
  const walk = (components: unknown[]) => {
    for (const c of components.map(asObject)) {
      if (!c) continue;
      const pkg = cdxPackage(c);
      packages.push(pkg);
      byRef.set(pkg.ref, pkg);
      walk(list(c.components));
    }
  };
  walk(list(bom.components));
  const subjectObject = asObject(meta?.component);
  const subject = subjectObject ? cdxPackage(subjectObject) : undefined;
  const dependencies = list(bom.dependencies).flatMap((d) => {
    const from = asString(asObject(d)?.ref);
    return from ? list(asObject(d)?.dependsOn).map((to) => ({ from, to: String(to) })) : [];
  });
  const vex: VexStatement[] = list(bom.vulnerabilities).flatMap((v) => cdxStatement(asObject(v) ?? {}, byRef));
  if (packages.length === 0 && vex.length > 0) return { ok: true, document: { kind: 'vex', origin, statements: vex } satisfies VexDocument, warnings: [] };
  return { ok: true, document: { kind: 'sbom', origin, ...(subject ? { subject } : {}), packages, dependencies, vex } satisfies SbomDocument, warnings: [] };
}

function cdxPackage(c: Record<string, unknown>): DocumentPackage {
  const group = asString(c.group);
  const name = group ? `${group}/${asString(c.name) ?? ''}` : (asString(c.name) ?? '');
  const hashes = [...list(c.hashes), ...list(c.externalReferences).flatMap((r) => list(asObject(r)?.hashes))];
  const vcs = list(c.externalReferences).map(asObject).find((r) => r?.type === 'vcs');
  const purl = asString(c.purl);
  const version = asString(c.version);
  return {
    ref: asString(c['bom-ref']) ?? purl ?? `${name}@${version ?? ''}`,
    name,
    ...(version ? { version } : {}),
    ...(purl ? { purl } : {}),
    digests: hashes.map(asObject).filter((h) => h && asString(h.alg) && asString(h.content)).map((h) => digestOf(String(h!.alg), String(h!.content))),
    ...(asString(vcs?.url) ? { sourceUrl: asString(vcs?.url)! } : {}),
  };
}

function cdxStatement(v: Record<string, unknown>, byRef: Map<string, DocumentPackage>): VexStatement[] {
  const analysis = asObject(v.analysis);
  const state = asString(analysis?.state);
  const id = asString(v.id);
  if (!id || !state || !CDX_STATE[state]) return [];
  const products = list(v.affects).flatMap((a): VexProduct[] => {
    const ref = asString(asObject(a)?.ref) ?? '';
    // A BOM-link (`urn:cdx:serial/version#ref`) names a component of another BOM by its bom-ref.
    const local = ref.includes('#') ? decodeURIComponent(ref.slice(ref.indexOf('#') + 1)) : ref;
    const purl = byRef.get(local)?.purl ?? (local.startsWith('pkg:') ? local : undefined);
    return purl ? [{ purl, subcomponents: [] }] : [{ id: ref, subcomponents: [] }];
  });
  const justification = CDX_JUSTIFICATION[asString(analysis?.justification) ?? ''];
  const detail = asString(analysis?.detail);
  return [
    {
      vulnerability: { id, aliases: list(v.references).map((r) => asString(asObject(r)?.id)).filter((x): x is string => x !== undefined) },
      products,
      status: CDX_STATE[state]!,
      ...(justification ? { justification } : {}),
      ...(detail ? { impactStatement: detail } : {}),
      sourceStatus: state,
    },
  ];
}

/** SPDX 2.x JSON: packages with purls and checksums, DEPENDS_ON/CONTAINS edges, the described package. */
export function readSpdx(fileName: string, bytes: Uint8Array): DocumentReadResult {
  const parsed = readJsonObject(Buffer.from(bytes).toString('utf8'), fileName);
  if ('error' in parsed) return { ok: false, errors: [parsed.error] };
  const doc = parsed.data;
  const packages: DocumentPackage[] = list(doc.packages).map((p) => {
    const o = asObject(p) ?? {};
    const purl = list(o.externalRefs).map(asObject).find((r) => r?.referenceType === 'purl')?.referenceLocator;
    const version = asString(o.versionInfo);
    return {
      ref: asString(o.SPDXID) ?? '',
      name: asString(o.name) ?? '',
      ...(version ? { version } : {}),
      ...(typeof purl === 'string' ? { purl } : {}),
      digests: list(o.checksums).map(asObject).map((c) => digestOf(String(c?.algorithm ?? ''), String(c?.checksumValue ?? ''))),
    };
  });
  const relationships = list(doc.relationships).map(asObject);
  const describes = [...list(doc.documentDescribes).map(String), ...relationships.filter((r) => r?.relationshipType === 'DESCRIBES').map((r) => String(r?.relatedSpdxElement))];
  const subject = packages.find((p) => p.ref === describes[0]);
  const dependencies = relationships.flatMap((r) => {
    const type = asString(r?.relationshipType);
    const a = String(r?.spdxElementId);
    const b = String(r?.relatedSpdxElement);
    return type === 'DEPENDS_ON' || type === 'CONTAINS' ? [{ from: a, to: b }] : type === 'DEPENDENCY_OF' ? [{ from: b, to: a }] : [];
  });
  const origin = { digest: sha256(bytes), fileName, format: 'spdx' as const, specVersion: asString(doc.spdxVersion) ?? '', ...(asString(doc.documentNamespace) ? { id: asString(doc.documentNamespace)! } : {}) };
  return { ok: true, document: { kind: 'sbom', origin, ...(subject ? { subject } : {}), packages: packages.filter((p) => p !== subject), dependencies, vex: [] }, warnings: [] };
}

/** An in-toto statement (already out of its envelope) with the verification the reader would have reached. */
export function attestationFrom(fileName: string, bytes: Uint8Array, statement: Record<string, unknown>, verification: AttestationDocument['verification']): AttestationDocument {
  const predicate = asObject(statement.predicate) ?? {};
  const invocation = asObject(predicate.invocation);
  const config = asObject(invocation?.configSource);
  const source = asString(config?.uri);
  const commit = asString(asObject(config?.digest)?.sha1);
  return {
    kind: 'attestation',
    origin: { digest: sha256(bytes), fileName, format: 'sigstore-bundle', specVersion: String(statement.predicateType) },
    verification,
    predicateType: String(statement.predicateType),
    subjects: list(statement.subject).map((s) => ({ name: String(asObject(s)?.name ?? ''), digests: Object.entries(asObject(asObject(s)?.digest) ?? {}).map(([alg, value]) => digestOf(alg, String(value))) })),
    slsa: {
      ...(asString(predicate.buildType) ? { buildType: asString(predicate.buildType)! } : {}),
      ...(asString(asObject(predicate.builder)?.id) ? { builderId: asString(asObject(predicate.builder)?.id)! } : {}),
      ...(source ? { sourceRepository: source.replace(/@refs\/.*$/, '') } : {}),
      ...(commit ? { commit } : {}),
      materials: list(predicate.materials).map((m) => ({ uri: String(asObject(m)?.uri ?? ''), digests: Object.entries(asObject(asObject(m)?.digest) ?? {}).map(([alg, value]) => digestOf(alg, String(value))) })),
    },
  };
}
