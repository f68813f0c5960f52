import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentReadResult } from '../../../server/src/documents';
import openvexSchema from '../../../server/src/documents/schemas/openvex-0.2.chainsight.schema.json';
import { VEX_JUSTIFICATIONS } from '../../../server/src/documents/types';
import { readText, vexOf } from './read-fixture';
import { schemaRow, type SchemaRow } from './schema-rows';

/**
 * Chainsight's own OpenVEX 0.2 schema, rule by rule (sections of the OpenVEX Specification v0.2.0):
 * what the spec forbids it refuses, what the spec allows it accepts, and the reader refuses, reads,
 * or reads with a warning what real producers get wrong with a clear meaning.
 */

const DEMO = 'openvex/vexctl-demo.openvex.json';
const statement = (result: DocumentReadResult) => vexOf(result).statements[0]!;
/** Sets fields of the first statement of the document. */
const first = (fields: Record<string, unknown>) => (d: Record<string, any>) => Object.assign(d.statements[0], fields);
const ACTION = 'Upgrade git to 2.39.0-r1';

const ROWS: Array<SchemaRow & { name: string }> = [
  { name: 'a document without @id', rule: 'Document Struct Fields', base: DEMO, change: (d) => delete d['@id'], schema: { refuses: /must have required property '@id'/ }, reader: { refuses: /the document must have required property '@id' \(OpenVEX 0\.2\.0 schema\)/ } },
  { name: 'a document without author', rule: 'Document Struct Fields', base: DEMO, change: (d) => delete d.author, schema: { refuses: /must have required property 'author'/ }, reader: { refuses: /must have required property 'author'/ } },
  { name: 'a 0.2.0 document without timestamp', rule: 'Document Struct Fields', base: DEMO, change: (d) => delete d.timestamp, schema: { refuses: /must have required property 'timestamp'/ }, reader: { refuses: /must have required property 'timestamp'/ } },
  { name: 'a timestamp that is not a date and time', rule: 'Document Struct Fields', base: DEMO, change: (d) => (d.timestamp = 'yesterday'), schema: { warns: /timestamp is not a valid date-time/ }, reader: { warns: /timestamp is not a valid date-time; kept as written/ } },
  { name: 'an @id that is not an IRI', rule: 'Document Struct Fields', base: DEMO, change: (d) => (d['@id'] = 'vex-doc-1'), schema: { warns: /@id is not a valid iri/ }, reader: { warns: /@id is not a valid iri; kept as written/ } },
  { name: 'version 0 (the spec sets no lower bound)', rule: 'Document Struct Fields', base: DEMO, change: (d) => (d.version = 0), schema: 'valid', reader: 'reads' },
  { name: 'a negative version', rule: 'Document Struct Fields', base: DEMO, change: (d) => (d.version = -1), schema: { refuses: /\/version must be >= 0/ }, reader: { refuses: /\/version must be >= 0/, at: '"version"' } },
  { name: 'a version that is not an integer', rule: 'Document Struct Fields', base: DEMO, change: (d) => (d.version = '1'), schema: { refuses: /\/version must be integer/ }, reader: { refuses: /\/version must be integer/, at: '"version"' } },
  { name: 'a document without statements', rule: 'Document', base: DEMO, change: (d) => (d.statements = []), schema: { refuses: /\/statements must NOT have fewer than 1 items/ }, reader: { refuses: /\/statements must NOT have fewer than 1 items/, at: '"statements"' } },
  { name: 'a statement without vulnerability', rule: 'Statement Fields', base: DEMO, change: (d) => delete d.statements[0].vulnerability, schema: { refuses: /\/statements\/0 must have required property 'vulnerability'/ }, reader: { refuses: /must have required property 'vulnerability'/, at: '"timestamp": "2023-12-04T21:55:19.945015302' } },
  { name: 'a vulnerability without a name', rule: 'Vulnerability Struct Fields', base: DEMO, change: first({ vulnerability: { '@id': 'https://nvd.nist.gov/vuln/detail/CVE-2014-123456' } }), schema: { refuses: /\/statements\/0\/vulnerability must have required property 'name'/ }, reader: { refuses: /must have required property 'name'/, at: '"vulnerability"' } },
  { name: 'a statement without products (they may come from an encapsulating document)', rule: 'Statement Fields', base: DEMO, change: (d) => delete d.statements[0].products, schema: 'valid', reader: 'reads', check: (result) => assert.deepEqual(statement(result).products, []) },
  { name: 'a status VEX does not define', rule: 'Status Labels', base: DEMO, change: first({ status: 'maybe' }), schema: { refuses: /status must be equal to one of the allowed values: not_affected, affected, fixed, under_investigation/ }, reader: { refuses: /\/statements\/0\/status must be equal to one of the allowed values/, at: '"maybe"' } },
  {
    name: 'a not_affected statement with neither justification nor impact statement',
    rule: 'Statement Fields',
    base: DEMO,
    change: first({ status: 'not_affected' }),
    schema: { refuses: /\/statements\/0 must have required property 'justification'/ },
    reader: { refuses: /\/statements\/0 must have required property 'impact_statement'/, at: '"vulnerability"' },
  },
  { name: 'a not_affected statement with only an impact statement', rule: 'Statement Fields', base: DEMO, change: first({ status: 'not_affected', impact_statement: 'git is built without the vulnerable code' }), schema: 'valid', reader: 'reads' },
  {
    name: 'a not_affected statement with a justification and an impact statement (what the spec recommends)',
    rule: "Note on 'justification' and 'impact_statement'",
    base: DEMO,
    change: first({ status: 'not_affected', justification: 'vulnerable_code_not_present', impact_statement: 'built without the vulnerable code' }),
    schema: 'valid',
    reader: 'reads',
    check: (result) => assert.deepEqual([statement(result).justification, statement(result).impactStatement], ['vulnerable_code_not_present', 'built without the vulnerable code']),
  },
  { name: 'a justification VEX does not define', rule: 'Status Justifications', base: DEMO, change: first({ status: 'not_affected', justification: 'because' }), schema: { refuses: /justification must be equal to one of the allowed values: component_not_present/ }, reader: { refuses: /\/statements\/0\/justification/, at: '"because"' } },
  {
    name: 'an affected statement without an action statement',
    rule: 'Statement Fields',
    base: DEMO,
    change: first({ status: 'affected' }),
    schema: { refuses: /\/statements\/0 must have required property 'action_statement'/ },
    reader: { warns: /an affected statement without an action_statement; read without one/ },
  },
  {
    name: 'a justification on an affected statement (the spec defines it for not_affected but does not forbid it)',
    rule: 'Statement Fields',
    base: DEMO,
    change: first({ status: 'affected', action_statement: ACTION, justification: 'component_not_present' }),
    schema: 'valid',
    reader: 'reads',
    check: (result) => assert.deepEqual([statement(result).status, statement(result).actionStatement], ['affected', ACTION]),
  },
  {
    name: "Chainsight's triage fields",
    rule: 'docs/vex.md',
    base: DEMO,
    change: first({ status: 'affected', action_statement: ACTION, 'chainsight:author': 'Jane Doe <jane@example.com>', 'chainsight:expires': '2025-12-31' }),
    schema: 'valid',
    reader: 'reads',
    check: (result) => assert.deepEqual([statement(result).author, statement(result).expires], ['Jane Doe <jane@example.com>', '2025-12-31']),
  },
  {
    name: 'a product named by cpe23, as Appendix B spells it',
    rule: 'Appendix B',
    base: DEMO,
    change: first({ products: [{ identifiers: { cpe23: 'cpe:2.3:a:git-scm:git:2.39.0:*:*:*:*:*:*:*' } }] }),
    schema: 'valid',
    reader: 'reads',
    check: (result) => assert.deepEqual(statement(result).products, [{ id: 'cpe:2.3:a:git-scm:git:2.39.0:*:*:*:*:*:*:*', subcomponents: [] }]),
  },
  {
    name: 'a product named by @cpe22, as the published JSON schema spells it',
    rule: 'Appendix B',
    base: DEMO,
    change: first({ products: [{ identifiers: { '@cpe22': 'cpe:/a:git-scm:git:2.39.0' } }] }),
    schema: 'valid',
    reader: 'reads',
    check: (result) => assert.equal(statement(result).products[0]?.id, 'cpe:/a:git-scm:git:2.39.0'),
  },
  {
    name: 'an identifier type the spec does not list',
    rule: 'Appendix B',
    base: DEMO,
    change: first({ products: [{ '@id': 'pkg:apk/distro/git@2.39.0-r1', identifiers: { swid: 'git-2.39' } }] }),
    schema: { warns: /a property the OpenVEX 0\.2\.0 schema does not define \("swid"\) is ignored/ },
    reader: { warns: /\("swid"\) is ignored/ },
  },
  {
    name: 'product hashes by their Appendix A names',
    rule: 'Appendix A',
    base: DEMO,
    change: first({ products: [{ '@id': 'pkg:apk/distro/git@2.39.0-r1', hashes: { 'sha-256': 'AB12', 'blake2b-256': 'cd34' } }] }),
    schema: 'valid',
    reader: 'reads',
    check: (result) => assert.deepEqual(statement(result).products[0]?.digests, [{ algorithm: 'sha256', value: 'ab12' }, { algorithm: 'blake2b-256', value: 'cd34' }]),
  },
  {
    name: 'a hash name Appendix A does not list',
    rule: 'Appendix A',
    base: DEMO,
    change: first({ products: [{ '@id': 'pkg:apk/distro/git@2.39.0-r1', hashes: { sha256: 'ab12' } }] }),
    schema: { warns: /\("sha256"\) is ignored/ },
    reader: { warns: /a property the OpenVEX 0\.2\.0 schema does not define \("sha256"\) is ignored/ },
  },
  { name: 'a product that is neither an object nor a string', rule: 'Product Data Structure', base: DEMO, change: first({ products: [5] }), schema: { refuses: /\/statements\/0\/products\/0 must be object/ }, reader: { refuses: /products\/0 must be object/, at: '"products"' } },
];

describe("documents: Chainsight's OpenVEX 0.2 schema", () => {
  for (const { name, ...row } of ROWS) it(`${row.rule}: ${name}`, () => schemaRow('openvex-0.2', row));

  it('reads the VEX file Chainsight itself writes without a warning', () => {
    // Triage writes a justification and an impact statement for not_affected, as the spec recommends.
    const file = join(__dirname, '../../fixtures/vex/written/three-decisions.openvex.json');
    const result = readText('three-decisions.openvex.json', readFileSync(file, 'utf8'));
    assert.deepEqual(result.ok && result.warnings, []);
    assert.ok(vexOf(result).statements.some((s) => s.justification !== undefined && s.impactStatement !== undefined));
  });

  it('has the statuses and justifications the reader knows, and no others', () => {
    assert.deepEqual(openvexSchema.$defs.status.enum, ['not_affected', 'affected', 'fixed', 'under_investigation']);
    assert.deepEqual([...openvexSchema.$defs.justification.enum].sort(), [...VEX_JUSTIFICATIONS].sort());
  });

  it("says it is Chainsight's own, and which specification it was written from", () => {
    assert.match(openvexSchema.$comment, /^Chainsight's own schema for OpenVEX 0\.2\.0 documents, written for Chainsight from the OpenVEX Specification v0\.2\.0/);
  });
});
