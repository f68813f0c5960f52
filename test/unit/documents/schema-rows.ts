import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentReadResult } from '../../../server/src/documents';
import { FileLines } from '../../../server/src/documents/json-input';
import type { SchemaId } from '../../../server/src/documents/schema-catalog';
import { SchemaValidators } from '../../../server/src/documents/schema-validators';
import { FIXTURES, readText } from './read-fixture';

/**
 * One rule of a specification, shown on a real fixture changed in one place: what Chainsight's schema
 * says of the changed document on its own, and what the reader then does with it.
 */
export interface SchemaRow {
  /** The clause or section the rule comes from. */
  rule: string;
  /** A fixture under test/fixtures/documents/ whose document is read as it is (no warnings) before the change. */
  base: string;
  change: (doc: Record<string, any>) => void;
  /** `valid`; a violation the schema refuses; or a deviation the validator always reads past (unknown properties, formats). */
  schema: 'valid' | { refuses: RegExp } | { warns: RegExp };
  /**
   * `reads`: read without a warning; `warns`: read with this warning; `refuses`: refused with this
   * error, on the line of the first line of the text holding `at` (the document's first line without it).
   */
  reader: 'reads' | { warns: RegExp } | { refuses: RegExp; at?: string };
  /** Facts of the read document this rule is about. */
  check?: (result: DocumentReadResult) => void;
}

const validators = new SchemaValidators();

export function schemaRow(id: SchemaId, row: SchemaRow): void {
  const doc = JSON.parse(readFileSync(join(FIXTURES, row.base), 'utf8')) as Record<string, any>;
  row.change(doc);
  const text = JSON.stringify(doc, null, 2);

  const alone = validators.validate(id, doc, new FileLines(text).source('doc.json', text, 0));
  const schema = row.schema;
  if (schema === 'valid') assert.deepEqual(alone, { ok: true, warnings: [] }, 'the schema accepts it');
  else if ('refuses' in schema) {
    const errors = alone.ok ? [] : alone.errors.map((e) => e.message);
    assert.ok(errors.some((e) => schema.refuses.test(e)), `the schema refuses it: ${errors.join('\n')}`);
  } else {
    assert.ok(alone.ok && alone.warnings.some((w) => schema.warns.test(w.message)), JSON.stringify(alone));
  }

  const result = readText('doc.json', text);
  const reader = row.reader;
  if (reader === 'reads') assert.deepEqual(result.ok && result.warnings.map((w) => w.message), [], 'read without a warning');
  else if ('warns' in reader) {
    assert.ok(result.ok && result.warnings.some((w) => reader.warns.test(w.message)), JSON.stringify(result.ok ? result.warnings : result.errors));
  } else {
    assert.equal(result.ok, false, 'the reader refuses it');
    const line = reader.at === undefined ? 1 : text.split('\n').findIndex((l) => l.includes(reader.at!)) + 1;
    assert.ok(line > 0, `${reader.at} is in the text`);
    const errors = result.ok ? [] : result.errors.map((e) => e.message);
    assert.ok(errors.some((e) => e.startsWith(`could not parse doc.json at ${line}:`) && reader.refuses.test(e)), `at line ${line}:\n${errors.join('\n')}`);
  }
  row.check?.(result);
}
