import { createHash } from 'node:crypto';
import { firstJsonSyntaxError } from '../core/json-syntax';

/**
 * The project's own OpenVEX 0.2 file as Chainsight edits it (docs/vex.md): JSON objects, not the
 * normalised statements matching reads (the readers in documents/ make those). Editing keeps every
 * field it does not know, in place, and writes one stable layout so diffs show only what changed:
 * document fields in the spec's order, statements sorted, two-space indentation, a final newline.
 */

export const OPENVEX_CONTEXT = 'https://openvex.dev/ns/v0.2.0';
export const DEFAULT_VEX_PATH = '.chainsight/vex.openvex.json';

export type JsonObject = { [key: string]: unknown };

export interface OpenVexFile {
  document: JsonObject;
  statements: JsonObject[];
}

export type ReadVexFileResult = { ok: true; file: OpenVexFile } | { ok: false; error: VexFileError };

export interface VexFileError {
  message: string;
  /** 1-based, where the text says. */
  line?: number;
  column?: number;
}

/** Document fields first, in the order the OpenVEX spec lists them; others after, as they were. */
const DOCUMENT_ORDER = ['@context', '@id', 'author', 'role', 'timestamp', 'last_updated', 'version', 'tooling', 'statements'];

/** Statement fields in the spec's order; Chainsight's own (`chainsight:*`) and unknown ones follow. */
const STATEMENT_ORDER = [
  '@id',
  'version',
  'vulnerability',
  'timestamp',
  'last_updated',
  'products',
  'status',
  'supplier',
  'status_notes',
  'justification',
  'impact_statement',
  'action_statement',
  'action_statement_timestamp',
  'chainsight:author',
  'chainsight:expires',
];

/** Reads the file for editing. A file that is not an OpenVEX document is an error, never overwritten. */
export function readVexFile(text: string): ReadVexFileResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const syntax = firstJsonSyntaxError(text, 'the VEX file');
    return { ok: false, error: { message: syntax.message || (err as Error).message, line: syntax.range.start.line + 1, column: syntax.range.start.character + 1 } };
  }
  if (!isObject(value)) return { ok: false, error: { message: 'the VEX file is not a JSON object', line: 1, column: 1 } };
  const context = value['@context'];
  if (typeof context !== 'string' || !context.startsWith('https://openvex.dev/ns')) {
    return { ok: false, error: { message: `the VEX file is not an OpenVEX document ("@context" is ${JSON.stringify(context ?? null)}, expected "${OPENVEX_CONTEXT}")`, line: 1, column: 1 } };
  }
  const statements = value.statements ?? [];
  if (!Array.isArray(statements) || !statements.every(isObject)) return { ok: false, error: { message: 'the VEX file\'s "statements" is not a list of objects', line: 1, column: 1 } };
  return { ok: true, file: { document: value, statements } };
}

/** A new, empty document for a project; its `@id` is derived from the project, so it is the same on every machine. */
export function newVexFile(projectPurl: string, author: string, timestamp: string): OpenVexFile {
  const id = createHash('sha256').update(`chainsight:${projectPurl}`).digest('hex');
  return {
    document: { '@context': OPENVEX_CONTEXT, '@id': `https://openvex.dev/docs/public/vex-${id}`, author, timestamp, version: 0, tooling: 'Chainsight' },
    statements: [],
  };
}

/** The file's text in Chainsight's layout, with `version` bumped and `last_updated` set (the spec asks both on any change). */
export function writeVexFile(file: OpenVexFile, timestamp: string): string {
  const version = typeof file.document.version === 'number' && Number.isInteger(file.document.version) ? file.document.version + 1 : 1;
  const document = ordered({ ...file.document, last_updated: timestamp, version, statements: sortStatements(file.statements).map((s) => ordered(s, STATEMENT_ORDER)) }, DOCUMENT_ORDER);
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** By vulnerability name, then product ids, then status and time, so equal inputs always give the same file. */
export function sortStatements(statements: readonly JsonObject[]): JsonObject[] {
  return [...statements].sort((a, b) => compareKeys(statementSortKey(a), statementSortKey(b)));
}

function statementSortKey(s: JsonObject): string[] {
  const vulnerability = isObject(s.vulnerability) ? String(s.vulnerability.name ?? '') : String(s.vulnerability ?? '');
  return [vulnerability.toUpperCase(), productKey(s), String(s.status ?? ''), String(s.timestamp ?? '')];
}

/** Products (with their subcomponents) as one comparable string, also used to find "the same statement". */
export function productKey(s: JsonObject): string {
  const products = Array.isArray(s.products) ? s.products : [];
  return products
    .map((p) => {
      if (typeof p === 'string') return p;
      if (!isObject(p)) return '';
      const subs = Array.isArray(p.subcomponents) ? p.subcomponents.map((c) => (isObject(c) ? componentId(c) : String(c))).sort() : [];
      return `${componentId(p)}>${subs.join(',')}`;
    })
    .sort()
    .join('|');
}

function componentId(c: JsonObject): string {
  if (typeof c['@id'] === 'string') return c['@id'];
  const identifiers = isObject(c.identifiers) ? c.identifiers : {};
  return typeof identifiers.purl === 'string' ? identifiers.purl : '';
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function ordered(object: JsonObject, order: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of order) if (object[key] !== undefined) out[key] = object[key];
  for (const [key, value] of Object.entries(object)) if (!(key in out) && value !== undefined) out[key] = value;
  return out;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
