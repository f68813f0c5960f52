import { strict as assert } from 'node:assert';
import { DocumentReader, readDocument } from '../../../server/src/documents';
import { documentOf, errorsOf, fixtureBytes, readText, reader, sbomOf, vexOf } from './read-fixture';

/**
 * Bad and hostile input: each is refused with a positioned error and no partial document, or read
 * with its strings kept as data; nothing throws, nothing reaches Object.prototype.
 */

const bom = (extra: Record<string, unknown>, components: unknown[] = [{ type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' }]) =>
  JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components, ...extra }, null, 2);

const openvex = (statement: Record<string, unknown>) =>
  JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', '@id': 'https://example.com/vex-1', author: 'me', timestamp: '2024-01-01T00:00:00Z', version: 1, statements: [statement] }, null, 2);

describe('documents: bad and hostile input', () => {
  const refusals: Array<{ name: string; text: string | Uint8Array; error: RegExp }> = [
    { name: 'not JSON', text: '{\n  "bomFormat": "CycloneDX",\n  oops\n}', error: /^could not parse doc at 3:3: / },
    { name: 'empty', text: '', error: /^could not parse doc at 1:1/ },
    { name: 'a JSON array', text: '[1, 2]', error: /^could not parse doc at 1:1: the top level is not a JSON object/ },
    { name: 'an unknown JSON format', text: '{"name": "package.json?"}', error: /not a supply-chain document Chainsight reads \(CycloneDX, SPDX, OpenVEX, CSAF/ },
    { name: 'not UTF-8', text: Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]), error: /not UTF-8 text/ },
    { name: 'XML that is not CycloneDX', text: '<?xml version="1.0"?>\n<project><modelVersion>4.0.0</modelVersion></project>', error: /an XML document, not a supply-chain document Chainsight reads/ },
    { name: 'a CycloneDX version that has no JSON', text: '{"bomFormat": "CycloneDX", "specVersion": "1.1"}', error: /CycloneDX "1\.1" is not a JSON version of CycloneDX/ },
    { name: 'an SPDX 3 or unknown SPDX version', text: '{"spdxVersion": "SPDX-3.0"}', error: /"SPDX-3\.0" is not an SPDX version Chainsight reads/ },
    { name: 'a CSAF version that is not 2.0', text: '{"document": {"csaf_version": "1.2"}}', error: /CSAF "1\.2" is not a version Chainsight reads/ },
    { name: 'a DSSE envelope of something else', text: '{"payloadType": "text/plain", "payload": "aGk=", "signatures": []}', error: /carries "text\/plain", not an in-toto statement/ },
    { name: 'an in-toto statement without subjects', text: '{"_type": "https://in-toto.io/Statement/v1", "predicateType": "x", "subject": []}', error: /names no subject/ },
  ];
  for (const row of refusals) {
    it(`refuses ${row.name}, with a positioned error`, () => {
      const result = reader.read('doc', row.text);
      assert.equal(result.ok, false);
      assert.match(errorsOf(result)[0]!, row.error);
      assert.ok(!('document' in result), 'no partial document');
    });
  }

  it('a schema violation is refused at its line and column', () => {
    const text = bom({}, [{ type: 'library', name: 'a' }, { type: 'gizmo', name: 'b' }]);
    const [error] = errorsOf(readText('bad.cdx.json', text));
    const line = text.split('\n').findIndex((l) => l.includes('"gizmo"')) + 1;
    assert.match(error!, new RegExp(`^could not parse bad\\.cdx\\.json at ${line}:\\d+: /components/1/type must be equal to one of the allowed values: application, .*\\(CycloneDX 1\\.6 schema\\)$`));
  });

  it('a missing required property is refused at the object that lacks it', () => {
    const text = openvex({ vulnerability: { name: 'CVE-1' }, products: [{ '@id': 'pkg:npm/a@1' }] });
    const errors = errorsOf(readText('x.openvex.json', text));
    assert.ok(errors.some((e) => /^could not parse x\.openvex\.json at 9:\d+: \/statements\/0 must have required property 'status'/.test(e)), errors.join('\n'));
  });

  it('refuses an input over the size limit before parsing it', () => {
    const bytes = fixtureBytes('openvex/trivy.openvex.json');
    assert.match(errorsOf(reader.read('big.json', bytes, { maxBytes: 1024 }))[0]!, /is \d+ bytes, more than the 1024-byte limit/);
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    const depth = 100_000;
    const text = `{"bomFormat": "CycloneDX", "specVersion": "1.6", "x": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
    assert.match(errorsOf(readText('deep.json', text))[0]!, /^could not parse deep\.json at 1:\d+: nested more than 200 levels deep$/);
  });

  it('reads components nested as deep as real BOMs go', () => {
    let component: Record<string, unknown> = { type: 'library', name: 'leaf', purl: 'pkg:npm/leaf@1.0.0' };
    for (let i = 0; i < 40; i++) component = { type: 'library', name: `level-${i}`, components: [component] };
    const sbom = sbomOf(readText('nested.cdx.json', bom({}, [component])));
    assert.equal(sbom.packages.length, 41);
    assert.equal(sbom.packages[40]?.purl, 'pkg:npm/leaf@1.0.0', 'depth first, in document order');
  });

  it('keeps injection strings as data, byte for byte', () => {
    const hostile = '<script>alert(1)</script> $(rm -rf /) `id` \u001b[31mred\u001b[0m [x](javascript:alert(1)) \' OR 1=1 --';
    const sbom = sbomOf(readText('i.cdx.json', bom({ metadata: { component: { type: 'application', name: hostile, version: hostile } } }, [{ type: 'library', name: hostile, 'bom-ref': hostile, licenses: [{ license: { name: hostile } }] }])));
    assert.equal(sbom.subject?.name, hostile);
    assert.equal(sbom.packages[0]?.ref, hostile);
    assert.equal(sbom.packages[0]?.license, hostile);
    const vex = vexOf(readText('i.openvex.json', openvex({ vulnerability: { name: hostile }, products: [{ '@id': hostile }], status: 'not_affected', impact_statement: hostile })));
    assert.deepEqual([vex.statements[0]?.vulnerability.id, vex.statements[0]?.impactStatement, vex.statements[0]?.products[0]?.id], [hostile, hostile, hostile]);
  });

  it('an invalid purl is a warning at its place; the package keeps no purl', () => {
    const text = bom({}, [{ type: 'library', name: 'bad', version: '1', purl: 'pkg:/nope' }]);
    const result = readText('p.cdx.json', text);
    const sbom = sbomOf(result);
    assert.equal(sbom.packages[0]?.purl, undefined);
    assert.ok(result.ok);
    const line = text.split('\n').findIndex((l) => l.includes('pkg:/nope')) + 1;
    assert.match(result.warnings[0]!.message, new RegExp(`^p\\.cdx\\.json at ${line}:\\d+: not a valid package URL, ignored`));
    assert.equal(result.warnings[0]!.severity, 'warning');
  });

  it('thousands of bad purls cost one located warning each for the first few, then a count', () => {
    const components = Array.from({ length: 2000 }, (_, i) => ({ type: 'library', name: `p${i}`, purl: 'pkg:/nope' }));
    const result = readText('many.cdx.json', bom({}, components));
    assert.ok(result.ok);
    assert.equal(result.warnings.length, 21);
    assert.match(result.warnings[20]!.message, /1980 more warning\(s\) like these/);
  });

  it('__proto__ keys stay data and pollute nothing', () => {
    const text = `{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
      "components": [{"type": "library", "name": "x", "__proto__": {"polluted": "yes"}}],
      "vulnerabilities": [{"id": "CVE-1", "analysis": {"state": "__proto__"}, "affects": [{"ref": "x"}]}]}`;
    const result = readText('proto.cdx.json', text);
    assert.equal(result.ok, false, 'the schema refuses both the extra key and the state');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    const csaf = JSON.parse(fixtureBytes('csaf/secvisogram-sec-vex-2022-0001.json').toString('utf8')) as { vulnerabilities: Array<{ product_status: Record<string, unknown> }> };
    csaf.vulnerabilities[0]!.product_status = JSON.parse('{"__proto__": ["CSAFPID-0001"], "constructor": ["CSAFPID-0001"]}') as Record<string, unknown>;
    const again = vexOf(readText('proto.csaf.json', JSON.stringify(csaf)));
    assert.equal(again.statements.filter((s) => s.vulnerability.id === 'CVE-2021-44228').length, 0, 'no status is read from __proto__ or constructor');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'CSAFPID-0001'), false);
  });

  it('a reader never throws: a value of the wrong type deep inside is an error, not a crash', () => {
    for (const text of [bom({ dependencies: [{ ref: 5, dependsOn: 'x' }] }), openvex({ vulnerability: 'CVE-1', status: 7 }), '{"document": {"csaf_version": "2.0", "tracking": null}}']) {
      const result = readText('odd.json', text);
      assert.equal(result.ok, false, text.slice(0, 80));
    }
  });

  it('properties a schema does not define are read past, with one warning per property name', () => {
    const components = Array.from({ length: 3000 }, (_, i) => ({ type: 'library', name: `p${i}`, 'x-vendor-field': i, purl: `pkg:npm/p${i}@1.0.0` }));
    const result = readText('extra.cdx.json', bom({}, components));
    assert.equal(sbomOf(result).packages.length, 3000);
    assert.ok(result.ok);
    assert.deepEqual(result.warnings.map((w) => w.message.replace(/ at \d+:\d+/, '')), ['extra.cdx.json: a property the CycloneDX 1.6 schema does not define ("x-vendor-field") is ignored']);
  });

  it('a value not in its declared format is kept as written, with a warning', () => {
    const result = readText('fmt.cdx.json', bom({ metadata: { timestamp: '2024-01-01 10:00' } }));
    assert.equal(sbomOf(result).origin.issuedAt, '2024-01-01 10:00');
    assert.ok(result.ok && /timestamp is not a valid date-time; kept as written/.test(result.warnings[0]!.message));
  });

  it('an OpenVEX 0.2.0 statement with plain-string vulnerability and products is read as the older shape is', () => {
    const vex = vexOf(readText('s.openvex.json', openvex({ vulnerability: 'CVE-2024-1', products: ['pkg:npm/a@1.0.0'], status: 'fixed' })));
    assert.deepEqual([vex.statements[0]?.vulnerability.id, vex.statements[0]?.products[0]?.purl], ['CVE-2024-1', 'pkg:npm/a@1.0.0']);
  });

  it('a byte-order mark is skipped and positions stay right', () => {
    const text = `\ufeff${bom({}, [{ type: 'library', name: 'a', purl: 'pkg:/bad' }])}`;
    const result = readText('bom.cdx.json', text);
    assert.ok(result.ok);
    assert.match(result.warnings[0]!.message, /^bom\.cdx\.json at \d+:\d+: not a valid package URL/);
  });

  it('a CycloneDX BOM without bomFormat but with its $schema is read, with a warning', () => {
    const text = JSON.stringify({ $schema: 'http://cyclonedx.org/schema/bom-1.5.schema.json', specVersion: '1.5', version: 1, components: [{ type: 'library', name: 'a' }] });
    const result = readText('noformat.json', text);
    assert.equal(sbomOf(result).packages.length, 1);
    assert.ok(result.ok && result.warnings.some((w) => /bomFormat is missing/.test(w.message)));
  });

  it('a newer CycloneDX version is read as the newest known one, with a warning', () => {
    const result = readText('next.cdx.json', JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.8', components: [{ type: 'library', name: 'a', purl: 'pkg:npm/a@1' }] }));
    assert.equal(sbomOf(result).packages[0]?.purl, 'pkg:npm/a@1');
    assert.ok(result.ok && /newer than the schemas Chainsight knows/.test(result.warnings[0]!.message));
  });

  it('readDocument without a reader works (and compiles its own schemas)', () => {
    assert.equal(documentOf(readDocument('x.openvex.json', openvex({ vulnerability: { name: 'CVE-1' }, status: 'fixed' }))).kind, 'vex');
    const fresh = new DocumentReader();
    assert.deepEqual(fresh.compiledSchemas(), []);
  });
});
