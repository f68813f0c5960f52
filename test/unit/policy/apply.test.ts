import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { scanFolder } from '../../../server/src/analysis/scan';
import type { VexStatement } from '../../../server/src/documents/types';
import { KevCatalogReader, type KevCatalog } from '../../../server/src/kev/catalog';
import { createLocalSource } from '../../../server/src/osv/local-source';
import { applyPolicy } from '../../../server/src/policy/apply';
import { builtinPolicy, withBuiltins } from '../../../server/src/policy/builtin';
import type { PackageExtras, PolicyFacts } from '../../../server/src/policy/facts';
import type { CompiledCondition, PolicyAction, PolicyRule, RuleSubject } from '../../../server/src/policy/types';
import { applyVex } from '../../../server/src/vex/apply';
import { GOOF, scanGoof, type GoofScan } from '../../support/goof-scan';
import { fromFile, handStatement, vexProduct as product } from '../../support/vex-statements';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');
const NOW = Date.parse('2025-09-01T12:00:00Z');

/** A rule as a policy file gives it once compiled; `when` says in CEL what the condition checks. */
function rule(id: string, subject: RuleSubject, action: PolicyAction, when: string, condition: CompiledCondition): PolicyRule {
  return { id, name: id, subject, action, when, condition, source: { file: '/repo/.chainsight/policy.yaml' } };
}

/** What a caller knows from package-lock v2 itself: licences and install scripts per locked entry. */
function lockfileExtras(): (pkg: { name: string; version: string }) => PackageExtras | undefined {
  const lock = JSON.parse(readFileSync(path.join(GOOF, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; license?: string; hasInstallScript?: boolean }> };
  const byNameVersion = new Map<string, PackageExtras>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    byNameVersion.set(`${name}@${entry.version}`, { ...(entry.license ? { license: entry.license } : {}), installScripts: entry.hasInstallScript === true });
  }
  return (pkg) => byNameVersion.get(`${pkg.name}@${pkg.version}`);
}

describe('policy over real scans', () => {
  let goof: GoofScan;
  let kev: KevCatalog;
  before(async () => {
    goof = await scanGoof();
    const parsed = new KevCatalogReader().parse(readFileSync(path.join(FIXTURES, 'kev', 'known_exploited_vulnerabilities.json'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    kev = parsed.catalog;
  });

  describe('VEX decides what the gate counts (--fail-on critical on goof)', () => {
    const criticalIds = () => [...new Set(goof.analysis.findings.flatMap((f) => f.vulnerabilities.filter((v) => v.severity === 'critical').map((v) => v.id)))].sort();
    const statementsFor = (ids: string[], status: (id: string) => VexStatement['status'], extra: Partial<VexStatement> = {}) =>
      ids.map((id) => fromFile({ ...handStatement({ id, products: [product('pkg:npm/goof')], status: status(id), ...(status(id) === 'not_affected' ? { justification: 'vulnerable_code_not_present' as const } : {}) }), ...extra }, '/goof/.chainsight/vex.openvex.json'));
    const gate = (statements: ReturnType<typeof statementsFor>, now = NOW) => applyPolicy(goof.analysis, builtinPolicy({ failOn: 'critical' }), { vex: applyVex(goof.analysis, statements, () => now), now });

    it('the criticals fail the gate without VEX', () => {
      assert.deepEqual(criticalIds(), ['GHSA-67hx-6x53-jw92', 'GHSA-9m93-w8w6-76hh', 'GHSA-9wcg-jrwf-8gg7', 'GHSA-jf85-cpcp-j695', 'GHSA-xvch-5gv4-984h']);
      assert.equal(gate([]).fails, true);
    });

    it('all of them not affected: the gate passes, and the results say why', () => {
      const policy = gate(statementsFor(criticalIds(), () => 'not_affected'));
      assert.equal(policy.fails, false);
      const { finding } = goof.finding('mongoose', '4.2.4');
      assert.deepEqual(policy.vulnerability(finding, finding.vulnerabilities[0]!), { ruleId: 'chainsight/vex-suppressed', ruleName: 'Suppressed by VEX', action: 'ignore', reason: 'a VEX statement says not affected or fixed, or accepts the risk until a date not yet past', subject: 'vulnerability' });
    });

    it('one still under investigation still counts', () => {
      assert.equal(gate(statementsFor(criticalIds(), (id) => (id === 'GHSA-9m93-w8w6-76hh' ? 'under_investigation' : 'not_affected'))).fails, true);
    });

    it('an accepted risk passes until its date, then fails again', () => {
      const accepted = statementsFor(criticalIds(), () => 'affected', { expires: '2025-09-30', actionStatement: 'Risk accepted until 2025-09-30: fixes scheduled' });
      assert.equal(gate(accepted, Date.parse('2025-09-30T23:59:59Z')).fails, false);
      assert.equal(gate(accepted, Date.parse('2025-10-01T00:00:00Z')).fails, true);
    });
  });

  it('known exploited: salt and pyspark advisories OSV rates unknown, CISA lists as exploited', async () => {
    const { analysis } = await scanFolder(path.join(FIXTURES, 'policy', 'python-kev'), createLocalSource(path.join(FIXTURES, 'osv-corpus', 'PyPI.zip')));
    const policy = withBuiltins([rule('kev', 'vulnerability', 'error', 'vuln.knownExploited', { evaluate: (f: PolicyFacts) => f.vuln!.knownExploited, reads: [['vuln', 'knownExploited']] })], '/repo/.chainsight/policy.yaml', { failOn: 'critical' });
    const results = applyPolicy(analysis, policy, { kev, now: NOW });
    const errors = analysis.findings.flatMap((f) => f.vulnerabilities.filter((v) => results.vulnerability(f, v)?.action === 'error').map((v) => `${f.name} ${v.aliases.find((a) => a.startsWith('CVE-')) ?? v.id} ${v.severity}`));
    assert.deepEqual(errors.sort(), ['pyspark CVE-2022-33891 unknown', 'salt CVE-2020-11651 unknown', 'salt CVE-2020-11652 unknown', 'salt CVE-2020-16846 unknown']);
    assert.equal(results.fails, true);
    // Without the rule, the built-in policy never fails on an unknown severity.
    assert.equal(applyPolicy(analysis, builtinPolicy({ failOn: 'critical' }), { kev, now: NOW }).fails, false);
  });

  it('package rules see every locked package, vulnerable or not, with the facts the caller brings', () => {
    const policy = withBuiltins(
      [
        rule('install-scripts', 'package', 'warn', 'has(pkg.installScripts) && pkg.installScripts', { evaluate: (f: PolicyFacts) => f.pkg.installScripts === true, reads: [['pkg', 'installScripts']] }),
        rule('copyleft-docs', 'package', 'info', "has(pkg.license) && pkg.license.startsWith('CC-BY')", { evaluate: (f: PolicyFacts) => f.pkg.license?.startsWith('CC-BY') === true, reads: [['pkg', 'license']] }),
      ],
      '/repo/.chainsight/policy.yaml',
    );
    const results = applyPolicy(goof.analysis, policy, { extras: lockfileExtras(), now: NOW });
    assert.deepEqual(
      results.packages.map((p) => `${p.result.ruleId} ${p.name}@${p.version}`).sort(),
      ['copyleft-docs spdx-exceptions@2.1.0', 'install-scripts core-js@3.6.4', 'install-scripts fsevents@2.3.2', 'install-scripts kerberos@0.0.24', 'install-scripts nodemon@2.0.7'],
    );
    const nodemon = results.packages.find((p) => p.name === 'nodemon')!;
    assert.equal(results.package(nodemon.file, nodemon.packageId)?.action, 'warn');
    assert.equal(results.counts.warn >= 4, true);
  });

  it('a condition that reads few facts is evaluated once per distinct value', () => {
    let calls = 0;
    const counting = rule('by-severity', 'vulnerability', 'info', "vuln.severity == 'low'", {
      evaluate: (f: PolicyFacts) => {
        calls++;
        return f.vuln!.severity === 'low';
      },
      reads: [['vuln', 'severity']],
    });
    const results = applyPolicy(goof.analysis, withBuiltins([counting], '/repo/.chainsight/policy.yaml'), { now: NOW });
    assert.equal(calls, 4, 'critical, high, moderate, low');
    const { finding } = goof.finding('cookie', '0.1.2');
    assert.equal(results.vulnerability(finding, finding.vulnerabilities[0]!)?.ruleId, 'by-severity');
  });

  it('a rule that cannot be evaluated for a subject does not match it, and says so once', () => {
    const missing = rule('needs-age', 'package', 'error', 'pkg.releaseAgeDays < 7', {
      evaluate: (f: PolicyFacts) => (f.pkg.releaseAgeDays === undefined ? { error: "no such key: 'releaseAgeDays'" } : f.pkg.releaseAgeDays < 7),
      reads: [['pkg', 'releaseAgeDays']],
    });
    const results = applyPolicy(goof.analysis, withBuiltins([missing], '/repo/.chainsight/policy.yaml'), { now: NOW });
    assert.equal(results.packages.length, 0);
    assert.deepEqual(results.problems.map((p) => ({ rule: p.rule.id, count: p.count, message: p.message })), [{ rule: 'needs-age', count: 1274, message: "no such key: 'releaseAgeDays'" }]);
  });
});
