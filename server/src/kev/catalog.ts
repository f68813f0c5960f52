import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { firstJsonSyntaxError } from '../core/json-syntax';
import { LineIndex } from '../core/text-range';
import KEV_SCHEMA from './kev-schema.json';

/** One catalog entry as CISA publishes it (known_exploited_vulnerabilities_schema.json). */
export interface KevEntry {
  cveID: string;
  vendorProject: string;
  product: string;
  vulnerabilityName: string;
  /** `YYYY-MM-DD` */
  dateAdded: string;
  shortDescription: string;
  requiredAction: string;
  /** `YYYY-MM-DD`: when US federal agencies must have acted. */
  dueDate: string;
  /** `Known` or `Unknown`. */
  knownRansomwareCampaignUse?: string;
  notes?: string;
  cwes?: string[];
}

export interface KevCatalog {
  catalogVersion: string;
  dateReleased: string;
  count: number;
  /** Upper-case CVE id → entry. */
  entries: ReadonlyMap<string, KevEntry>;
}

export type KevParseResult = { ok: true; catalog: KevCatalog } | { ok: false; error: string };

const CVE = /^CVE-\d{4}-\d{4,19}$/;

/** The entry for the first CVE among a vulnerability's ids and aliases that CISA lists as exploited. */
export function knownExploited(catalog: KevCatalog, ids: Iterable<string>): KevEntry | undefined {
  for (const id of ids) {
    const key = id.trim().toUpperCase();
    if (!CVE.test(key)) continue;
    const entry = catalog.entries.get(key);
    if (entry) return entry;
  }
  return undefined;
}

/**
 * Reads catalogs, validating each against CISA's own JSON schema (shipped beside this file): a
 * catalog that does not validate is refused whole, so a broken download never replaces a good copy.
 * One instance per owner (ajv keeps the last errors on its validator).
 */
export class KevCatalogReader {
  private validator: ValidateFunction | undefined;

  parse(text: string, what = 'the KEV catalog'): KevParseResult {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, error: firstJsonSyntaxError(text, what).message };
    }
    const validate = (this.validator ??= compile());
    if (!validate(value)) return { ok: false, error: schemaError(text, what, validate.errors ?? []) };
    const raw = value as { catalogVersion: string; dateReleased: string; count: number; vulnerabilities: KevEntry[] };
    const entries = new Map<string, KevEntry>();
    for (const entry of raw.vulnerabilities) entries.set(entry.cveID.toUpperCase(), entry);
    return { ok: true, catalog: { catalogVersion: raw.catalogVersion, dateReleased: raw.dateReleased, count: raw.count, entries } };
  }
}

function compile(): ValidateFunction {
  // The schema says draft-07 but keeps its definitions under `$defs` and has a `url` annotation: not
  // strict. It is our own copy of CISA's file, so checking it against the meta-schema on every start
  // (half of the compile time) buys nothing; a test compiles it with every check on.
  const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
  addFormats(ajv, ['date', 'date-time']);
  return ajv.compile(KEV_SCHEMA);
}

/** `could not read the KEV catalog at 12:7: /vulnerabilities/3/cveID must match pattern "…"` (only on failure is the text walked for positions). */
function schemaError(text: string, what: string, errors: readonly ErrorObject[]): string {
  const first = errors[0];
  if (!first) return `${what} does not match CISA's schema`;
  const path = first.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  const node = findNodeAtLocation(parseTree(text)!, path);
  const at = node ? new LineIndex(text).position(node.offset) : undefined;
  return `${what} does not match CISA's schema${at ? ` at ${at.line + 1}:${at.character + 1}` : ''}: ${first.instancePath || '(the document)'} ${first.message ?? 'is invalid'}`;
}
