/**
 * The JSON schemas documents are validated against, in `schemas/` (sources in docs/documents.md):
 * the ones CycloneDX and CSAF publish, copied from npm packages, and Chainsight's own for SPDX 2.x
 * and OpenVEX 0.2, written from those specifications (no npm package ships theirs). Each is
 * loaded by `require` only when its format is first validated, so a process that never reads an
 * SPDX document never parses the SPDX schema; esbuild bundles each file as a lazily evaluated
 * module.
 */

export type SchemaId =
  | 'cyclonedx-1.2'
  | 'cyclonedx-1.3'
  | 'cyclonedx-1.4'
  | 'cyclonedx-1.5'
  | 'cyclonedx-1.6'
  | 'cyclonedx-1.7'
  | 'openvex-0.2'
  | 'csaf-2.0'
  | 'spdx-2.x';

export interface SchemaEntry {
  /** For messages: `CycloneDX 1.6`. */
  title: string;
  /** Which JSON Schema dialect it is written in (one ajv instance per dialect). */
  dialect: 'draft-07' | '2020-12';
  load: () => object;
  /** Schemas it refers to, under the URI its `$ref`s resolve to. */
  refs: Array<{ uri: string; load: () => object }>;
}

const CYCLONEDX_REFS: SchemaEntry['refs'] = [
  { uri: 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json', load: () => require('./schemas/spdx.SNAPSHOT.schema.json') },
  { uri: 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json', load: () => require('./schemas/jsf-0.82.SNAPSHOT.schema.json') },
];

export const SCHEMAS: Readonly<Record<SchemaId, SchemaEntry>> = {
  'cyclonedx-1.2': { title: 'CycloneDX 1.2', dialect: 'draft-07', load: () => require('./schemas/bom-1.2.SNAPSHOT.schema.json'), refs: CYCLONEDX_REFS },
  'cyclonedx-1.3': { title: 'CycloneDX 1.3', dialect: 'draft-07', load: () => require('./schemas/bom-1.3.SNAPSHOT.schema.json'), refs: CYCLONEDX_REFS },
  'cyclonedx-1.4': { title: 'CycloneDX 1.4', dialect: 'draft-07', load: () => require('./schemas/bom-1.4.SNAPSHOT.schema.json'), refs: CYCLONEDX_REFS },
  'cyclonedx-1.5': { title: 'CycloneDX 1.5', dialect: 'draft-07', load: () => require('./schemas/bom-1.5.SNAPSHOT.schema.json'), refs: CYCLONEDX_REFS },
  'cyclonedx-1.6': { title: 'CycloneDX 1.6', dialect: 'draft-07', load: () => require('./schemas/bom-1.6.SNAPSHOT.schema.json'), refs: CYCLONEDX_REFS },
  'cyclonedx-1.7': {
    title: 'CycloneDX 1.7',
    dialect: 'draft-07',
    load: () => require('./schemas/bom-1.7.SNAPSHOT.schema.json'),
    refs: [
      ...CYCLONEDX_REFS,
      { uri: 'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json', load: () => require('./schemas/cryptography-defs.SNAPSHOT.schema.json') },
    ],
  },
  'csaf-2.0': {
    title: 'CSAF 2.0',
    dialect: '2020-12',
    load: () => require('./schemas/csaf-2.0.schema.json'),
    refs: [
      { uri: 'https://www.first.org/cvss/cvss-v2.0.json', load: () => require('./schemas/cvss-v2.0.json') },
      { uri: 'https://www.first.org/cvss/cvss-v3.0.json', load: () => require('./schemas/cvss-v3.0.json') },
      { uri: 'https://www.first.org/cvss/cvss-v3.1.json', load: () => require('./schemas/cvss-v3.1.json') },
    ],
  },
  'spdx-2.x': { title: 'SPDX 2.2/2.3', dialect: '2020-12', load: () => require('./schemas/spdx-2.x.chainsight.schema.json'), refs: [] },
  'openvex-0.2': { title: 'OpenVEX 0.2.0', dialect: '2020-12', load: () => require('./schemas/openvex-0.2.chainsight.schema.json'), refs: [] },
};
