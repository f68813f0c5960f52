import { strict as assert } from 'node:assert';
import type { DocumentReadResult } from '../../../server/src/documents';
import { DEPENDENCY_RELATIONSHIPS } from '../../../server/src/documents/spdx/relationships';
import spdxSchema from '../../../server/src/documents/schemas/spdx-2.x.chainsight.schema.json';
import { sbomOf } from './read-fixture';
import { schemaRow, type SchemaRow } from './schema-rows';

/**
 * Chainsight's own SPDX 2.2/2.3 schema, rule by rule (clause numbers are SPDX 2.3's): what the spec
 * forbids it refuses, what the spec allows it accepts, and the reader refuses, reads, or reads with
 * a warning what nothing in Chainsight depends on.
 */

const HELLO = 'spdx/hello-python-source.spdx-2.3.json';
const MAVEN = 'spdx/examplemaven-0.0.1.spdx-2.3.json';
const PURL = { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:pypi/hello@1.0.0' };
const subjectOf = (result: DocumentReadResult) => sbomOf(result).subject!;

const ROWS: Array<SchemaRow & { name: string }> = [
  { name: 'a document without spdxVersion', rule: '6.1', base: HELLO, change: (d) => delete d.spdxVersion, schema: { refuses: /must have required property 'spdxVersion'/ }, reader: { refuses: /not a supply-chain document Chainsight reads/ } },
  { name: 'an SPDX 2.2 document', rule: '6.1', base: HELLO, change: (d) => (d.spdxVersion = 'SPDX-2.2'), schema: 'valid', reader: 'reads' },
  { name: 'a document without dataLicense', rule: '6.2', base: HELLO, change: (d) => delete d.dataLicense, schema: { refuses: /must have required property 'dataLicense'/ }, reader: { refuses: /the document must have required property 'dataLicense' \(SPDX 2\.2\/2\.3 schema\)/ } },
  { name: 'a dataLicense other than CC0-1.0', rule: '6.2', base: HELLO, change: (d) => (d.dataLicense = 'MIT'), schema: { refuses: /\/dataLicense must be equal to constant/ }, reader: { warns: /dataLicense is not CC0-1\.0, as SPDX requires \(clause 6\.2\); read anyway/ } },
  { name: 'a document without SPDXID', rule: '6.3', base: HELLO, change: (d) => delete d.SPDXID, schema: { refuses: /must have required property 'SPDXID'/ }, reader: { refuses: /must have required property 'SPDXID'/ } },
  {
    name: 'a document SPDXID other than SPDXRef-DOCUMENT (Bitnami writes SPDXRef-<name>)',
    rule: '6.3',
    base: HELLO,
    change: (d) => (d.SPDXID = 'SPDXRef-hello-sbom'),
    schema: 'valid',
    reader: 'reads',
  },
  { name: 'a document without a name', rule: '6.4', base: HELLO, change: (d) => delete d.name, schema: { refuses: /must have required property 'name'/ }, reader: { refuses: /must have required property 'name'/ } },
  {
    name: 'a document without documentNamespace',
    rule: '6.5',
    base: HELLO,
    change: (d) => delete d.documentNamespace,
    schema: { refuses: /must have required property 'documentNamespace'/ },
    reader: { warns: /^doc\.json at 1:1: the document has no documentNamespace, which SPDX requires \(clause 6\.5\); read without an id$/ },
    check: (result) => assert.equal(sbomOf(result).origin.id, undefined),
  },
  {
    name: 'an external document reference without the checksum of that document',
    rule: '6.6',
    base: HELLO,
    change: (d) => (d.externalDocumentRefs = [{ externalDocumentId: 'DocumentRef-other', spdxDocument: 'https://example.com/spdx/other' }]),
    schema: { refuses: /\/externalDocumentRefs\/0 must have required property 'checksum'/ },
    reader: { refuses: /\/externalDocumentRefs\/0 must have required property 'checksum'/, at: '"externalDocumentId"' },
  },
  { name: 'no creators', rule: '6.8', base: HELLO, change: (d) => (d.creationInfo.creators = []), schema: { refuses: /\/creationInfo\/creators must NOT have fewer than 1 items/ }, reader: { refuses: /creators must NOT have fewer than 1 items/, at: '"creators"' } },
  {
    name: 'a creator without its Person:/Organization:/Tool: prefix',
    rule: '6.8',
    base: HELLO,
    change: (d) => (d.creationInfo.creators = ['Nisha Kumar']),
    schema: { refuses: /\/creationInfo\/creators\/0 must match pattern/ },
    reader: 'reads',
    check: (result) => assert.equal(sbomOf(result).origin.author, 'Nisha Kumar'),
  },
  { name: 'no creation time', rule: '6.9', base: HELLO, change: (d) => delete d.creationInfo.created, schema: { refuses: /\/creationInfo must have required property 'created'/ }, reader: { refuses: /must have required property 'created'/, at: '"creationInfo"' } },
  { name: 'a creation time without a time', rule: '6.9', base: HELLO, change: (d) => (d.creationInfo.created = '2022-10-28'), schema: { warns: /created is not a valid date-time/ }, reader: { warns: /created is not a valid date-time; kept as written/ } },
  { name: 'a package without a name', rule: '7.1', base: HELLO, change: (d) => delete d.packages[0].name, schema: { refuses: /\/packages\/0 must have required property 'name'/ }, reader: { refuses: /\/packages\/0 must have required property 'name'/, at: '"SPDXID": "SPDXRef-hello-source"' } },
  {
    name: 'a package SPDXID with an underscore (Tern, older syft)',
    rule: '7.2',
    base: HELLO,
    change: (d) => {
      d.packages[0].SPDXID = 'SPDXRef-hello_source';
      d.documentDescribes = ['SPDXRef-hello_source'];
    },
    schema: { refuses: /\/packages\/0\/SPDXID must match pattern/ },
    reader: 'reads',
    check: (result) => assert.equal(subjectOf(result).ref, 'SPDXRef-hello_source'),
  },
  {
    name: 'a package without downloadLocation',
    rule: '7.7',
    base: HELLO,
    change: (d) => delete d.packages[0].downloadLocation,
    schema: { refuses: /\/packages\/0 must have required property 'downloadLocation'/ },
    reader: { refuses: /must have required property 'downloadLocation'/, at: '"SPDXID": "SPDXRef-hello-source"' },
  },
  { name: 'filesAnalyzed that is not a boolean', rule: '7.8', base: HELLO, change: (d) => (d.packages[0].filesAnalyzed = 'yes'), schema: { refuses: /\/packages\/0\/filesAnalyzed must be boolean/ }, reader: { refuses: /filesAnalyzed must be boolean/, at: '"filesAnalyzed"' } },
  {
    name: 'a checksum algorithm SPDX does not name',
    rule: '7.10',
    base: HELLO,
    change: (d) => (d.packages[0].checksums = [{ algorithm: 'SHA-256', checksumValue: 'aa' }]),
    schema: { refuses: /algorithm must be equal to one of the allowed values: SHA1, SHA224, SHA256/ },
    reader: { refuses: /\/packages\/0\/checksums\/0\/algorithm must be equal to one of the allowed values/, at: '"SHA-256"' },
  },
  {
    name: 'a BLAKE3 checksum (added in 2.3)',
    rule: '7.10',
    base: HELLO,
    change: (d) => (d.packages[0].checksums = [{ algorithm: 'BLAKE3', checksumValue: 'ab12' }]),
    schema: 'valid',
    reader: 'reads',
    check: (result) => assert.deepEqual(subjectOf(result).digests, [{ algorithm: 'blake3', value: 'ab12' }]),
  },
  {
    name: 'a checksum value that is not hexadecimal',
    rule: '7.10',
    base: HELLO,
    change: (d) => (d.packages[0].checksums = [{ algorithm: 'SHA256', checksumValue: 'ungAVBbz4o+dzNBT2FiIlXFJ9ZLc=' }]),
    schema: { refuses: /checksumValue must match pattern/ },
    reader: { warns: /a package checksum that is not hexadecimal is not read/ },
    check: (result) => assert.deepEqual(subjectOf(result).digests, []),
  },
  { name: 'a purl reference spelt PACKAGE-MANAGER', rule: '7.21', base: HELLO, change: (d) => (d.packages[0].externalRefs = [PURL]), schema: 'valid', reader: 'reads', check: (result) => assert.equal(subjectOf(result).purl, 'pkg:pypi/hello@1.0.0') },
  {
    name: 'a purl reference spelt PACKAGE_MANAGER (SPDX 2.3 JSON producers)',
    rule: '7.21',
    base: HELLO,
    change: (d) => (d.packages[0].externalRefs = [{ ...PURL, referenceCategory: 'PACKAGE_MANAGER' }]),
    schema: 'valid',
    reader: 'reads',
    check: (result) => assert.equal(subjectOf(result).purl, 'pkg:pypi/hello@1.0.0'),
  },
  {
    name: 'a reference category SPDX does not name',
    rule: '7.21',
    base: HELLO,
    change: (d) => (d.packages[0].externalRefs = [{ ...PURL, referenceCategory: 'PACKAGE' }]),
    schema: { refuses: /referenceCategory must be equal to one of the allowed values: SECURITY, PACKAGE-MANAGER, PACKAGE_MANAGER, PERSISTENT-ID, PERSISTENT_ID, OTHER/ },
    reader: { refuses: /referenceCategory must be equal to one of the allowed values/, at: '"PACKAGE"' },
  },
  {
    name: 'a reference locator with a space',
    rule: '7.21',
    base: HELLO,
    change: (d) => (d.packages[0].externalRefs = [{ ...PURL, referenceLocator: 'hello 1.0.0' }]),
    schema: { refuses: /referenceLocator must match pattern/ },
    reader: { warns: /not a valid package URL, ignored/ },
    check: (result) => assert.equal(subjectOf(result).purl, undefined),
  },
  { name: 'package purpose OPERATING-SYSTEM as the spec spells it', rule: '7.24', base: HELLO, change: (d) => (d.packages[0].primaryPackagePurpose = 'OPERATING-SYSTEM'), schema: 'valid', reader: 'reads' },
  { name: 'package purpose OPERATING_SYSTEM as JSON producers spell it', rule: '7.24', base: HELLO, change: (d) => (d.packages[0].primaryPackagePurpose = 'OPERATING_SYSTEM'), schema: 'valid', reader: 'reads' },
  { name: 'a package purpose SPDX does not name', rule: '7.24', base: HELLO, change: (d) => (d.packages[0].primaryPackagePurpose = 'GIZMO'), schema: { refuses: /primaryPackagePurpose must be equal to one of the allowed values/ }, reader: { refuses: /primaryPackagePurpose/, at: '"GIZMO"' } },
  {
    name: 'a file without checksums',
    rule: '8.4',
    base: HELLO,
    change: (d) => delete d.files[0].checksums,
    schema: { refuses: /\/files\/0 must have required property 'checksums'/ },
    reader: { warns: /files do not follow the SPDX schema \(must have required property 'checksums'\); Chainsight does not read them/ },
  },
  { name: 'a file type SPDX does not name', rule: '8.3', base: HELLO, change: (d) => (d.files[0].fileTypes = ['GIZMO']), schema: { refuses: /\/files\/0\/fileTypes\/0 must be equal to one of the allowed values/ }, reader: { warns: /files do not follow the SPDX schema/ } },
  {
    name: 'an extracted licence without its text',
    rule: '10.2',
    base: HELLO,
    change: (d) => (d.hasExtractedLicensingInfos = [{ licenseId: 'LicenseRef-hello' }]),
    schema: { refuses: /\/hasExtractedLicensingInfos\/0 must have required property 'extractedText'/ },
    reader: { refuses: /must have required property 'extractedText'/, at: '"licenseId"' },
  },
  { name: 'a relationship type SPDX does not name', rule: '11.1', base: MAVEN, change: (d) => (d.relationships[0].relationshipType = 'USES'), schema: { refuses: /relationshipType must be equal to one of the allowed values: DESCRIBES/ }, reader: { refuses: /\/relationships\/0\/relationshipType/, at: '"USES"' } },
  { name: 'a relationship type in lower case', rule: '11.1', base: MAVEN, change: (d) => (d.relationships[0].relationshipType = 'test_dependency_of'), schema: { refuses: /relationshipType must be equal to one of the allowed values/ }, reader: { refuses: /relationshipType/, at: '"test_dependency_of"' } },
  { name: 'SPECIFICATION_FOR (added in 2.3)', rule: '11.1', base: MAVEN, change: (d) => d.relationships.push({ spdxElementId: 'SPDXRef-appsource', relationshipType: 'SPECIFICATION_FOR', relatedSpdxElement: 'SPDXRef-example' }), schema: 'valid', reader: 'reads' },
  { name: 'a relationship without its related element', rule: '11.1', base: MAVEN, change: (d) => delete d.relationships[0].relatedSpdxElement, schema: { refuses: /\/relationships\/0 must have required property 'relatedSpdxElement'/ }, reader: { refuses: /relatedSpdxElement/, at: '"spdxElementId": "SPDXRef-junit"' } },
  {
    name: 'relationships to NONE, NOASSERTION and another document',
    rule: '11.1',
    base: MAVEN,
    change: (d) =>
      d.relationships.push(
        { spdxElementId: 'SPDXRef-example', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'NONE' },
        { spdxElementId: 'SPDXRef-example', relationshipType: 'CONTAINS', relatedSpdxElement: 'NOASSERTION' },
        { spdxElementId: 'SPDXRef-example', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'DocumentRef-other:SPDXRef-lib' },
      ),
    schema: 'valid',
    reader: 'reads',
  },
  {
    name: 'an annotation type SPDX does not name',
    rule: '12.3',
    base: HELLO,
    change: (d) => (d.packages[0].annotations = [{ annotator: 'Person: Jane', annotationDate: '2024-01-01T00:00:00Z', annotationType: 'NOTE', comment: 'checked' }]),
    schema: { refuses: /annotationType must be equal to one of the allowed values: REVIEW, OTHER/ },
    reader: { refuses: /annotationType/, at: '"NOTE"' },
  },
  {
    name: 'a property SPDX does not define',
    rule: 'JSON',
    base: HELLO,
    change: (d) => (d.packages[0]['x-vendor'] = 1),
    schema: { warns: /a property the SPDX 2\.2\/2\.3 schema does not define \("x-vendor"\) is ignored/ },
    reader: { warns: /a property the SPDX 2\.2\/2\.3 schema does not define \("x-vendor"\) is ignored/ },
  },
];

describe("documents: Chainsight's SPDX 2.2/2.3 schema", () => {
  for (const { name, ...row } of ROWS) it(`${row.rule}: ${name}`, () => schemaRow('spdx-2.x', row));

  it('lists every relationship type the reader turns into a dependency edge', () => {
    const types = spdxSchema.$defs.relationship.properties.relationshipType.enum;
    assert.equal(types.length, 45, 'Table 68 of SPDX 2.3');
    for (const type of Object.keys(DEPENDENCY_RELATIONSHIPS)) assert.ok(types.includes(type), type);
  });

  it("says it is Chainsight's own, and which specification it was written from", () => {
    assert.match(spdxSchema.$comment, /^Chainsight's own schema for SPDX 2\.2 and 2\.3 documents in JSON, written for Chainsight from the SPDX 2\.3 specification/);
  });
});
