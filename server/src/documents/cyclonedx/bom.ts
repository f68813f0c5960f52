import { isRecord, listAt, prop, textAt, textsAt } from '../json-values';
import { makeOrigin, withoutUndefined } from '../origin';
import { elementRanges, errorAt, type JsonSource } from '../positions';
import type { ReaderContext, ReaderInput, ReaderOutcome } from '../reader-types';
import type { SchemaId } from '../schema-catalog';
import type { DocumentPackage } from '../types';
import type { WarningList } from '../warnings';
import { readComponents } from './components';
import { readVulnerabilities } from './vulnerabilities';

/**
 * A CycloneDX BOM in its JSON shape (1.2 to 1.7, as written or converted from XML), validated
 * against the schema of its `specVersion`, then read. A BOM that lists components is an SBOM (with
 * any VEX it carries); one that lists only vulnerabilities is a standalone CycloneDX VEX, as the
 * specification's VEX examples are.
 */

const VERSIONS: Readonly<Record<string, SchemaId>> = {
  '1.2': 'cyclonedx-1.2',
  '1.3': 'cyclonedx-1.3',
  '1.4': 'cyclonedx-1.4',
  '1.5': 'cyclonedx-1.5',
  '1.6': 'cyclonedx-1.6',
  '1.7': 'cyclonedx-1.7',
};

export interface BomReading {
  source: JsonSource;
  origin: ReaderInput['origin'];
  context: ReaderContext;
  warnings: WarningList;
}

/** A BOM in CycloneDX's JSON shape (as written, or converted from XML): validated, then read. */
export function readBom(json: Record<string, unknown>, { source, origin: base, context, warnings }: BomReading): ReaderOutcome {
  const specVersion = textAt(json, 'specVersion');
  if (!specVersion) return { ok: false, errors: [errorAt(source, [], 'a CycloneDX BOM must state its specVersion')] };
  const schema = Object.prototype.hasOwnProperty.call(VERSIONS, specVersion) ? VERSIONS[specVersion] : undefined;
  if (schema) {
    const outcome = context.validators.validate(schema, json, source);
    if (!outcome.ok) return outcome;
    warnings.addPlaced(outcome.warnings);
  } else if (/^1\.(?:[89]|\d\d)$/.test(specVersion)) {
    warnings.add(['specVersion'], `CycloneDX ${specVersion} is newer than the schemas Chainsight knows; read as 1.7 without validation`);
  } else {
    return { ok: false, errors: [errorAt(source, ['specVersion'], `CycloneDX ${JSON.stringify(specVersion).slice(0, 40)} is not a JSON version of CycloneDX (1.2 to 1.7)`)] };
  }

  const metadata = prop(json, 'metadata');
  const origin = makeOrigin({
    ...base,
    format: 'cyclonedx',
    specVersion,
    id: textAt(json, 'serialNumber'),
    issuedAt: textAt(metadata, 'timestamp'),
    author: documentAuthor(metadata),
  });
  const { subject, packages, refs } = readComponents(json, warnings);
  const byRef = new Map<string, DocumentPackage>(packages.map((p) => [p.ref, p]));
  if (subject) byRef.set(subject.ref, subject);
  const hasVulnerabilities = listAt(json, 'vulnerabilities').length > 0;
  const vex = readVulnerabilities(
    json,
    { byRef, timestamp: origin.issuedAt, author: origin.author, ranges: hasVulnerabilities ? elementRanges(source, ['vulnerabilities']) : new Map() },
    warnings,
  );
  if (packages.length === 0 && hasVulnerabilities) {
    return { ok: true, document: { kind: 'vex', origin, statements: vex }, warnings: warnings.list() };
  }
  return {
    ok: true,
    document: withoutUndefined({ kind: 'sbom' as const, origin, subject, packages, dependencies: dependencyEdges(json, refs, warnings), vex }),
    warnings: warnings.list(),
  };
}

/** `dependencies[]`: ref → dependsOn, between refs this BOM defines (`provides` is not a dependency). */
function dependencyEdges(json: Record<string, unknown>, refs: ReadonlySet<string>, warnings: WarningList): Array<{ from: string; to: string }> {
  const edges: Array<{ from: string; to: string }> = [];
  const seen = new Set<string>();
  let unknown = 0;
  listAt(json, 'dependencies').forEach((dependency, i) => {
    const from = textAt(dependency, 'ref');
    if (!from) return;
    for (const to of textsAt(dependency, 'dependsOn')) {
      if (!refs.has(from) || !refs.has(to)) {
        if (unknown++ === 0) warnings.add(['dependencies', String(i)], `a dependency edge names a bom-ref no component has (${JSON.stringify(refs.has(from) ? to : from).slice(0, 120)}); such edges are left out`);
        continue;
      }
      const key = `${from}\u0000${to}`;
      if (!seen.has(key)) {
        seen.add(key);
        edges.push({ from, to });
      }
    }
  });
  return edges;
}

/** Who made the BOM: its authors, else the manufacturer or supplier, else the tools. */
function documentAuthor(metadata: unknown): string | undefined {
  const authors = listAt(metadata, 'authors').map((a) => textAt(a, 'name') ?? textAt(a, 'email')).filter((a): a is string => a !== undefined);
  if (authors.length > 0) return authors.join(', ');
  const organisation = textAt(prop(metadata, 'manufacturer'), 'name') ?? textAt(prop(metadata, 'manufacture'), 'name') ?? textAt(prop(metadata, 'supplier'), 'name');
  if (organisation) return organisation;
  // `tools` is a list of tools up to 1.4 and `{ components, services }` from 1.5.
  const tools = prop(metadata, 'tools');
  const list = Array.isArray(tools) ? tools : isRecord(tools) ? [...listAt(tools, 'components'), ...listAt(tools, 'services')] : [];
  const names = list.map((t) => [textAt(t, 'name'), textAt(t, 'version')].filter(Boolean).join(' ')).filter((n) => n !== '');
  return names.length > 0 ? names.join(', ') : undefined;
}
