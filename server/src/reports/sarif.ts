import { createHash } from 'node:crypto';
import type { Finding, Vulnerability } from '../core/findings';
import type { Severity } from '../core/severity';
import { osvUrl } from '../analysis/diagnostics';
import { relativePath, type ReportInput } from './report-input';

/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/): one rule per advisory, one result
 * per vulnerable package and advisory, located in the lockfile and the manifest line a user edits.
 * `security-severity` lets GitHub code scanning rank results.
 */
export function toSarif(input: ReportInput): object {
  const rules = new Map<string, object>();
  const results: object[] = [];
  for (const finding of input.analysis.findings) {
    for (const v of finding.vulnerabilities) {
      if (!rules.has(v.id)) rules.set(v.id, rule(v));
      results.push(result(input, finding, v, [...rules.keys()].indexOf(v.id)));
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Chainsight', version: input.toolVersion, informationUri: 'https://github.com/chainsight/chainsight', rules: [...rules.values()] } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileUri(input.root) } },
        results,
      },
    ],
  };
}

function rule(v: Vulnerability): object {
  const text = v.summary || v.id;
  return {
    id: v.id,
    name: v.id.replace(/[^A-Za-z0-9]/g, ''),
    shortDescription: { text },
    fullDescription: { text: v.details || text },
    helpUri: osvUrl(v.id),
    help: { text: `${text}\n${osvUrl(v.id)}` },
    defaultConfiguration: { level: level(v.severity) },
    properties: {
      tags: ['security', 'vulnerability', ...(v.malicious ? ['malicious'] : [])],
      'security-severity': securitySeverity(v),
      ...(v.aliases.length ? { aliases: v.aliases } : {}),
    },
  };
}

function result(input: ReportInput, finding: Finding, v: Vulnerability, ruleIndex: number): object {
  const fix = v.fixed ? `; fixed in ${v.fixed}` : '';
  const path = finding.paths[0] && finding.paths[0].length > 1 ? ` (${finding.paths[0].join(' > ')})` : '';
  return {
    ruleId: v.id,
    ruleIndex,
    level: level(v.severity),
    message: { text: `${finding.name}@${finding.version}: ${v.id} (${v.severity})${fix}${path}` },
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

function level(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'low' ? 'note' : 'warning';
}

/** GitHub reads this as a CVSS-like score; without a vector, a representative score for the rating. */
function securitySeverity(v: Vulnerability): string {
  if (v.score !== undefined) return v.score.toFixed(1);
  return { critical: '9.5', high: '8.0', moderate: '5.5', low: '2.0', unknown: '5.0' }[v.severity];
}

function pathToFileUri(path: string): string {
  const withSlash = path.endsWith('/') ? path : `${path}/`;
  return `file://${encodeURI(withSlash.replace(/\\/g, '/').replace(/^([A-Za-z]):/, '/$1:'))}`;
}
