import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { builtinPolicy, failOnRule } from '../../../server/src/policy/builtin';
import { CelLanguage } from '../../../server/src/policy/cel';
import { packageFacts, vulnerabilityFacts, type PackageFacts, type PolicyFacts, type VulnerabilityFacts } from '../../../server/src/policy/facts';
import type { RuleSubject } from '../../../server/src/policy/types';
import { scanGoof } from '../../support/goof-scan';

const TEAM = readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'policy', 'team-policy.yaml'), 'utf8');

/** What CEL says, through the library (the oracle) or the fast path: true, false, or an error. */
function outcome(language: CelLanguage, source: string, subject: RuleSubject, facts: PolicyFacts): boolean | 'error' | 'no-compile' {
  const compiled = language.compile(source, subject);
  if (!compiled.ok) return 'no-compile';
  const result = compiled.condition.evaluate(facts);
  return typeof result === 'boolean' ? result : 'error';
}

/** Conditions as policies write them; each runs on the fast path (checked below). */
const FAST: string[] = [
  'vuln.malicious',
  'vuln.knownExploited',
  "has(vuln.kev) && vuln.severity == 'critical'",
  "pkg.group == 'dev' && vuln.severityRank < 4",
  "vuln.severity == 'critical' && vuln.fixAvailable",
  "vuln.vexStatus == 'under_investigation'",
  "has(vuln.score) && vuln.score >= 9.0",
  "!pkg.direct && vuln.severity == 'moderate' && !vuln.fixAvailable",
  "pkg.group == 'optional' && vuln.severityRank <= 1",
  "pkg.ecosystem == 'Go' && pkg.name == 'stdlib'",
  "pkg.name.glob('@acme/**') || pkg.purl.startsWith('pkg:npm/lodash@')",
  "vuln.severity in ['critical', 'high'] && 'dev' in pkg.groups",
  "pkg.name.endsWith('-parser') || pkg.name.contains('yaml')",
  'vuln.fixed == "4.17.12"',
  'pkg.license == "MIT"',
  'vuln.score > 7',
  "!(vuln.severity != 'low') || vuln.riskAccepted",
];

describe('CEL fast path agrees with the CEL library', () => {
  const slow = new CelLanguage({ fast: false });
  const fast = new CelLanguage();
  let subjects: PolicyFacts[];
  before(async () => {
    const goof = await scanGoof();
    subjects = goof.analysis.findings.flatMap((f, i) => {
      const pkg = packageFacts({ ...f, groups: i % 3 === 0 ? ['dev'] : [], project: 'goof', vulnerable: true }, i % 2 ? { license: 'MIT', publishedAt: '2025-08-30T00:00:00Z' } : {}, Date.parse('2025-09-01T00:00:00Z'));
      return f.vulnerabilities.map((v) => ({ pkg, vuln: vulnerabilityFacts(v) }));
    });
  });

  it('policy conditions run on the fast path', () => {
    for (const source of FAST) {
      const compiled = fast.compile(source, 'vulnerability');
      assert.ok(compiled.ok && compiled.condition.cheap, source);
    }
  });

  const corpus = () => [
    ...FAST,
    ...[...TEAM.matchAll(/^\s+when: (?:\|\n((?:\s{6}.*\n)+)|(.+))$/gm)].map((m) => (m[1] ?? m[2]!).trim()),
    ...builtinPolicy().rules.map((r) => r.when),
    failOnRule('moderate').when,
  ];

  it('on every vulnerability of the goof scan, for every condition of the corpus', () => {
    let compared = 0;
    for (const source of corpus()) {
      const subject: RuleSubject = source.includes('vuln.') ? 'vulnerability' : 'package';
      for (const facts of subjects) {
        assert.equal(outcome(fast, source, subject, facts), outcome(slow, source, subject, facts), `${source} on ${facts.pkg.name} ${facts.vuln?.id}`);
        compared++;
      }
    }
    assert.ok(compared > 2000);
  });

  it('on random conditions and random facts', () => {
    const str = fc.constantFrom('dev', 'prod', 'MIT', 'critical', 'high', 'lodash', '@acme/x', 'pkg:npm/lodash@4.17.4', '', 'Ä');
    const num = fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constantFrom(0.5, 7.5, 9.0));
    const literal = fc.oneof(str.map((s) => JSON.stringify(s)), num.map((n) => (Number.isInteger(n) && n >= 0 ? String(n) : n.toFixed(1))), fc.constantFrom('true', 'false'));
    const stringFact = fc.constantFrom('pkg.name', 'pkg.group', 'pkg.license', 'pkg.purl', 'vuln.severity', 'vuln.fixed', 'vuln.vexStatus');
    const numberFact = fc.constantFrom('vuln.severityRank', 'vuln.score', 'pkg.releaseAgeDays');
    const boolFact = fc.constantFrom('pkg.direct', 'vuln.malicious', 'vuln.fixAvailable', 'pkg.installScripts', 'vuln.suppressed', 'has(pkg.license)', 'has(vuln.score)', 'has(pkg.releaseAgeDays)');
    const atom = fc.oneof(
      boolFact,
      fc.tuple(stringFact, fc.constantFrom('==', '!='), literal).map(([a, op, b]) => `${a} ${op} ${b}`),
      fc.tuple(numberFact, fc.constantFrom('==', '!=', '<', '<=', '>', '>='), literal).map(([a, op, b]) => `${a} ${op} ${b}`),
      fc.tuple(stringFact, fc.array(str, { maxLength: 3 })).map(([a, xs]) => `${a} in [${xs.map((x) => JSON.stringify(x)).join(', ')}]`),
      fc.tuple(str, fc.constant('pkg.groups')).map(([x, l]) => `${JSON.stringify(x)} in ${l}`),
      fc.tuple(stringFact, fc.constantFrom('startsWith', 'endsWith', 'contains', 'glob'), str).map(([a, m, x]) => `${a}.${m}(${JSON.stringify(x)})`),
    );
    const condition = fc.letrec((tie) => ({
      expr: fc.oneof({ depthSize: 'small', withCrossShrink: true }, atom, tie('not'), tie('and'), tie('or')),
      not: tie('expr').map((e) => `!(${e})`),
      and: fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a}) && (${b})`),
      or: fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a}) || (${b})`),
    })).expr as fc.Arbitrary<string>;
    const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    const facts = fc.record({
      name: str,
      group: fc.constantFrom('dev', 'prod', 'optional'),
      groups: fc.array(str, { maxLength: 2 }),
      direct: fc.boolean(),
      license: optional(str),
      releaseAgeDays: optional(fc.integer({ min: 0, max: 10 })),
      installScripts: optional(fc.boolean()),
      severity: fc.constantFrom('critical', 'high', 'moderate', 'low', 'unknown'),
      severityRank: fc.integer({ min: 0, max: 4 }),
      score: optional(num),
      fixed: optional(str),
      flags: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    }).map((r): PolicyFacts => {
      const pkg = { ecosystem: 'npm', name: r.name, version: '1.0.0', purl: `pkg:npm/${r.name}@1.0.0`, direct: r.direct, group: r.group, groups: r.groups, project: 'p', vulnerable: true } as PackageFacts;
      if (r.license !== undefined) pkg.license = r.license;
      if (r.releaseAgeDays !== undefined) pkg.releaseAgeDays = r.releaseAgeDays;
      if (r.installScripts !== undefined) pkg.installScripts = r.installScripts;
      const vuln = { id: 'GHSA-x', aliases: [], ids: ['GHSA-x'], severity: r.severity, severityRank: r.severityRank, malicious: r.flags[0], fixAvailable: r.flags[1], knownExploited: false, vexStatus: 'affected', suppressed: r.flags[2], riskAccepted: false } as VulnerabilityFacts;
      if (r.score !== undefined) vuln.score = r.score;
      if (r.fixed !== undefined) vuln.fixed = r.fixed;
      return { pkg, vuln };
    });
    fc.assert(
      fc.property(condition, facts, (source, f) => {
        assert.equal(outcome(fast, source, 'vulnerability', f), outcome(slow, source, 'vulnerability', f), source);
      }),
      { numRuns: 3000 },
    );
  });
});
