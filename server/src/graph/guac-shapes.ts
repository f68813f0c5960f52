import { packageKey } from './purls';

/**
 * GUAC's IngestPredicates document (guacsec/guac `pkg/assembler/assembler.go`): what `guacone
 * collect files` loads. Field names and nesting follow the Go struct tags; the leaf objects are the
 * GraphQL input types (`PkgInputSpec`, `IsDependencyInputSpec`, …) of GUAC's schema.
 */
export interface GuacPkg {
  type: string;
  namespace: string;
  name: string;
  version: string;
  qualifiers: Array<{ key: string; value: string }>;
  subpath: string;
}
export interface GuacSource {
  type: string;
  namespace: string;
  name: string;
  tag?: string;
  commit?: string;
}
export interface GuacArtifact {
  algorithm: string;
  digest: string;
}
export interface GuacVuln {
  type: string;
  vulnerabilityID: string;
}
/** origin, collector, documentRef: the provenance of every GUAC evidence node. */
export interface GuacStamp {
  origin: string;
  collector: string;
  documentRef: string;
}

export interface IngestPredicates {
  isDependency?: Array<{ pkg: GuacPkg; depPkg: GuacPkg; depPkgMatchFlag: { pkg: 'SPECIFIC_VERSION' }; isDependency: { dependencyType: 'DIRECT' | 'INDIRECT' | 'UNKNOWN'; justification: string } & GuacStamp }>;
  isOccurrence?: Array<{ pkg?: GuacPkg; src?: GuacSource; artifact: GuacArtifact; isOccurrence: { justification: string } & GuacStamp }>;
  hasSlsa?: Array<{
    Artifact: GuacArtifact;
    HasSlsa: { buildType: string; slsaPredicate: Array<{ key: string; value: string }>; slsaVersion: string } & GuacStamp;
    Materials: GuacArtifact[];
    Builder: { uri: string };
  }>;
  certifyVuln?: Array<{
    pkg: GuacPkg;
    vulnerability: GuacVuln;
    vulnData: { timeScanned: string; dbUri: string; dbVersion: string; scannerUri: string; scannerVersion: string } & GuacStamp;
  }>;
  vulnEqual?: Array<{ vulnerability: GuacVuln; equalVulnerability: GuacVuln; vulnEqual: { justification: string } & GuacStamp }>;
  hasSourceAt?: Array<{ pkg: GuacPkg; pkgMatchFlag: { pkg: 'SPECIFIC_VERSION' }; src: GuacSource; hasSourceAt: { knownSince: string; justification: string } & GuacStamp }>;
  hasSBOM?: Array<{
    pkg?: GuacPkg;
    artifact?: GuacArtifact;
    hasSbom: { uri: string; algorithm: string; digest: string; downloadLocation: string; knownSince: string } & GuacStamp;
  }>;
  vex?: Array<{
    pkg?: GuacPkg;
    artifact?: GuacArtifact;
    vulnerability: GuacVuln;
    vexData: { status: string; vexJustification: string; statement: string; statusNotes: string; knownSince: string } & GuacStamp;
  }>;
  hasMetadata?: Array<{ pkg: GuacPkg; pkgMatchFlag: { pkg: 'SPECIFIC_VERSION' }; hasMetadata: { key: string; value: string; timestamp: string; justification: string } & GuacStamp }>;
}

/** A purl as GUAC's PkgInputSpec; purls that do not parse become GUAC's own `guac` type. */
export function guacPkg(purl: string): GuacPkg {
  const key = packageKey(purl);
  if (!key) return { type: 'guac', namespace: 'chainsight', name: purl, version: '', qualifiers: [], subpath: '' };
  const bare = key.namespace && key.name.startsWith(`${key.namespace}`) ? key.name.slice(key.namespace.length + 1) : key.name;
  return { type: key.type, namespace: key.namespace, name: bare, version: key.version, qualifiers: key.qualifiers, subpath: key.subpath };
}

/** Subjects that are not packages (a project, an SBOM without a purl), as GUAC's parsers name them. */
export function guacSyntheticPkg(namespace: string, name: string, version: string): GuacPkg {
  return { type: 'guac', namespace, name, version, qualifiers: [], subpath: '' };
}

export function guacSource(src: { type: string; namespace: string; name: string; tag: string; commit: string }): GuacSource {
  return { type: src.type, namespace: src.namespace, name: src.name, ...(src.tag ? { tag: src.tag } : {}), ...(src.commit ? { commit: src.commit } : {}) };
}

export function guacArtifact(key: string): GuacArtifact {
  const colon = key.indexOf(':');
  return { algorithm: key.slice(0, colon), digest: key.slice(colon + 1) };
}

/** GUAC lower-cases ids and types them: `cve`, `ghsa`, else `osv`. */
export function guacVuln(id: string): GuacVuln {
  const lower = id.trim().toLowerCase();
  const type = lower.startsWith('cve-') ? 'cve' : lower.startsWith('ghsa-') ? 'ghsa' : 'osv';
  return { type, vulnerabilityID: lower };
}

export const GUAC_JUSTIFICATIONS = new Set(['COMPONENT_NOT_PRESENT', 'VULNERABLE_CODE_NOT_PRESENT', 'VULNERABLE_CODE_NOT_IN_EXECUTE_PATH', 'VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY', 'INLINE_MITIGATIONS_ALREADY_EXIST']);

/** Adds `item` under `key`, creating the list on first use (GUAC's struct omits empty lists). */
export function push<K extends keyof IngestPredicates>(doc: IngestPredicates, key: K, item: NonNullable<IngestPredicates[K]>[number]): void {
  const list = (doc[key] ?? []) as Array<typeof item>;
  list.push(item);
  (doc as Record<string, unknown>)[key] = list;
}
