import type { ErrorObject } from 'ajv';
import { digestMap } from './digests';
import { isRecord, listAt, prop, text, textAt, textsAt, unique } from './json-values';
import { makeOrigin, withoutUndefined } from './origin';
import { elementRanges, pointerPath } from './positions';
import { canonicalPurl, looksLikePurl } from './purl';
import type { DocumentFormatEntry, ReaderContext, ReaderInput, ReaderOutcome } from './reader-types';
import type { Tolerance } from './schema-validators';
import { VEX_JUSTIFICATIONS, type VexJustification, type VexProduct, type VexProductRef, type VexStatement, type VexStatus } from './types';
import { WarningList } from './warnings';

/**
 * OpenVEX 0.2.0, and the shape before it (context `https://openvex.dev/ns`, vulnerability and
 * products as plain strings, statement-level subcomponents): the older shape is first rewritten
 * into the 0.2.0 one, then both are validated against Chainsight's OpenVEX 0.2 schema, with the
 * deviations real producers make (listed in `tolerate`) kept as warnings.
 */

const CONTEXT = /^https:\/\/openvex\.dev\/ns(?:\/v?([\d.]+))?\/?$/;
const STATUSES: readonly VexStatus[] = ['not_affected', 'affected', 'fixed', 'under_investigation'];

export const openvexFormat: DocumentFormatEntry = {
  id: 'openvex',
  label: 'OpenVEX',
  detect: (json) => typeof json['@context'] === 'string' && CONTEXT.test(json['@context']),
  read: readOpenVex,
};

function readOpenVex(input: ReaderInput, context: ReaderContext): ReaderOutcome {
  const { source } = input;
  const version = CONTEXT.exec(String(input.json['@context']))?.[1];
  const legacy = version === undefined || version.startsWith('0.0') || version.startsWith('0.1');
  // Strings where 0.2.0 has objects mean the same in any version; tools still write them.
  const json = modernise(input.json);
  const outcome = context.validators.validate('openvex-0.2', json, source, tolerate(legacy));
  if (!outcome.ok) return outcome;
  const warnings = new WarningList(source);
  warnings.addPlaced(outcome.warnings);

  const origin = makeOrigin({
    ...input.origin,
    format: 'openvex',
    specVersion: version,
    id: textAt(json, '@id'),
    issuedAt: textAt(json, 'timestamp'),
    author: textAt(json, 'author'),
  });
  const ranges = elementRanges(source, ['statements']);
  const statements: VexStatement[] = [];
  listAt(json, 'statements').forEach((statement, index) => {
    const path = ['statements', String(index)];
    const status = textAt(statement, 'status') as VexStatus;
    const vulnerability = prop(statement, 'vulnerability');
    const name = textAt(vulnerability, 'name');
    if (!name || !STATUSES.includes(status)) return; // the schema refused these already
    const iri = textAt(vulnerability, '@id');
    const sourceJustification = textAt(statement, 'justification');
    statements.push(
      withoutUndefined({
        vulnerability: { id: name, aliases: unique([...textsAt(vulnerability, 'aliases'), ...(iri && !/^https?:/i.test(iri) ? [iri] : [])]).filter((a) => a !== name) },
        products: listAt(statement, 'products').map((p, i) => ({
          ...productRef(p, [...path, 'products', String(i)], warnings),
          subcomponents: listAt(p, 'subcomponents').map((s, j) => productRef(s, [...path, 'products', String(i), 'subcomponents', String(j)], warnings)),
        })) satisfies VexProduct[],
        status,
        justification: VEX_JUSTIFICATIONS.includes(sourceJustification as VexJustification) ? (sourceJustification as VexJustification) : undefined,
        impactStatement: textAt(statement, 'impact_statement') ?? (status === 'not_affected' ? textAt(statement, 'status_notes') : undefined),
        actionStatement: textAt(statement, 'action_statement'),
        // A statement's own time wins; without one it inherits the document's.
        timestamp: textAt(statement, 'last_updated') ?? textAt(statement, 'timestamp') ?? origin.issuedAt,
        // Chainsight's triage fields (docs/vex.md): who decided, and until when a risk is accepted.
        author: textAt(statement, 'chainsight:author') ?? origin.author,
        expires: textAt(statement, 'chainsight:expires'),
        sourceStatus: status,
        sourceJustification,
        range: ranges.get(index),
      }),
    );
  });
  return { ok: true, document: { kind: 'vex', origin, statements }, warnings: warnings.list() };
}

/** A product or subcomponent: its purl (from `identifiers.purl`, else an `@id` that is one), its other id, its hashes. */
function productRef(value: unknown, path: string[], warnings: WarningList): VexProductRef {
  const iri = textAt(value, '@id');
  const identifiers = prop(value, 'identifiers');
  const declared = textAt(identifiers, 'purl') ?? (iri && looksLikePurl(iri) ? iri : undefined);
  let purl: string | undefined;
  if (declared) {
    const parsed = canonicalPurl(declared);
    if (parsed.ok) purl = parsed.purl;
    else warnings.add(path, `not a valid package URL, kept as an id (${parsed.reason})`);
  }
  // Appendix B of the spec spells the CPE keys `cpe23`/`cpe22`; the schema openvex/spec publishes, `@cpe23`/`@cpe22`.
  const cpe = textAt(identifiers, 'cpe23') ?? textAt(identifiers, '@cpe23') ?? textAt(identifiers, 'cpe22') ?? textAt(identifiers, '@cpe22');
  const otherId = iri && (!purl || !looksLikePurl(iri)) ? iri : cpe;
  const id = purl && otherId === undefined ? undefined : (otherId ?? (purl ? undefined : declared));
  const digests = digestMap(prop(value, 'hashes'));
  return withoutUndefined({ purl, id, digests: digests.length > 0 ? digests : undefined });
}

/** The pre-0.2.0 shape rewritten into 0.2.0's: strings become objects, statement subcomponents move into products. */
function modernise(json: Record<string, unknown>): Record<string, unknown> {
  const statements = listAt(json, 'statements').map((statement) => {
    if (!isRecord(statement)) return statement;
    const out: Record<string, unknown> = Object.assign(Object.create(null) as object, statement);
    const vulnerability = statement['vulnerability'];
    if (typeof vulnerability === 'string') out['vulnerability'] = { name: vulnerability };
    const shared = listAt(statement, 'subcomponents').map(asComponent);
    delete out['subcomponents'];
    if (Array.isArray(statement['products'])) {
      out['products'] = statement['products'].map((p) => {
        const product = asComponent(p);
        return shared.length > 0 && isRecord(product) ? { ...product, subcomponents: [...listAt(product, 'subcomponents'), ...shared] } : product;
      });
    }
    return out;
  });
  return { ...json, statements };
}

function asComponent(value: unknown): unknown {
  const id = text(value);
  return id === undefined ? value : { '@id': id };
}

/** Deviations from OpenVEX 0.2.0 that real documents make, read anyway with a warning. */
function tolerate(legacy: boolean): Tolerance {
  return (error: ErrorObject, value: unknown) => {
    const path = pointerPath(error.instancePath);
    if (isStatement(path)) {
      const status = textAt(listAt(value, 'statements')[Number(path[1])], 'status');
      if (status === 'affected' && error.keyword === 'required' && error.params['missingProperty'] === 'action_statement') {
        return 'an affected statement without an action_statement; read without one';
      }
    }
    // Extra fields of the older shape (`format`, `status_notes` placement) are unknown properties, read past generally.
    if (legacy && path.length === 0 && error.keyword === 'required') {
      return `the pre-0.2.0 document has no ${String(error.params['missingProperty'])}, which 0.2.0 requires`;
    }
    return undefined;
  };
}

function isStatement(path: string[]): boolean {
  return path.length === 2 && path[0] === 'statements';
}
