import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SCHEMAS = join(__dirname, '../fixtures/schemas');
const load = (name: string) => JSON.parse(readFileSync(join(SCHEMAS, name), 'utf8')) as Record<string, unknown>;

// Compiled once, when the test files load: compiling walks these large schemas recursively, which
// is best done on a shallow stack rather than deep inside a running test.
const sarif = (() => {
  // The official schema has a pattern that is only valid without the `u` flag (`...{2}]?$`).
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv as unknown as Ajv);
  return ajv.compile(load('sarif-2.1.0.json'));
})();

const cycloneDx = (() => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // ajv-formats has no IRI formats; an IRI reference is any string without spaces for our purposes.
  ajv.addFormat('iri-reference', /^\S*$/);
  ajv.addFormat('idn-email', /^\S+@\S+$/);
  ajv.addSchema(load('spdx.SNAPSHOT.schema.json'), 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json');
  ajv.addSchema(load('jsf-0.82.SNAPSHOT.schema.json'), 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json');
  return ajv.compile(load('bom-1.6.SNAPSHOT.schema.json'));
})();

/** Validates against the official SARIF 2.1.0 schema (JSON Schema draft-04). Returns the errors, if any. */
export function sarifErrors(document: unknown): string[] {
  return sarif(document) ? [] : (sarif.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Validates against the official CycloneDX 1.6 JSON schema (with its SPDX and JSF schemas). */
export function cycloneDxErrors(document: unknown): string[] {
  return cycloneDx(document) ? [] : (cycloneDx.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
