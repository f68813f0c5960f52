import { createHash } from 'node:crypto';
import type { Finding, Vulnerability } from '../core/findings';
import { gateSeverity, type RatedSeverity } from '../core/severity';
import { safeMultilineText } from '../core/terminal-text';
import { osvUrl } from '../analysis/diagnostics';
import type { PolicyAction, PolicyResult } from '../policy/types';
import { decidedByPolicyFile } from '../triage/apply';
import { decisionSource, describeDecision } from '../triage/describe';
import type { VulnerabilityTriage } from '../triage/types';
import { omissionRows, relativePath, type ReportInput } from './report-input';
import { triageOf } from './triage-view';

/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/): one rule per advisory, one result
 * per vulnerable package and advisory, located in the lockfile and the manifest line a user edits.
 * `security-severity` lets GitHub code scanning rank results.
 */
export function toSarif(input: ReportInput): object {
  const rules = new Map<string, object>();
  const results: object[] = [];
  const rated = (v: Vulnerability) => gateSeverity(v.severity, input.unknownAs);
  const ruleIndex = new Map<string, number>();
  const addRule = (id: string, make: () => object) => {
    if (!rules.has(id)) {
      ruleIndex.set(id, rules.size);
      rules.set(id, make());
    }
    return ruleIndex.get(id)!;
  };
  for (const finding of input.analysis.findings) {
    for (const v of finding.vulnerabilities) {
      const t = triageOf(input, finding, v);
      // Where a rule of the policy file decided, the result is that rule's (issue 14): code scanning
      // then groups and gates by the team's rules; the advisory stays in the message and properties.
      const byRule = !t.suppressed && decidedByPolicyFile(t.policy) ? t.policy : undefined;
      const index = byRule ? addRule(byRule.ruleId, () => policyRule(byRule)) : addRule(v.id, () => rule(v, rated(v)));
      results.push(result(input, finding, v, rated(v), index, t, byRule));
    }
  }
  const omissions = omissionRows(input);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Chainsight', version: input.toolVersion, informationUri: 'https://github.com/chainsight/chainsight', rules: [...rules.values()] } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileUri(input.root) } },
        // What was not read makes the run incomplete; code scanning shows these notifications.
        invocations: [
          {
            executionSuccessful: omissions.length === 0 && !input.analysis.status.incomplete,
            toolExecutionNotifications: [
              ...omissions.map((o) => ({
                level: 'warning',
                message: { text: text(`not read: ${o.detail}`) },
                locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(o.path), uriBaseId: 'SRCROOT' } } }],
              })),
              ...(input.analysis.status.error ? [{ level: input.analysis.status.incomplete ? 'error' : 'warning', message: { text: text(input.analysis.status.error) } }] : []),
            ],
          },
        ],
        results,
      },
    ],
  };
}

function rule(v: Vulnerability, severity: RatedSeverity): object {
  const summary = text(v.summary || v.id);
  return {
    id: v.id,
    name: v.id.replace(/[^A-Za-z0-9]/g, ''),
    shortDescription: { text: summary },
    fullDescription: { text: v.details ? text(v.details) : summary },
    helpUri: osvUrl(v.id),
    help: { text: `${summary}\n${osvUrl(v.id)}` },
    defaultConfiguration: { level: level(severity) },
    properties: {
      tags: ['security', 'vulnerability', ...(v.malicious ? ['malicious'] : [])],
      'security-severity': securitySeverity(v, severity),
      ...(v.aliases.length ? { aliases: v.aliases } : {}),
    },
  };
}

function policyRule(result: PolicyResult): object {
  return {
    id: result.ruleId,
    name: result.ruleName.replace(/[^A-Za-z0-9]/g, '') || result.ruleId.replace(/[^A-Za-z0-9]/g, ''),
    shortDescription: { text: text(result.ruleName) },
    fullDescription: { text: text(result.reason) },
    help: { text: text(`Policy rule ${result.ruleId}${result.source ? ` in ${result.source.file}` : ''}: ${result.reason}`) },
    defaultConfiguration: { level: actionLevel(result.action) },
    properties: { tags: ['security', 'policy'] },
  };
}

const ACTION_LEVELS: Readonly<Record<PolicyAction, 'error' | 'warning' | 'note'>> = { error: 'error', warn: 'warning', info: 'note', hint: 'note', ignore: 'note' };

function actionLevel(action: PolicyAction): 'error' | 'warning' | 'note' {
  return ACTION_LEVELS[action];
}

/**
 * SARIF `suppressions` (§3.27.23): a VEX statement that suppresses the finding, with its
 * justification in words, or a policy rule that ignores it. Code scanning lists them as dismissed,
 * so they stay visible.
 */
function suppressions(input: ReportInput, t: VulnerabilityTriage, byRule: PolicyResult | undefined): object[] | undefined {
  if (t.suppressed && t.decision) {
    const d = t.decision;
    const where = decisionSource(d, (file) => relativePath(input, file));
    return [{ kind: 'external', status: 'accepted', justification: text(`${describeDecision(d, where)}${d.statement ? `: ${d.statement}` : ''}`) }];
  }
  if (byRule?.action === 'ignore') return [{ kind: 'external', status: 'accepted', justification: text(`policy rule ${byRule.ruleId} (${byRule.ruleName}): ${byRule.reason}`) }];
  return undefined;
}

function result(input: ReportInput, finding: Finding, v: Vulnerability, severity: RatedSeverity, ruleIndex: number, t: VulnerabilityTriage, byRule: PolicyResult | undefined): object {
  const fix = v.fixed ? `; fixed in ${v.fixed}` : '';
  const path = finding.paths[0] && finding.paths[0].length > 1 ? ` (${finding.paths[0].join(' > ')})` : '';
  const policy = byRule ? `; policy: ${byRule.ruleName}` : '';
  const suppressed = suppressions(input, t, byRule);
  return {
    ruleId: byRule?.ruleId ?? v.id,
    ruleIndex,
    level: byRule ? actionLevel(byRule.action) : level(severity),
    message: { text: text(`${finding.name}@${finding.version}: ${v.id} (${v.severity})${fix}${path}${policy}`) },
    ...(suppressed ? { suppressions: suppressed } : {}),
    locations: finding.locations.map((l) => ({
      physicalLocation: {
        artifactLocation: { uri: encodeURI(relativePath(input, l.file)), uriBaseId: 'SRCROOT' },
        region: { startLine: l.range.start.line + 1, startColumn: l.range.start.character + 1, endLine: l.range.end.line + 1, endColumn: l.range.end.character + 1 },
      },
    })),
    partialFingerprints: { 'chainsight/v1': createHash('sha256').update(`${finding.purl}|${relativePath(input, finding.file)}|${finding.packageId}|${v.id}`).digest('hex') },
    properties: {
      purl: finding.purl,
      direct: finding.direct,
      ...(v.fixed ? { fixedVersion: v.fixed } : {}),
      ...(byRule ? { advisory: v.id, ...(v.aliases.length ? { aliases: v.aliases } : {}) } : {}),
      ...(input.triage ? { vexStatus: t.status } : {}),
      ...(t.kev ? { knownExploited: t.kev.dateAdded } : {}),
    },
  };
}

/** Levels follow the rating; an advisory without one counts as `unknownAs` (high), like at the CLI's gate. */
function level(severity: RatedSeverity): 'error' | 'warning' | 'note' {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'low' ? 'note' : 'warning';
}

/**
 * GitHub reads this as a CVSS-like score and gates on it; without a vector, a representative score
 * for the rating, so an unrated (Go) advisory ranks like `unknownAs` rather than as a medium.
 */
function securitySeverity(v: Vulnerability, severity: RatedSeverity): string {
  if (v.score !== undefined) return v.score.toFixed(1);
  return { critical: '9.5', high: '8.0', moderate: '5.5', low: '2.0' }[severity];
}

/** Viewers print these as they are: no terminal sequences or bidirectional controls (Trojan Source). */
function text(value: string): string {
  return safeMultilineText(value);
}

function pathToFileUri(path: string): string {
  const withSlash = path.endsWith('/') ? path : `${path}/`;
  return `file://${encodeURI(withSlash.replace(/\\/g, '/').replace(/^([A-Za-z]):/, '/$1:'))}`;
}
