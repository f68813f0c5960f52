import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { KevCatalogReader, knownExploited } from '../../../server/src/kev/catalog';
import { packageFacts, vulnerabilityFacts, type PackageExtras, type PackageIdentity } from '../../../server/src/policy/facts';
import { FACT_VARIABLES, PACKAGE_FACTS, VULNERABILITY_FACTS } from '../../../server/src/policy/fact-schema';
import { scanGoof } from '../../support/goof-scan';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');
/** A real packument: has-package-exports, with the publish time of each version. */
const PACKUMENT = JSON.parse(readFileSync(path.join(FIXTURES, 'sigstore', 'npm-packuments', 'has-package-exports.json'), 'utf8')) as { time: Record<string, string> };

const PKG: PackageIdentity = { ecosystem: 'npm', name: 'has-package-exports', version: '1.2.0', purl: 'pkg:npm/has-package-exports@1.2.0', direct: true, groups: [], project: 'app', vulnerable: false };

describe('policy facts', () => {
  const ROWS: Array<{ name: string; pkg?: Partial<PackageIdentity>; extras: PackageExtras; now?: string; want: Record<string, unknown> }> = [
    { name: 'release age in whole days from the registry publish time (1.2.0: 2020-10-06T07:02Z)', extras: { publishedAt: PACKUMENT.time['1.2.0'] }, now: '2020-10-20T07:02:22Z', want: { releaseAgeDays: 13 } },
    { name: '… one second later, 14', extras: { publishedAt: PACKUMENT.time['1.2.0'] }, now: '2020-10-20T07:02:24Z', want: { releaseAgeDays: 14 } },
    { name: 'a publish time ahead of the clock is age 0', extras: { publishedAt: PACKUMENT.time['1.2.0'] }, now: '2020-10-06T07:00:00Z', want: { releaseAgeDays: 0 } },
    { name: 'no publish time: no age', extras: {}, want: { releaseAgeDays: undefined } },
    { name: 'install scripts that the previous version did not have', extras: { installScripts: true, previousInstallScripts: false }, want: { installScripts: true, previousInstallScripts: false, newInstallScripts: true } },
    { name: 'install scripts it already had', extras: { installScripts: true, previousInstallScripts: true }, want: { newInstallScripts: false } },
    { name: 'no previous version known: no "new" verdict', extras: { installScripts: true }, want: { installScripts: true, newInstallScripts: undefined } },
    { name: 'deprecated with a message', extras: { deprecated: 'use has-exports instead' }, want: { deprecated: true, deprecation: 'use has-exports instead' } },
    { name: 'not deprecated', extras: { deprecated: false }, want: { deprecated: false, deprecation: undefined } },
    { name: 'dev group', pkg: { groups: ['dev'] }, extras: {}, want: { group: 'dev', groups: ['dev'] } },
    { name: 'dev and optional is dev', pkg: { groups: ['dev', 'optional'] }, extras: {}, want: { group: 'dev' } },
    { name: 'optional', pkg: { groups: ['optional'] }, extras: {}, want: { group: 'optional' } },
    { name: 'Go indirect is prod', pkg: { groups: ['indirect'] }, extras: {}, want: { group: 'prod', groups: ['indirect'] } },
    { name: 'provenance and signature facts pass through', extras: { signature: 'verified', provenance: 'verified', sourceRepository: 'https://github.com/inspect-js/has-package-exports', license: 'MIT' }, want: { signature: 'verified', provenance: 'verified', sourceRepository: 'https://github.com/inspect-js/has-package-exports', license: 'MIT' } },
  ];
  for (const row of ROWS) {
    it(row.name, () => {
      const facts = packageFacts({ ...PKG, ...row.pkg }, row.extras, Date.parse(row.now ?? '2025-09-01T00:00:00Z')) as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(row.want)) assert.deepEqual(facts[key], value, key);
      for (const key of Object.keys(facts)) assert.ok(key in PACKAGE_FACTS, `${key} is in the fact schema`);
    });
  }

  it('vulnerability facts of a real finding, with its KEV entry', async () => {
    const goof = await scanGoof();
    const { finding } = goof.finding('lodash', '4.17.4');
    const v = goof.vulnerability(finding, 'GHSA-jf85-cpcp-j695');
    const kev = new KevCatalogReader().parse(readFileSync(path.join(FIXTURES, 'kev', 'known_exploited_vulnerabilities.json'), 'utf8'));
    assert.ok(kev.ok);
    const entry = knownExploited(kev.catalog, ['CVE-2021-44228'])!;
    const facts = vulnerabilityFacts(v, {}, entry) as unknown as Record<string, unknown>;
    assert.deepEqual(facts, {
      id: 'GHSA-jf85-cpcp-j695',
      aliases: ['CVE-2019-10744'],
      ids: ['GHSA-jf85-cpcp-j695', 'CVE-2019-10744'],
      severity: 'critical',
      severityRank: 4,
      score: v.score,
      malicious: false,
      fixAvailable: true,
      fixed: v.fixed,
      knownExploited: true,
      kev: { dateAdded: '2021-12-10', dueDate: '2021-12-24', knownRansomwareCampaignUse: 'Known' },
      vexStatus: 'affected',
      suppressed: false,
      riskAccepted: false,
    });
    for (const key of Object.keys(facts)) assert.ok(key in VULNERABILITY_FACTS, `${key} is in the fact schema`);
  });

  it('docs/policy.md lists every fact, with its type', () => {
    const doc = readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'policy.md'), 'utf8');
    for (const [variable, fields] of Object.entries(FACT_VARIABLES)) {
      for (const [name, field] of Object.entries(fields)) {
        const row = doc.split('\n').find((line) => line.startsWith(`| \`${variable}.${name}\``));
        assert.ok(row, `${variable}.${name} is documented`);
        assert.ok(row.includes(`| ${field.type.replace('<', '(').replace('>', ')')} |`), `${variable}.${name} is a ${field.type}`);
      }
    }
  });
});
