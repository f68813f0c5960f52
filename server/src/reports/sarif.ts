import { createHash } from 'node:crypto';
import type { Finding, Vulnerability } from '../core/findings';
import { gateSeverity, type RatedSeverity } from '../core/severity';
import { safeMultilineText } from '../core/terminal-text';
import { osvUrl } from '../analysis/diagnostics';
import { omissionRows, relativePath, type ReportInput } from './report-input';

/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/): one rule per advisory, one result
 * per vulnerable package and advisory, located in the lockfile and the manifest line a user edits.
 * `security-severity` lets GitHub code scanning rank results.
 */
export function toSarif(input: ReportInput): object {
  const rules = new Map<string, object>();
  const results: object[] = [];
  const rated = (v: Vulnerability) => gateSeverity(v.severity, input.unknownAs);
  for (const finding of input.analysis.findings) {
    for (const v of finding.vulnerabilities) {
      if (!rules.has(v.id)) rules.set(v.id, rule(v, rated(v)));
      results.push(result(input, finding, v, rated(v), [...rules.keys()].indexOf(v.id)));
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

function result(input: ReportInput, finding: Finding, v: Vulnerability, severity: RatedSeverity, ruleIndex: number): object {
  const fix = v.fixed ? `; fixed in ${v.fixed}` : '';
  const path = finding.paths[0] && finding.paths[0].length > 1 ? ` (${finding.paths[0].join(' > ')})` : '';
  return {
    ruleId: v.id,
    ruleIndex,
    level: level(severity),
    message: { text: text(`${finding.name}@${finding.version}: ${v.id} (${v.severity})${fix}${path}`) },
    locations: finding.locations.map((l) => ({
      physicalLocation: {
        artifactLocation: { uri: encodeURI(relativePath(input, l.file)), uriBaseId: 'SRCROOT' },
        region: { startLine: l.range.start.line + 1, startColumn: l.range.start.character + 1, endLine: l.range.end.line + 1, endColumn: l.range.end.character + 1 },
      },
    })),
    partialFingerprints: { 'chainsight/v1': createHash('sha256').update(`${finding.purl}|${relativePath(input, finding.file)}|${finding.packageId}|${v.id}`).digest('hex') },
    properties: { purl: finding.purl, direct: finding.direct, ...(v.fixed ? { fixedVersion: v.fixed } : {}) },
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
