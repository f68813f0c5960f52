import { syntaxError } from '../../core/syntax-error';
import { hexDigest } from '../digests';
import { listAt, prop, textAt } from '../json-values';
import { makeOrigin, withoutUndefined } from '../origin';
import { errorAt, pointerPath } from '../positions';
import { purlOrWarn } from '../purl';
import type { DocumentFormatEntry, ReaderContext, ReaderInput, ReaderOutcome } from '../reader-types';
import type { Tolerance } from '../schema-validators';
import type { Digest, DocumentPackage } from '../types';
import { WarningList } from '../warnings';
import { dependencyEdges, describedRefs, relationships } from './relationships';

/**
 * SPDX 2.2 and 2.3 JSON. Packages (not files or snippets) become packages; what the document
 * describes is its subject; dependency-like relationships become edges (`relationships.ts`).
 */

export const spdxFormat: DocumentFormatEntry = {
  id: 'spdx',
  label: 'SPDX',
  detect: (json) => typeof json['spdxVersion'] === 'string' && /^SPDX-\d/.test(json['spdxVersion']),
  read: readSpdx,
  // Tag-value is recognised so that the error says what to do; reading it is not done yet.
  text: {
    detect: (start) => !start.startsWith('{') && /^\s*SPDXVersion:\s*SPDX-/m.test(start.slice(0, 4096)),
    read: ({ source }) => ({
      ok: false,
      errors: [syntaxError(source.lines, source.fileName, 'SPDX tag-value is not supported yet; convert it to SPDX JSON (for example with pyspdxtools or the SPDX online tools)', 0)],
    }),
  },
};

const NO_VALUE = new Set(['NOASSERTION', 'NONE']);

function readSpdx(input: ReaderInput, context: ReaderContext): ReaderOutcome {
  const { json, source } = input;
  const spdxVersion = String(json['spdxVersion']);
  if (!/^SPDX-2\.[0-3]$/.test(spdxVersion)) {
    return { ok: false, errors: [errorAt(source, ['spdxVersion'], `${JSON.stringify(spdxVersion).slice(0, 30)} is not an SPDX version Chainsight reads (SPDX-2.2, SPDX-2.3)`)] };
  }
  // One schema for both versions: 2.3 added fields and values and relaxed 2.2's cardinalities.
  const outcome = context.validators.validate('spdx-2.x', json, source, tolerate);
  if (!outcome.ok) return outcome;
  const warnings = new WarningList(source);
  warnings.addPlaced(outcome.warnings);

  const creation = prop(json, 'creationInfo');
  const creators = listAt(creation, 'creators').filter((c): c is string => typeof c === 'string');
  const origin = makeOrigin({
    ...input.origin,
    format: 'spdx',
    specVersion: spdxVersion,
    id: textAt(json, 'documentNamespace'),
    issuedAt: textAt(creation, 'created'),
    author: authorOf(creators),
  });

  const all: DocumentPackage[] = [];
  const refs = new Set<string>();
  listAt(json, 'packages').forEach((pkg, i) => {
    const read = toPackage(pkg, ['packages', String(i)], warnings);
    if (!read) return;
    if (refs.has(read.ref)) warnings.add(['packages', String(i), 'SPDXID'], `SPDXID ${JSON.stringify(read.ref)} is used twice; the first package keeps it`);
    else {
      refs.add(read.ref);
      all.push(read);
    }
  });
  const relations = relationships(json);
  const described = describedRefs(json, relations).filter((r) => refs.has(r));
  const subject = all.find((p) => p.ref === described[0]);
  const elements = new Set([json['SPDXID'], ...listAt(json, 'files'), ...listAt(json, 'snippets')].map((e) => (typeof e === 'string' ? e : textAt(e, 'SPDXID'))).filter((e): e is string => e !== undefined));
  const { edges, unknownRef } = dependencyEdges(relations, refs, elements);
  if (unknownRef) warnings.add(['relationships', String(unknownRef.index)], `a relationship names an element this document does not define (${unknownRef.from} ${unknownRef.type} ${unknownRef.to}); such edges are left out`);
  return {
    ok: true,
    document: withoutUndefined({ kind: 'sbom' as const, origin, subject, packages: all.filter((p) => p !== subject), dependencies: edges, vex: [] }),
    warnings: warnings.list(),
  };
}

/**
 * What the SPDX schema refuses but the reader reads anyway.
 *
 * - Text shapes (patterns): identifiers outside the spec's character set are common (GitHub's
 *   dependency-graph export writes `SPDXRef-actions-actions/checkout-3`, Tern and older syft wrote
 *   underscores), and Chainsight only matches identifiers against each other; so are creator and
 *   supplier prefixes. A package checksum that is not hexadecimal is the exception: it is not read,
 *   which is worth saying.
 * - Files and snippets are not read (only packages are), so their deviations are warnings: syft 0.57
 *   wrote files without the checksums the spec requires.
 * - A missing `documentNamespace` or a `dataLicense` other than CC0-1.0 (clauses 6.5 and 6.2):
 *   nothing read depends on them.
 */
const tolerate: Tolerance = (error) => {
  const path = pointerPath(error.instancePath);
  if (error.keyword === 'pattern') return path[0] === 'packages' && path[path.length - 1] === 'checksumValue' ? 'a package checksum that is not hexadecimal is not read' : true;
  if (path[0] === 'files' || path[0] === 'snippets') return `${path[0]} do not follow the SPDX schema (${error.message ?? error.keyword}); Chainsight does not read them`;
  if (path.length === 0 && error.keyword === 'required' && error.params['missingProperty'] === 'documentNamespace') {
    return 'the document has no documentNamespace, which SPDX requires (clause 6.5); read without an id';
  }
  if (path[0] === 'dataLicense' && error.keyword === 'const') return 'dataLicense is not CC0-1.0, as SPDX requires (clause 6.2); read anyway';
  return undefined;
};

function toPackage(pkg: unknown, path: string[], warnings: WarningList): DocumentPackage | undefined {
  const ref = textAt(pkg, 'SPDXID');
  const name = textAt(pkg, 'name');
  if (!ref || !name) return undefined;
  const version = textAt(pkg, 'versionInfo');
  return withoutUndefined({
    ref,
    name,
    version,
    purl: purlOf(pkg, path, warnings),
    digests: checksums(pkg),
    license: licence(textAt(pkg, 'licenseConcluded')) ?? licence(textAt(pkg, 'licenseDeclared')),
    sourceUrl: vcsLocation(textAt(pkg, 'downloadLocation')),
  });
}

/** The first purl among `externalRefs` of category PACKAGE-MANAGER (2.2) or PACKAGE_MANAGER (2.3). */
function purlOf(pkg: unknown, path: string[], warnings: WarningList): string | undefined {
  const refs = listAt(pkg, 'externalRefs');
  for (let i = 0; i < refs.length; i++) {
    const category = textAt(refs[i], 'referenceCategory')?.toUpperCase().replace('-', '_');
    if (category !== 'PACKAGE_MANAGER' || textAt(refs[i], 'referenceType') !== 'purl') continue;
    const purl = purlOrWarn(prop(refs[i], 'referenceLocator'), [...path, 'externalRefs', String(i), 'referenceLocator'], warnings);
    if (purl) return purl;
  }
  return undefined;
}

function checksums(pkg: unknown): Digest[] {
  return listAt(pkg, 'checksums').flatMap((c) => {
    const algorithm = textAt(c, 'algorithm');
    const digest = algorithm ? hexDigest(algorithm, prop(c, 'checksumValue')) : undefined;
    return digest ? [digest] : [];
  });
}

function licence(expression: string | undefined): string | undefined {
  return expression && !NO_VALUE.has(expression) ? expression : undefined;
}

/** A download location in SPDX's VCS form (`git+https://…`, `git://…`), which names the source. */
function vcsLocation(location: string | undefined): string | undefined {
  return location && /^(?:git|hg|svn|bzr)(?:\+|:\/\/)/.test(location) ? location : undefined;
}

/** People and organisations before tools: `Organization: Anchore, Inc` rather than `Tool: syft-0.57.0`. */
function authorOf(creators: string[]): string | undefined {
  const people = creators.filter((c) => /^(?:Person|Organization):/.test(c));
  const chosen = people.length > 0 ? people : creators;
  return chosen.length > 0 ? chosen.map((c) => c.replace(/^(?:Person|Organization|Tool):\s*/, '')).join(', ') : undefined;
}
