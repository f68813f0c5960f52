import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { scanFolder } from '../../../server/src/analysis/scan';
import type { WorkspaceAnalysis } from '../../../server/src/analysis/workspace-analysis';
import { createLocalSource } from '../../../server/src/osv/local-source';
import { failsGate, maxSeverity, SEVERITIES, type RatedSeverity } from '../../../server/src/core/severity';
import { applyPolicy } from '../../../server/src/policy/apply';
import { builtinPolicy, DEFAULT_SEVERITY_LEVELS, type FailOn, type SeverityLevel, type SeverityLevels } from '../../../server/src/policy/builtin';
import { loudest } from '../../../server/src/policy/evaluator';
import type { PolicyAction } from '../../../server/src/policy/types';
import { scanGoof, type GoofScan } from '../../support/goof-scan';

const NOW = Date.parse('2025-09-01T12:00:00Z');
const ACTION_OF: Record<SeverityLevel, PolicyAction> = { error: 'error', warning: 'warn', information: 'info', hint: 'hint', none: 'ignore' };

/** `chainsight.severity.*` as users set them: the defaults, quieter, louder, partly hidden, and upside down. */
const SETTINGS: Array<{ name: string; levels: SeverityLevels }> = [
  { name: 'the defaults', levels: DEFAULT_SEVERITY_LEVELS },
  { name: 'everything a warning', levels: { critical: 'warning', high: 'warning', moderate: 'warning', low: 'warning', unknown: 'warning' } },
  { name: 'only critical is an error, low is a hint', levels: { critical: 'error', high: 'warning', moderate: 'information', low: 'hint', unknown: 'information' } },
  { name: 'low and unknown hidden', levels: { critical: 'error', high: 'error', moderate: 'warning', low: 'none', unknown: 'none' } },
  { name: 'upside down', levels: { critical: 'hint', high: 'information', moderate: 'warning', low: 'error', unknown: 'error' } },
];

describe('the built-in policy reproduces Chainsight before policies', () => {
  let goof: GoofScan;
  /** salt and pyspark: advisories OSV leaves unrated, where --unknown-as decides. */
  let python: WorkspaceAnalysis;
  before(async () => {
    goof = await scanGoof();
    python = (await scanFolder(path.join(__dirname, '..', '..', 'fixtures', 'policy', 'python-kev'), createLocalSource(path.join(__dirname, '..', '..', 'fixtures', 'osv-corpus', 'PyPI.zip')))).analysis;
  });

  for (const { name, levels } of SETTINGS) {
    it(`editor, ${name}: every vulnerability at the level its severity setting gives`, () => {
      const policy = applyPolicy(goof.analysis, builtinPolicy({ levels }), { now: NOW });
      let checked = 0;
      for (const finding of goof.analysis.findings) {
        for (const v of finding.vulnerabilities) {
          const result = policy.vulnerability(finding, v)!;
          assert.equal(result.action, ACTION_OF[levels[v.severity]], `${finding.name}@${finding.version} ${v.id} (${v.severity})`);
          assert.equal(result.ruleId, `chainsight/severity-${v.severity}`);
          checked++;
        }
      }
      assert.equal(checked, 92);
      assert.equal(policy.fails, SEVERITIES.some((s) => levels[s] === 'error' && goof.analysis.findings.some((f) => f.vulnerabilities.some((v) => v.severity === s))));
    });
  }

  it('editor, the defaults: every package.json line as loud as before (its most severe finding)', () => {
    const policy = applyPolicy(goof.analysis, builtinPolicy(), { now: NOW });
    const manifest = [...goof.analysis.reports.values()].find((r) => r.kind === 'manifest')!;
    let lines = 0;
    for (const dep of manifest.dependencies) {
      const involved = [...(dep.own ? [dep.own] : []), ...dep.transitive.map((t) => t.finding)];
      if (involved.length === 0) continue;
      const before = ACTION_OF[DEFAULT_SEVERITY_LEVELS[maxSeverity(involved.map((f) => f.severity))]];
      const now = loudest(involved.flatMap((f) => f.vulnerabilities.map((v) => policy.vulnerability(f, v))));
      assert.equal(now?.action, before, dep.pkg.name);
      lines++;
    }
    assert.equal(lines, 19);
  });

  it('a hidden severity hides its own findings, not the others on the same line (express: moderate hidden, low shown)', () => {
    const levels: SeverityLevels = { ...DEFAULT_SEVERITY_LEVELS, moderate: 'none' };
    const policy = applyPolicy(goof.analysis, builtinPolicy({ levels }), { now: NOW });
    const manifest = [...goof.analysis.reports.values()].find((r) => r.kind === 'manifest')!;
    const express = manifest.dependencies.find((d) => d.pkg.name === 'express')!;
    const involved = [express.own!, ...express.transitive.map((t) => t.finding)];
    assert.deepEqual([...new Set(involved.flatMap((f) => f.vulnerabilities.map((v) => v.severity)))].sort(), ['low', 'moderate']);
    assert.equal(loudest(involved.flatMap((f) => f.vulnerabilities.map((v) => policy.vulnerability(f, v))))?.action, 'info');
  });

  const GATES: Array<{ failOn: FailOn; unknownAs?: RatedSeverity }> = [
    { failOn: 'none' },
    { failOn: 'unknown' },
    { failOn: 'low' },
    { failOn: 'moderate' },
    { failOn: 'high' },
    { failOn: 'critical' },
    { failOn: 'critical', unknownAs: 'critical' },
    { failOn: 'moderate', unknownAs: 'low' },
  ];
  for (const { failOn, unknownAs } of GATES) {
    for (const scan of ['goof', 'python-kev'] as const) {
      it(`CLI --fail-on ${failOn}${unknownAs ? ` --unknown-as ${unknownAs}` : ''}, ${scan}: exactly the vulnerabilities the gate counts are errors`, () => {
        const analysis = scan === 'goof' ? goof.analysis : python;
        const policy = applyPolicy(analysis, builtinPolicy({ failOn, ...(unknownAs ? { unknownAs } : {}) }), { now: NOW });
        let old = false;
        for (const finding of analysis.findings) {
          for (const v of finding.vulnerabilities) {
            const before = failOn !== 'none' && failsGate(v.severity, failOn, unknownAs);
            old ||= before;
            const result = policy.vulnerability(finding, v)!;
            assert.equal(result.action === 'error', before, `${finding.name}@${finding.version} ${v.id} (${v.severity})`);
            if (before) assert.equal(result.ruleId, `chainsight/fail-on-${failOn}`);
          }
        }
        assert.equal(policy.fails, old);
      });
    }
  }
});
