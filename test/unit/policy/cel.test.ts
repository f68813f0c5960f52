import * as assert from 'node:assert/strict';
import { builtinPolicy, failOnRule } from '../../../server/src/policy/builtin';
import { CelLanguage } from '../../../server/src/policy/cel';
import { packageFacts, vulnerabilityFacts, type PolicyFacts } from '../../../server/src/policy/facts';
import type { RuleSubject } from '../../../server/src/policy/types';
import { scanGoof, type GoofScan } from '../../support/goof-scan';

describe('CEL conditions', () => {
  let goof: GoofScan;
  /** lodash@4.17.4 (direct, prod) with GHSA-jf85-cpcp-j695 (critical, fixed in 4.17.12), plus facts a caller brings. */
  let lodash: PolicyFacts;
  before(async () => {
    goof = await scanGoof();
    const { finding } = goof.finding('lodash', '4.17.4');
    const pkg = packageFacts({ ...finding, groups: [], project: 'goof', vulnerable: true }, { license: 'MIT', publishedAt: '2017-01-09T01:29:54.000Z', installScripts: false, previousInstallScripts: false }, Date.parse('2025-09-01T00:00:00Z'));
    const vuln = vulnerabilityFacts(goof.vulnerability(finding, 'GHSA-jf85-cpcp-j695'), {}, { cveID: 'CVE-2019-10744', vendorProject: 'x', product: 'x', vulnerabilityName: 'x', dateAdded: '2024-01-02', shortDescription: 'x', requiredAction: 'x', dueDate: '2024-01-23', knownRansomwareCampaignUse: 'Unknown' });
    lodash = { pkg, vuln };
  });

  const TRUE_OR_FALSE: Array<[string, boolean]> = [
    ["vuln.severity == 'critical' && pkg.direct", true],
    ['vuln.severityRank >= 3 && vuln.score >= 9.0', true],
    ["vuln.ids.exists(i, i.startsWith('CVE-2019-'))", true],
    ["'CVE-2019-10744' in vuln.aliases", true],
    ['vuln.fixAvailable && vuln.fixed == "4.17.12"', true],
    ["vuln.knownExploited && vuln.kev.dueDate < '2025-01-01'", true],
    ["has(vuln.kev) && vuln.kev.knownRansomwareCampaignUse == 'Known'", false],
    ["pkg.group == 'prod' && size(pkg.groups) == 0", true],
    ["pkg.name.glob('lod*') && pkg.purl.glob('pkg:npm/lodash@4.*')", true],
    ["pkg.name.glob('@acme/*')", false],
    ['has(pkg.releaseAgeDays) && pkg.releaseAgeDays > 3000', true],
    ['has(pkg.provenance)', false],
    ["pkg.license.lowerAscii() == 'mit'", true],
    ['has(pkg.newInstallScripts) && pkg.newInstallScripts', false],
    ["vuln.vexStatus == 'affected' && !vuln.suppressed && !vuln.riskAccepted", true],
    ["pkg.ecosystem == 'npm' && pkg.name.matches('^lo[d]ash$')", true],
  ];
  for (const [source, want] of TRUE_OR_FALSE) {
    it(`${source} → ${want}`, () => {
      const compiled = new CelLanguage().compile(source, 'vulnerability');
      if (!compiled.ok) assert.fail(compiled.message);
      assert.equal(compiled.condition.evaluate(lodash), want);
    });
  }

  it('an absent fact read without has() is an error, never a match', () => {
    const compiled = new CelLanguage().compile('pkg.provenance == "none"', 'vulnerability');
    assert.ok(compiled.ok);
    const outcome = compiled.condition.evaluate(lodash);
    assert.equal(typeof outcome, 'object');
  });

  const REFUSED: Array<{ source: string; subject?: RuleSubject; message: RegExp; offset: number }> = [
    { source: 'pkg.direkt && vuln.malicious', message: /^unknown fact "pkg.direkt" \(did you mean "direct"\?\)/, offset: 4 },
    { source: "vuln.severity == 'high' && vuln.cvss > 7", message: /^unknown fact "vuln.cvss"/, offset: 32 },
    { source: 'vuln.malicious', subject: 'package', message: /^unknown name "vuln" \(package rules see `pkg` only/, offset: 0 },
    { source: 'severity == "high"', message: /^unknown name "severity" \(a rule sees `pkg` and `vuln`\)/, offset: 0 },
    { source: 'isMalware(vuln.id)', message: /^unknown function "isMalware"/, offset: 0 },
    { source: 'pkg.name', message: /^the condition must be true or false; pkg.name is a string/, offset: 3 },
    { source: 'vuln.score + 1', message: /not a number/, offset: 11 },
    { source: "vuln.severity == 'high' &&", message: /^the condition does not parse: /, offset: 24 },
    { source: 'google.protobuf.Timestamp{}', message: /no message types/, offset: 0 },
  ];
  for (const row of REFUSED) {
    it(`refuses ${row.source}`, () => {
      const compiled = new CelLanguage().compile(row.source, row.subject ?? 'vulnerability');
      assert.equal(compiled.ok, false);
      if (!compiled.ok) {
        assert.match(compiled.message, row.message);
        assert.equal(compiled.offset, row.offset);
      }
    });
  }

  it('the CEL each built-in rule shows says what the rule does, on every goof vulnerability', () => {
    const cel = new CelLanguage();
    const rules = [...builtinPolicy().rules, failOnRule('moderate')];
    let checked = 0;
    for (const finding of goof.analysis.findings) {
      const pkg = packageFacts({ ...finding, groups: [], project: 'goof', vulnerable: true });
      for (const v of finding.vulnerabilities) {
        const facts = { pkg, vuln: vulnerabilityFacts(v) };
        for (const rule of rules) {
          const compiled = cel.compile(rule.when, rule.subject);
          if (!compiled.ok) assert.fail(`${rule.id}: ${compiled.message}`);
          assert.equal(compiled.condition.evaluate(facts), rule.condition.evaluate(facts), `${rule.id} on ${v.id}`);
          checked++;
        }
      }
    }
    assert.equal(checked, 92 * 7);
  });
});
