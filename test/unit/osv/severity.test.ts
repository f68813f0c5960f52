import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { SEVERITIES, type SeverityAssessment } from '../../../server/src/core/severity';
import type { CvssRating } from '../../../server/src/osv/cvss';
import { assessSeverity, severityFromCvssRating } from '../../../server/src/osv/severity';
import type { OsvAffected, OsvRecord } from '../../../server/src/osv/types';

const DIR = join(__dirname, '../../fixtures/osv-severity');
const record = (fixture: string) => JSON.parse(readFileSync(join(DIR, fixture), 'utf8')) as OsvRecord;

const cvss = (severity: SeverityAssessment['severity'], score: number, cvssVersion: string, vector: string): SeverityAssessment => ({
  severity,
  score,
  vector,
  cvssVersion,
  from: 'cvss',
});
const database = (severity: SeverityAssessment['severity']): SeverityAssessment => ({ severity, from: 'database_specific' });
const MALICIOUS: SeverityAssessment = { severity: 'critical', from: 'malicious' };

/** `affected`: index of the affected entry passed along; absent means the record alone. */
const ROWS: { name: string; fixture: string; affected?: number; want: SeverityAssessment }[] = [
  // Malicious packages: critical whatever else the record says.
  { name: 'MAL- id (npm debug compromise)', fixture: 'MAL-2025-46974.json', affected: 0, want: MALICIOUS },
  { name: 'MAL- id, synthetic PyPI record without ranges', fixture: 'MAL-2024-10238.json', want: MALICIOUS },
  { name: 'RustSec record aliasing a MAL- id, empty severity list', fixture: 'RUSTSEC-2022-0042.json', affected: 0, want: MALICIOUS },

  // CVSS: newest version wins, the base score is what is rated.
  {
    name: 'v3.1 and v4.0: v4.0 wins even though it rates lower (GitHub: MODERATE)',
    fixture: 'GHSA-m6fv-jmcg-4jfg.json',
    affected: 0,
    want: cvss('low', 2.3, '4.0', 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:L'),
  },
  { name: 'v3.1 and v4.0, both high', fixture: 'GHSA-qwcr-r2fm-qrc7.json', want: cvss('high', 8.7, '4.0', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N') },
  {
    name: 'v4.0 only with E:U: rated on CVSS-B 6.3, not CVSS-BT 1.7',
    fixture: 'RUSTSEC-2026-0066.json',
    want: cvss('moderate', 6.3, '4.0', 'CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N/E:U'),
  },
  { name: 'v4.0 only, low', fixture: 'RUSTSEC-2026-0223.json', want: cvss('low', 2, '4.0', 'CVSS:4.0/AV:N/AC:H/AT:P/PR:H/UI:P/VC:N/VI:L/VA:L/SC:N/SI:N/SA:N') },
  {
    name: 'v3.1 Scope:Changed: base 9.9, not the literal environmental 10.0',
    fixture: 'RUSTSEC-2023-0090.json',
    want: cvss('critical', 9.9, '3.1', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H'),
  },
  { name: 'v3.1 PyPI record, no database_specific', fixture: 'PYSEC-2023-128.json', want: cvss('low', 2.8, '3.1', 'CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:N/I:L/A:N') },
  { name: 'v3.1 Go record', fixture: 'GHSA-c3h9-896r-86jm.json', want: cvss('high', 8.6, '3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:H') },
  { name: 'v3.0 vector', fixture: 'GHSA-3fx5-fwvr-xrjg.json', want: cvss('high', 7.5, '3.0', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H') },
  {
    name: 'CVSS wins over database_specific when they disagree (7.8 vs MODERATE)',
    fixture: 'GHSA-99qr-9cc9-fv2x.json',
    want: cvss('high', 7.8, '3.0', 'CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H'),
  },
  {
    name: 'malformed record (affected entry without a package) still rated',
    fixture: 'CVE-2023-41045.json',
    affected: 0,
    want: cvss('moderate', 5.3, '3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N'),
  },
  {
    name: 'malformed record (version 4.36.-1) still rated',
    fixture: 'GHSA-9v2f-6vcg-3hgv.json',
    want: cvss('critical', 9.8, '3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
  },
  { name: 'v2 only, NVD parentheses', fixture: 'derived-cvss-v2-only.json', want: cvss('high', 7.5, '2.0', 'AV:N/AC:L/Au:N/C:P/I:P/A:P') },
  {
    name: 'v2, v3.0 and v3.1: v3.1 wins though it rates lowest',
    fixture: 'derived-cvss-v2-3.0-3.1.json',
    want: cvss('low', 2.8, '3.1', 'CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:N/I:L/A:N'),
  },
  {
    name: 'package-level vector wins for its package',
    fixture: 'derived-affected-severity.json',
    affected: 1,
    want: cvss('critical', 9.8, '3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'),
  },
  {
    name: 'another package of the same record keeps the record-level vector',
    fixture: 'derived-affected-severity.json',
    affected: 0,
    want: cvss('moderate', 5.3, '3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L'),
  },

  // database_specific.severity when no vector parses.
  { name: 'only vector unparseable: falls through to database_specific', fixture: 'derived-unparseable-vector.json', want: database('moderate') },
  { name: 'database_specific HIGH', fixture: 'GHSA-5rqg-jm4f-cqx7.json', want: database('high') },
  { name: 'database_specific MODERATE', fixture: 'GHSA-952p-6rrq-rcjv.json', affected: 0, want: database('moderate') },
  { name: 'database_specific LOW', fixture: 'GHSA-pxg6-pf52-xh8x.json', want: database('low') },
  { name: 'database_specific CRITICAL (GitHub malware advisory without a MAL- alias)', fixture: 'GHSA-pjwm-rvh2-c87w.json', want: database('critical') },
  { name: 'database_specific "Medium" spelling, any case', fixture: 'derived-database-severity-medium.json', want: database('moderate') },
  { name: 'package-level database_specific wins for its package', fixture: 'derived-affected-database-specific.json', affected: 0, want: database('high') },
  { name: 'record-level database_specific without a package', fixture: 'derived-affected-database-specific.json', want: database('moderate') },

  // Nothing given.
  { name: 'Go vulndb record: no severity at all', fixture: 'GO-2024-3228.json', want: { severity: 'unknown', from: 'none' } },
];

describe('assessSeverity', () => {
  for (const { name, fixture, affected, want } of ROWS) {
    it(`${name} (${fixture})`, () => {
      const rec = record(fixture);
      assert.deepEqual(assessSeverity(rec, affected === undefined ? undefined : rec.affected![affected]), want);
    });
  }

  it('every fixture is used by a row', () => {
    const used = new Set(ROWS.map((r) => r.fixture));
    assert.deepEqual(readdirSync(DIR).filter((f) => f.endsWith('.json') && !used.has(f)), []);
  });

  it('never throws on records of any shape, and always answers a known severity', () => {
    const junk = fc.oneof(fc.anything(), fc.constantFrom(null, 'x', 7, [], [null], [{ score: 5 }], [{ type: 'CVSS_V3' }]));
    const shaped = fc.record(
      {
        id: fc.oneof(fc.string(), fc.constantFrom('MAL-1', 'GHSA-x'), junk),
        aliases: fc.oneof(fc.array(fc.oneof(fc.string(), junk)), junk),
        severity: fc.oneof(fc.array(fc.record({ type: fc.oneof(fc.string(), junk), score: fc.oneof(fc.string(), fc.constantFrom('CVSS:3.1/AV:N', 'AV:N/AC:L/Au:N/C:P/I:P/A:P'), junk) })), junk),
        database_specific: fc.oneof(fc.record({ severity: fc.oneof(fc.constantFrom('HIGH', 'moderate', ' Low ', 'UNKNOWN', ''), junk) }), junk),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(shaped, junk), fc.oneof(shaped, junk, fc.constant(undefined)), (rec, aff) => {
        const got = assessSeverity(rec as OsvRecord, aff as OsvAffected | undefined);
        return SEVERITIES.includes(got.severity) && ['cvss', 'database_specific', 'malicious', 'none'].includes(got.from);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('severityFromCvssRating', () => {
  const TABLE: [CvssRating, string][] = [
    ['critical', 'critical'],
    ['high', 'high'],
    ['medium', 'moderate'],
    ['low', 'low'],
    ['none', 'low'],
  ];
  for (const [rating, want] of TABLE) it(`${rating} → ${want}`, () => assert.equal(severityFromCvssRating(rating), want));
  it('an unexpected value → unknown', () => assert.equal(severityFromCvssRating('toString' as CvssRating), 'unknown'));
});
