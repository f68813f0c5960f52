import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { scanFolder } from '../../../server/src/analysis/scan';
import { KevCatalogReader } from '../../../server/src/kev/catalog';
import { createLocalSource } from '../../../server/src/osv/local-source';
import { applyPolicy } from '../../../server/src/policy/apply';
import { withBuiltins } from '../../../server/src/policy/builtin';
import { CelLanguage } from '../../../server/src/policy/cel';
import type { PackageExtras } from '../../../server/src/policy/facts';
import { formatPolicyError, readPolicyFile } from '../../../server/src/policy/policy-file';
import { scanGoof, type GoofScan } from '../../support/goof-scan';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');
const TEAM = path.join(FIXTURES, 'policy', 'team-policy.yaml');
const NOW = Date.parse('2025-09-01T12:00:00Z');

function loadTeam() {
  const result = readPolicyFile(readFileSync(TEAM, 'utf8'), TEAM, new CelLanguage());
  if (!result.ok) throw new Error(formatPolicyError(result.error));
  return withBuiltins(result.rules, TEAM, { failOn: 'high' });
}

describe('policy files', () => {
  let goof: GoofScan;
  before(async () => {
    goof = await scanGoof();
  });

  it('reads a team policy: rules in order, with their places in the file', () => {
    const result = readPolicyFile(readFileSync(TEAM, 'utf8'), TEAM, new CelLanguage());
    assert.ok(result.ok);
    assert.deepEqual(
      result.rules.map((r) => `${r.id} ${r.subject} ${r.action} @${r.source!.range!.start.line + 1}`),
      ['malware vulnerability error @4', 'known-exploited vulnerability error @10', 'ransomware vulnerability error @15', 'dev-tools vulnerability info @22', 'critical-with-fix vulnerability error @27', 'investigate vulnerability warn @32', 'cooldown package error @37', 'new-install-scripts package error @44', 'internal-provenance package warn @50', 'license-review package info @56'],
    );
    assert.equal(result.rules[6]!.reason, 'New versions wait a week, so a hijacked release is caught before we install it.');
  });

  it('on goof: dev-only findings inform, criticals with a fix fail, the rest falls to the built-in rules', () => {
    const results = applyPolicy(goof.analysis, loadTeam(), { now: NOW });
    const rows = (name: string, version: string) => {
      const { finding } = goof.finding(name, version);
      return finding.vulnerabilities.map((v) => `${v.id} ${results.vulnerability(finding, v)?.ruleId} ${results.vulnerability(finding, v)?.action}`);
    };
    assert.deepEqual(rows('lodash', '4.17.4'), ['GHSA-jf85-cpcp-j695 critical-with-fix error', 'GHSA-35jh-r3h4-6jhm chainsight/fail-on-high error', 'GHSA-p6mc-m468-83gw chainsight/fail-on-high error']);
    // snyk is a devDependency: its subtree is development-only in the lockfile.
    assert.deepEqual(rows('hosted-git-info', '2.8.5'), ['GHSA-43f8-2h32-f4cj dev-tools info']);
    // tap is not: the same moderate advisory in its subtree falls to the built-in rules.
    assert.deepEqual(rows('yargs-parser', '8.1.0'), ['GHSA-p9pc-299p-vxgp chainsight/severity-moderate warn']);
    // No fixed version of babel-traverse exists: the team's rule does not match; --fail-on high still fails it.
    assert.deepEqual(rows('babel-traverse', '6.26.0'), ['GHSA-67hx-6x53-jw92 chainsight/fail-on-high error']);
    assert.deepEqual(rows('cookie', '0.1.2'), ['GHSA-pxg6-pf52-xh8x chainsight/severity-low info']);
  });

  it('package rules with the facts a caller brings: cooldown, new install scripts, licences', () => {
    const extras = new Map<string, PackageExtras>([
      ['express@4.12.4', { publishedAt: '2025-08-28T10:00:00Z', license: 'MIT' }],
      ['nodemon@2.0.7', { installScripts: true, previousInstallScripts: false }],
      ['core-js@3.6.4', { installScripts: true, previousInstallScripts: true }],
      ['spdx-exceptions@2.1.0', { license: 'CC-BY-3.0' }],
    ]);
    const results = applyPolicy(goof.analysis, loadTeam(), { extras: (p) => extras.get(`${p.name}@${p.version}`), now: NOW });
    assert.deepEqual(results.packages.map((p) => `${p.name}@${p.version} ${p.result.ruleId} ${p.result.action}`).sort(), ['express@4.12.4 cooldown error', 'nodemon@2.0.7 new-install-scripts error', 'spdx-exceptions@2.1.0 license-review info']);
  });

  it('known exploited and ransomware on a real Python project', async () => {
    const { analysis } = await scanFolder(path.join(FIXTURES, 'policy', 'python-kev'), createLocalSource(path.join(FIXTURES, 'osv-corpus', 'PyPI.zip')));
    const kev = new KevCatalogReader().parse(readFileSync(path.join(FIXTURES, 'kev', 'known_exploited_vulnerabilities.json'), 'utf8'));
    assert.ok(kev.ok);
    const results = applyPolicy(analysis, loadTeam(), { kev: kev.catalog, now: NOW });
    const byRule = new Map<string, string[]>();
    for (const f of analysis.findings) for (const v of f.vulnerabilities) byRule.set(results.vulnerability(f, v)!.ruleId, [...(byRule.get(results.vulnerability(f, v)!.ruleId) ?? []), v.aliases.find((a) => a.startsWith('CVE-')) ?? v.id]);
    assert.deepEqual(byRule.get('known-exploited')?.sort(), ['CVE-2020-11651', 'CVE-2020-11652', 'CVE-2020-16846', 'CVE-2022-33891']);
    assert.equal(results.fails, true);
  });

  const BAD: Array<{ name: string; text: string; want: string }> = [
    { name: 'YAML that does not parse', text: 'rules:\n  - id: a\n    when: [vuln.malicious\n', want: '4:1: ' },
    { name: 'an unknown top-level field', text: 'version: 1\nrule:\n  - id: a\n', want: '2:1: unknown field "rule" (a policy has version, rules)' },
    { name: 'another policy version', text: 'version: 2\nrules: []\n', want: '1:10: unsupported policy version (this Chainsight reads version 1)' },
    { name: 'rules that are not a list', text: 'rules:\n  malware: error\n', want: '2:3: `rules` is a list of rules' },
    { name: 'an unknown field in a rule', text: 'rules:\n  - id: a\n    name: A\n    when: vuln.malicious\n    action: error\n    severity: high\n', want: '6:5: unknown field "severity" in a rule (one of id, name, subject, when, action, reason)' },
    { name: 'an unknown action', text: 'rules:\n  - id: a\n    name: A\n    when: vuln.malicious\n    action: block\n', want: '5:13: unknown action "block" (one of error, warn, info, hint, ignore)' },
    { name: 'an unknown subject', text: 'rules:\n  - id: a\n    name: A\n    subject: project\n    when: pkg.direct\n    action: warn\n', want: '4:14: unknown subject "project" (one of vulnerability, package)' },
    { name: 'a rule without a condition', text: 'rules:\n  - id: a\n    name: A\n    action: warn\n', want: '2:5: a rule needs `when`' },
    { name: 'a duplicate id', text: 'rules:\n  - {id: a, name: A, when: vuln.malicious, action: error}\n  - {id: a, name: B, when: pkg.direct, action: warn}\n', want: '3:10: duplicate rule id "a"' },
    { name: 'a built-in id', text: 'rules:\n  - {id: chainsight/vex-suppressed, name: A, when: vuln.malicious, action: error}\n', want: '2:10: rule id "chainsight/vex-suppressed" must be letters' },
    { name: 'a misspelt fact, at its column', text: 'rules:\n  - id: a\n    name: A\n    when: pkg.direct && vuln.severty == "high"\n    action: error\n', want: '4:30: rule "a": unknown fact "vuln.severty" (did you mean "severity"?)' },
    { name: 'a misspelt fact on the second line of a block', text: 'rules:\n  - id: a\n    name: A\n    when: |\n      pkg.direct &&\n        vuln.sevrity == "high"\n    action: error\n', want: '6:14: rule "a": unknown fact "vuln.sevrity"' },
    { name: 'a vulnerability fact in a package rule', text: 'rules:\n  - id: a\n    name: A\n    subject: package\n    when: "vuln.malicious"\n    action: error\n', want: '5:12: rule "a": unknown name "vuln"' },
  ];
  for (const row of BAD) {
    it(`one error, at its place: ${row.name}`, () => {
      const result = readPolicyFile(row.text, '.chainsight/policy.yaml', new CelLanguage());
      assert.equal(result.ok, false);
      if (!result.ok) assert.ok(formatPolicyError(result.error).startsWith(`.chainsight/policy.yaml:${row.want}`), formatPolicyError(result.error));
    });
  }

  it('an empty file is a policy with no rules of its own', () => {
    assert.deepEqual(readPolicyFile('# nothing yet\n', 'p.yaml', new CelLanguage()), { ok: true, rules: [] });
  });
});
