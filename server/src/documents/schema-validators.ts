import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ParseError } from '../core/package';
import { errorAt, pointerPath, warningAt, type JsonSource } from './positions';
import { SCHEMAS, type SchemaId } from './schema-catalog';

/**
 * A schema violation a reader accepts anyway, because real producers commonly make it and the
 * meaning is still clear: it becomes a warning with this reason (`true`: no warning, the copy of
 * the schema lags the specification). Undefined: the document is refused.
 */
export type Tolerance = (error: ErrorObject, value: unknown) => string | true | undefined;

export type SchemaOutcome = { ok: true; warnings: ParseError[] } | { ok: false; errors: ParseError[] };

/** How many violations one refusal lists: enough to fix a file, few enough to read. */
const MAX_REPORTED = 5;
const MAX_TOLERATED = 20;

/**
 * Compiled schema validators, held by one `DocumentReader` for the life of the process: compiling
 * the CycloneDX 1.6 schema takes about a second, validating a 2 MB BOM with it a few milliseconds.
 * Each schema is compiled the first time a document of its format is read.
 */
export class SchemaValidators {
  private readonly compiled = new Map<SchemaId, ValidateFunction>();
  private draft07: Ajv | undefined;
  private draft2020: Ajv2020 | undefined;

  validate(id: SchemaId, value: unknown, source: JsonSource, tolerate?: Tolerance): SchemaOutcome {
    const validator = this.validator(id);
    if (validator(value)) return { ok: true, warnings: [] };
    const errors: ParseError[] = [];
    const warnings: ParseError[] = [];
    const reasons = new Set<string>();
    for (const error of simplest(validator.errors ?? [])) {
      const tolerated = tolerate?.(error, value) ?? unknownProperty(error, SCHEMAS[id].title) ?? badFormat(error);
      const path = errorPath(error);
      if (tolerated === true) continue;
      if (tolerated) {
        // One warning per kind of deviation, at its first place (a thousand files without checksums
        // are one finding), and only the first few located: locating one scans the text.
        if (!reasons.has(tolerated) && warnings.length < MAX_TOLERATED) warnings.push(warningAt(source, path, tolerated));
        reasons.add(tolerated);
      } else if (errors.length < MAX_REPORTED) {
        errors.push(errorAt(source, path, `${describe(error)} (${SCHEMAS[id].title} schema)`));
      }
    }
    return errors.length > 0 ? { ok: false, errors } : { ok: true, warnings };
  }

  /** The schemas compiled so far, in the order they were first needed. */
  compiledIds(): SchemaId[] {
    return [...this.compiled.keys()];
  }

  private validator(id: SchemaId): ValidateFunction {
    const existing = this.compiled.get(id);
    if (existing) return existing;
    const entry = SCHEMAS[id];
    const ajv = entry.dialect === '2020-12' ? this.ajv2020() : this.ajv07();
    // Registered under the URI the main schema's `$ref` uses, whatever `$id` the copy carries
    // (FIRST's CVSS schemas date their `$id`; CycloneDX's SNAPSHOT copies keep the original one).
    for (const ref of entry.refs) if (!ajv.getSchema(ref.uri)) ajv.addSchema({ ...withoutUniqueItems(ref.load()), $id: ref.uri });
    const compiled = ajv.compile(withoutUniqueItems(entry.load()));
    this.compiled.set(id, compiled);
    return compiled;
  }

  private ajv07(): Ajv {
    this.draft07 ??= withFormats(new Ajv(OPTIONS));
    return this.draft07;
  }

  private ajv2020(): Ajv2020 {
    this.draft2020 ??= withFormats(new Ajv2020(OPTIONS));
    return this.draft2020;
  }
}

// allErrors: tolerated deviations must not hide a real violation after them. `strict: false`: the
// published schemas use keywords ajv's strict mode rejects (`meta:enum`, unknown formats).
const OPTIONS = { allErrors: true, strict: false, unicodeRegExp: false } as const;

function withFormats<T extends Ajv>(ajv: T): T {
  addFormats(ajv);
  // ajv-formats has no IRI formats: an IRI reference is any string without white space here.
  ajv.addFormat('iri-reference', /^\S*$/);
  ajv.addFormat('iri', /^[a-z][a-z0-9+.-]*:\S*$/i);
  ajv.addFormat('idn-email', /^\S+@\S+$/);
  return ajv;
}

/**
 * A property the schema does not define is read past, with a warning: producers add fields and
 * newer versions of a standard add more, and every reader reads only the fields it knows. Missing,
 * mistyped and out-of-enum values still refuse the document.
 */
function unknownProperty(error: ErrorObject, title: string): string | undefined {
  const name = error.params['additionalProperty'];
  if (error.keyword !== 'additionalProperties' || typeof name !== 'string') return undefined;
  return `a property the ${title} schema does not define (${JSON.stringify(name).slice(0, 80)}) is ignored`;
}

/**
 * A value that is not in its declared format (a timestamp without a time zone, a URL with a space)
 * is kept as written, with a warning: nothing Chainsight does depends on the format being exact.
 */
function badFormat(error: ErrorObject): string | undefined {
  if (error.keyword !== 'format') return undefined;
  const key = pointerPath(error.instancePath).pop() ?? 'a value';
  return `${key} is not a valid ${String(error.params['format'])}; kept as written`;
}

/**
 * The schema without its `uniqueItems` keywords. ajv checks them by comparing every pair of items:
 * on the 1,101-component juice-shop BOM that is 440 of 510 ms of validation. A repeated entry has
 * a clear meaning (the same thing said twice) and every reader reads it once, so it is not checked.
 */
function withoutUniqueItems(schema: unknown): object {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) if (key !== 'uniqueItems') out[key] = strip(child);
    return out;
  };
  return strip(schema) as object;
}

/** Where a violation is: the property it names (extra or missing) under the object it is about. */
function errorPath(error: ErrorObject): string[] {
  const path = pointerPath(error.instancePath);
  const extra = error.params['additionalProperty'];
  return typeof extra === 'string' ? [...path, extra] : path;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the document' : error.instancePath;
  const allowed = error.params['allowedValues'];
  if (Array.isArray(allowed)) return `${where} ${error.message}: ${allowed.slice(0, 12).join(', ')}`;
  const extra = error.params['additionalProperty'];
  if (typeof extra === 'string') return `${where} has a property the schema does not allow: ${JSON.stringify(extra).slice(0, 80)}`;
  return `${where} ${error.message ?? 'does not match the schema'}`;
}

/**
 * ajv reports every branch of a failed `oneOf`/`anyOf`; the branch errors say more than the
 * summary, and an `if`/`then` summary adds nothing to the `then` error it wraps.
 */
function simplest(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => e.keyword !== 'if');
  return specific.length > 0 ? specific : errors;
}
