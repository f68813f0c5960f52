import { strict as assert } from 'node:assert';
import { DOCUMENT_FORMATS, DocumentReader } from '../../../server/src/documents';
import type { DocumentFormat } from '../../../server/src/documents/types';
import { documentOf, fixtureBytes } from './read-fixture';

/** The format registry: one entry per format, detection by content, schemas compiled lazily and once. */

const ALL_FORMATS: Record<DocumentFormat, true> = { cyclonedx: true, spdx: true, openvex: true, csaf: true, 'in-toto': true, 'sigstore-bundle': true };

describe('documents: the format registry', () => {
  it('lists every format exactly once', () => {
    assert.deepEqual(DOCUMENT_FORMATS.map((f) => f.id).sort(), Object.keys(ALL_FORMATS).sort());
  });

  it('detects the format from the content, whatever the file is called', () => {
    const rows: Array<[string, DocumentFormat]> = [
      ['cyclonedx/trivy-test-image.cdx-1.6.json', 'cyclonedx'],
      ['spdx/hello-python-source.spdx-2.3.json', 'spdx'],
      ['openvex/vexctl-demo.openvex.json', 'openvex'],
      ['csaf/secvisogram-sec-vex-2022-0001.json', 'csaf'],
      ['attestations/oci-dsse-att.json', 'in-toto'],
      ['attestations/gha_maven-v2.1.0.build.slsa', 'sigstore-bundle'],
    ];
    const reader = new DocumentReader();
    for (const [file, format] of rows) {
      // Every file is handed over under a misleading name.
      assert.equal(documentOf(reader.read('misleading.spdx.json', fixtureBytes(file))).origin.format, format, file);
    }
  });

  it('compiles each schema the first time its format is read, and only once', () => {
    const reader = new DocumentReader();
    assert.deepEqual(reader.compiledSchemas(), []);
    reader.read('a', fixtureBytes('openvex/vexctl-demo.openvex.json'));
    reader.read('b', fixtureBytes('openvex/trivy.openvex.json'));
    assert.deepEqual(reader.compiledSchemas(), ['openvex-0.2']);
    reader.read('c', fixtureBytes('cyclonedx/trivy-test-image.cdx-1.6.json'));
    reader.read('d', fixtureBytes('attestations/oci-dsse-att.json'));
    assert.deepEqual(reader.compiledSchemas(), ['openvex-0.2', 'cyclonedx-1.6'], 'attestations have no published JSON schema');
  });
});
