import type { AttestationDocument, DocumentOrigin, DocumentPackage, SbomDocument, SupplyChainDocument, VexDocument, VexProductRef, VexStatement } from '../documents/types';
import { artifactKey, emptyBundle, type FactBundle, type OriginFields, type VexRefFact } from './facts';
import { genericPackageKey, packageKey, type PackageKey } from './purls';
import { sourceFromUrl } from './source-url';

/** What a document teaches, by kind. Pure: the same document always gives the same facts. */
export function documentFacts(doc: SupplyChainDocument): FactBundle {
  switch (doc.kind) {
    case 'sbom':
      return sbomFacts(doc);
    case 'vex':
      return vexFacts(doc);
    case 'attestation':
      return attestationFacts(doc);
  }
}

function originFields(origin: DocumentOrigin, docKind: string): OriginFields {
  return {
    kind: 'document',
    digest: origin.digest,
    fileName: origin.fileName,
    format: origin.format,
    docKind,
    specVersion: origin.specVersion ?? '',
    docId: origin.id ?? '',
    issuedAt: origin.issuedAt ?? '',
    author: origin.author ?? '',
  };
}

/**
 * hasSBOM: the document and its subject. Every package it lists is included (a `g_dep` row): direct
 * where the subject depends on it, under its parents where the document records edges, and
 * "unknown" when the document records no edges for it. Digests become isOccurrence, VCS URLs
 * hasSourceAt, embedded analysis certifyVEXStatement.
 */
function sbomFacts(doc: SbomDocument): FactBundle {
  const subject = doc.subject ? keyOfPackage(doc.subject) : undefined;
  const subjectArtifact = doc.subject?.digests.map(artifactKey).find((k) => k !== undefined);
  const bundle = emptyBundle({
    ...originFields(doc.origin, 'sbom'),
    subjectName: doc.subject?.name ?? '',
    subjectVersion: doc.subject?.version ?? '',
    ...(subject ? { subjectPurl: subject.purl } : {}),
    ...(subjectArtifact ? { subjectArtifact } : {}),
  });
  if (subject) bundle.packages.set(subject.purl, subject);
  const byRef = new Map<string, PackageKey>();
  for (const pkg of doc.packages) {
    const key = keyOfPackage(pkg);
    if (!key) continue;
    byRef.set(pkg.ref, remember(bundle, key));
    for (const artifact of pkg.digests.map(artifactKey)) if (artifact) bundle.occurrences.push({ artifact, pkg: key.purl });
    const src = pkg.sourceUrl ? sourceFromUrl(pkg.sourceUrl) : undefined;
    if (src) bundle.sourceAt.push({ pkg: key.purl, src });
  }
  const subjectRef = doc.subject?.ref;
  const seen = new Set<string>();
  const hasEdges = new Set<string>();
  for (const edge of doc.dependencies) {
    const child = byRef.get(edge.to);
    if (!child) continue;
    const fromSubject = edge.from === subjectRef;
    const parent = fromSubject ? undefined : byRef.get(edge.from);
    if (!fromSubject && !parent) continue;
    const key = `${child.purl}\n${parent?.purl ?? ''}`;
    if (seen.has(key) || parent?.purl === child.purl) continue;
    seen.add(key);
    hasEdges.add(child.purl);
    bundle.deps.push({ pkg: child.purl, parent: parent?.purl ?? '', rel: 1, scope: '', declared: '' });
  }
  // Every listed package is included, so every parent an edge names has rows of its own.
  for (const key of new Set(byRef.values())) if (!hasEdges.has(key.purl)) bundle.deps.push({ pkg: key.purl, parent: '', rel: 0, scope: '', declared: '' });
  addStatements(bundle, doc.vex);
  return bundle;
}

function vexFacts(doc: VexDocument): FactBundle {
  const bundle = emptyBundle(originFields(doc.origin, 'vex'));
  addStatements(bundle, doc.statements);
  return bundle;
}

function addStatements(bundle: FactBundle, statements: readonly VexStatement[]): void {
  for (const statement of statements) {
    const id = statement.vulnerability.id.trim();
    if (!id) continue;
    for (const alias of statement.vulnerability.aliases) if (alias.trim() && alias.trim() !== id) bundle.vulnEquals.push([id, alias.trim()]);
    const scopes: Array<{ product: VexRefFact; sub?: VexRefFact }> = [];
    for (const product of statement.products) {
      const ref = vexRef(bundle, product);
      if (!ref) continue;
      const subs = product.subcomponents.map((s) => vexRef(bundle, s)).filter((s): s is VexRefFact => s !== undefined);
      if (subs.length === 0) scopes.push({ product: ref });
      for (const sub of subs) scopes.push({ product: ref, sub });
    }
    if (scopes.length === 0) continue;
    bundle.vex.push({
      vuln: id,
      status: statement.status,
      justification: statement.justification ?? '',
      impact: statement.impactStatement ?? '',
      action: statement.actionStatement ?? '',
      statedAt: statement.timestamp ?? '',
      sourceStatus: statement.sourceStatus ?? '',
      scopes,
    });
  }
}

function vexRef(bundle: FactBundle, ref: VexProductRef): VexRefFact | undefined {
  const key = ref.purl ? packageKey(ref.purl) : undefined;
  const artifact = ref.digests?.map(artifactKey).find((k) => k !== undefined);
  const other = !key ? (ref.id ?? (ref.purl ? ref.purl : undefined)) : undefined;
  if (!key && !artifact && !other) return undefined;
  if (key) remember(bundle, key);
  return { ...(key ? { pkg: key.purl } : {}), ...(artifact ? { artifact } : {}), ...(other ? { other } : {}) };
}

/**
 * hasSLSA for each subject artifact (built from the source repository at its commit, by the builder,
 * with the materials), and the bundle's verification as a verdict on every subject that is a package
 * (npm provenance names its subject by purl).
 */
function attestationFacts(doc: AttestationDocument): FactBundle {
  const firstSubject = doc.subjects[0];
  const subjectArtifact = firstSubject?.digests.map(artifactKey).find((k) => k !== undefined);
  const bundle = emptyBundle({
    ...originFields(doc.origin, 'attestation'),
    specVersion: doc.predicateType,
    subjectName: firstSubject?.name ?? '',
    ...(subjectArtifact ? { subjectArtifact } : {}),
    verification: doc.verification.status,
    verificationReason: doc.verification.reason,
    signer: [doc.verification.signer?.identity, doc.verification.signer?.issuer].filter(Boolean).join(' '),
  });
  const slsa = doc.slsa;
  const source = slsa?.sourceRepository ? sourceFromUrl(slsa.sourceRepository, slsa.commit ?? '') : undefined;
  const isProvenance = /slsa\.dev\/provenance|in-toto\.io\/.*provenance/i.test(doc.predicateType) || slsa !== undefined;
  for (const subject of doc.subjects) {
    const artifacts = subject.digests.map(artifactKey).filter((k): k is string => k !== undefined);
    const pkg = subject.name.startsWith('pkg:') ? packageKey(subject.name) : undefined;
    if (pkg) {
      remember(bundle, pkg);
      for (const artifact of artifacts) bundle.occurrences.push({ artifact, pkg: pkg.purl });
      bundle.meta.push({ pkg: pkg.purl, key: isProvenance ? 'provenance' : 'attestation', value: doc.verification.status, reason: doc.verification.reason });
      if (source) bundle.sourceAt.push({ pkg: pkg.purl, src: source });
    }
    if (!slsa) continue;
    for (const artifact of artifacts) {
      bundle.slsa.push({
        artifact,
        builder: slsa.builderId ?? '',
        ...(source ? { source } : {}),
        buildType: slsa.buildType ?? '',
        slsaVersion: doc.predicateType,
        invocation: slsa.invocationUrl ?? '',
        startedOn: '',
        finishedOn: '',
        materials: slsa.materials.flatMap((m) => m.digests.map(artifactKey).filter((k): k is string => k !== undefined).map((artifact) => ({ artifact, uri: m.uri }))),
      });
    }
  }
  return bundle;
}

function keyOfPackage(pkg: DocumentPackage): PackageKey | undefined {
  return (pkg.purl ? packageKey(pkg.purl) : undefined) ?? genericPackageKey(pkg.name, pkg.version);
}

function remember(bundle: FactBundle, key: PackageKey): PackageKey {
  const held = bundle.packages.get(key.purl);
  if (held) return held;
  bundle.packages.set(key.purl, key);
  return key;
}
