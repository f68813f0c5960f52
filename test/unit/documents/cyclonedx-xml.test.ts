import { strict as assert } from 'node:assert';
import { errorsOf, readFixture, readText, sbomOf, vexOf } from './read-fixture';

/** CycloneDX XML: converted to the JSON shape, validated by the version's JSON schema, read alike. */

describe('documents: CycloneDX XML', () => {
  it('reads a hand-written 1.4 BOM: subject, nested components, hashes, licences, edges, VEX', () => {
    const result = readFixture('own/app.cdx-1.4.xml');
    const sbom = sbomOf(result);
    assert.deepEqual([sbom.origin.format, sbom.origin.specVersion, sbom.origin.id, sbom.origin.issuedAt, sbom.origin.author], [
      'cyclonedx',
      '1.4',
      'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      '2024-05-01T12:00:00Z',
      'hand 1',
    ]);
    assert.equal(sbom.subject?.purl, 'pkg:maven/com.example/app@2.0.0');
    const jackson = sbom.packages[0]!;
    assert.deepEqual(jackson, {
      ref: 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.8.0',
      name: 'com.fasterxml.jackson.core:jackson-databind',
      version: '2.8.0',
      purl: 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.8.0',
      digests: [{ algorithm: 'sha256', value: 'f1d4f3c6b3a1b2e7b8f9d1e0c2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5' }],
      license: 'Apache-2.0',
      sourceUrl: 'https://github.com/FasterXML/jackson-databind',
    });
    assert.equal(sbom.packages[1]?.purl, 'pkg:maven/org.ow2.asm/asm@5.0.4', 'nested component');
    assert.equal(sbom.packages[2]?.purl, undefined, 'an invalid purl is dropped');
    assert.ok(result.ok && result.warnings.some((w) => /^own\/app\.cdx-1\.4\.xml at 40:7: not a valid package URL/.test(w.message)), 'the warning points at the XML element');
    assert.deepEqual(sbom.dependencies, [{ from: 'app', to: 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.8.0' }]);
    const [statement] = sbom.vex;
    assert.deepEqual(
      [statement?.vulnerability, statement?.status, statement?.justification, statement?.actionStatement, statement?.products[0]?.purl],
      [{ id: 'CVE-2018-7489', aliases: ['GHSA-cggj-fvv3-cqwv'] }, 'not_affected', 'component_not_present', 'response: will_not_fix', 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.8.0'],
    );
    assert.deepEqual(statement?.range?.start, { line: 48, character: 4 }, 'the <vulnerability> element (0-based line 48)');
  });

  it('reads the GUAC CycloneDX 1.5 XML VEX', () => {
    const vex = vexOf(readFixture('cyclonedx-vex/guac-cyclonedx-vex.cdx-1.5.xml'));
    const [statement] = vex.statements;
    assert.deepEqual([statement?.vulnerability.id, statement?.status, statement?.sourceJustification, statement?.justification], [
      'CVE-2018-7489',
      'not_affected',
      'code_not_reachable',
      'vulnerable_code_not_in_execute_path',
    ]);
    assert.deepEqual(statement?.products, [{ id: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#jackson-databind-2.8.0', subcomponents: [] }]);
    assert.match(statement?.actionStatement ?? '', /^Upgrade com\.fasterxml\.jackson\.core:jackson-databind to version 2\.6\.7\.5, 2\.8\.11\.1, 2\.9\.5 or higher\.\nresponse: will_not_fix, update$/);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['malformed XML', '<bom xmlns="http://cyclonedx.org/schema/bom/1.5">\n  <components>\n</bom>', /^could not parse x\.xml at 3:\d+: /],
    ['an entity bomb', '<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components><component type="library"><name>&b;</name></component></components></bom>', /^could not parse x\.xml at 3:\d+: /],
    ['an unknown analysis state, at its element', '<bom xmlns="http://cyclonedx.org/schema/bom/1.5">\n<vulnerabilities>\n<vulnerability>\n<id>CVE-1</id>\n<analysis>\n<state>maybe</state>\n</analysis>\n</vulnerability>\n</vulnerabilities>\n</bom>', /^could not parse x\.xml at 6:1: \/vulnerabilities\/0\/analysis\/state must be equal to one of the allowed values/],
    ['a component without a name', '<bom xmlns="http://cyclonedx.org/schema/bom/1.6">\n<components>\n  <component type="library"><version>1</version></component>\n</components>\n</bom>', /^could not parse x\.xml at 3:3: \/components\/0 must have required property 'name'/],
    ['a root that is not a CycloneDX bom', '<bom xmlns="http://cyclonedx.org/schema/bom/one">\n</bom>', /not a CycloneDX BOM/],
  ];
  for (const [name, text, error] of bad) {
    it(`refuses ${name}`, () => assert.match(errorsOf(readText('x.xml', text))[0]!, error));
  }
});
