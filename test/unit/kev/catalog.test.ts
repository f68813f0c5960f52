import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { KevCatalogReader, knownExploited } from '../../../server/src/kev/catalog';
import KEV_SCHEMA from '../../../server/src/kev/kev-schema.json';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'kev');
const CATALOG = readFileSync(path.join(FIXTURES, 'known_exploited_vulnerabilities.json'), 'utf8');

describe('CISA KEV catalog', () => {
  const reader = new KevCatalogReader();
  const parsed = reader.parse(CATALOG);
  if (!parsed.ok) throw new Error(parsed.error);
  const catalog = parsed.catalog;

  it('reads the real catalog whole', () => {
    assert.deepEqual({ version: catalog.catalogVersion, released: catalog.dateReleased, count: catalog.count, entries: catalog.entries.size }, { version: '2025.08.25', released: '2025-08-25T17:04:19.9796Z', count: 1404, entries: 1404 });
  });

  const LOOKUPS: Array<{ name: string; ids: string[]; want?: { cveID: string; dateAdded: string; dueDate: string; knownRansomwareCampaignUse: string } }> = [
    { name: 'Log4Shell by its GHSA and CVE aliases', ids: ['GHSA-jfh8-c2jp-5v3q', 'CVE-2021-44228'], want: { cveID: 'CVE-2021-44228', dateAdded: '2021-12-10', dueDate: '2021-12-24', knownRansomwareCampaignUse: 'Known' } },
    { name: 'jQuery, a CVE written in lower case', ids: ['cve-2020-11023'], want: { cveID: 'CVE-2020-11023', dateAdded: '2025-01-23', dueDate: '2025-02-13', knownRansomwareCampaignUse: 'Unknown' } },
    { name: 'the newest entry of this catalog', ids: ['CVE-2025-48384'], want: { cveID: 'CVE-2025-48384', dateAdded: '2025-08-25', dueDate: '2025-09-15', knownRansomwareCampaignUse: 'Unknown' } },
    { name: 'a CVE that is not known exploited', ids: ['GHSA-jf85-cpcp-j695', 'CVE-2019-10744'] },
    { name: 'no CVE among the ids', ids: ['GHSA-9wcg-jrwf-8gg7', 'MAL-2025-46974'] },
  ];
  for (const row of LOOKUPS) {
    it(row.name, () => {
      const entry = knownExploited(catalog, row.ids);
      assert.deepEqual(entry && { cveID: entry.cveID, dateAdded: entry.dateAdded, dueDate: entry.dueDate, knownRansomwareCampaignUse: entry.knownRansomwareCampaignUse }, row.want);
    });
  }

  const REFUSED: Array<{ name: string; text: string; error: RegExp }> = [
    { name: 'not JSON', text: CATALOG.slice(0, 3000), error: /^could not parse the KEV catalog at \d+:\d+: / },
    { name: 'a CVE id of the wrong form', text: CATALOG.replace('"cveID": "CVE-2025-48384"', '"cveID": "CVE-25-48384"'), error: /^the KEV catalog does not match CISA's schema at 8:22: \/vulnerabilities\/0\/cveID must match pattern/ },
    { name: 'a date that is not a date', text: CATALOG.replace('"dateAdded": "2025-08-25"', '"dateAdded": "25 August"'), error: /at 12:26: \/vulnerabilities\/0\/dateAdded must match format "date"/ },
    { name: 'an entry without its required action', text: CATALOG.replace(/"requiredAction": "Apply mitigations per vendor instructions, follow applicable BOD 22-01 guidance for cloud services, or discontinue use of the product if mitigations are unavailable\.",\s*"dueDate": "2025-09-15"/, '"dueDate": "2025-09-15"'), error: /\/vulnerabilities\/0 must have required property 'requiredAction'/ },
    { name: 'another document altogether', text: readFileSync(path.join(FIXTURES, 'known_exploited_vulnerabilities_schema.json'), 'utf8'), error: /\(the document\) must have required property 'catalogVersion'/ },
  ];
  for (const row of REFUSED) {
    it(`refuses ${row.name}`, () => {
      assert.notEqual(row.text, CATALOG);
      const result = new KevCatalogReader().parse(row.text);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.error, row.error);
    });
  }

  it('the schema shipped with the engine is CISA\'s, and compiles with every check on', () => {
    assert.deepEqual(KEV_SCHEMA, JSON.parse(readFileSync(path.join(FIXTURES, 'known_exploited_vulnerabilities_schema.json'), 'utf8')));
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    assert.equal(ajv.compile(KEV_SCHEMA)(JSON.parse(CATALOG)), true);
  });
});
