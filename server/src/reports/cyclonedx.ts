import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Vulnerability } from '../core/findings';
import { osvUrl } from '../analysis/diagnostics';
import type { ReportInput } from './report-input';
import { inventory } from './inventory';

/**
 * CycloneDX 1.6 JSON (https://cyclonedx.org/docs/1.6/json/): every resolved registry package as a
 * component with its purl, hashes and dependency edges, and the vulnerabilities that affect them.
 */
export function toCycloneDx(input: ReportInput, options: { serialNumber?: string } = {}): object {
  const packages = inventory(input);
  const components = packages.map((p) => ({
    type: 'library',
    'bom-ref': p.purl,
    name: p.name,
    version: p.version,
    purl: p.purl,
    scope: p.groups.includes('optional') ? 'optional' : p.groups.length && p.groups.every((g) => g === 'dev' || g === 'test') ? 'excluded' : 'required',
    ...(p.hashes.length ? { hashes: p.hashes } : {}),
  }));
  const rootRef = 'chainsight:root';
  const dependencies = [
    { ref: rootRef, dependsOn: [...new Set(packages.filter((p) => p.direct).map((p) => p.purl))] },
    ...packages.map((p) => ({ ref: p.purl, dependsOn: p.dependsOn })),
  ];
  const vulnerabilities = new Map<string, { v: Vulnerability; affects: Set<string>; ecosystem: string }>();
  for (const f of input.analysis.findings) {
    for (const v of f.vulnerabilities) {
      const entry = vulnerabilities.get(v.id) ?? { v, affects: new Set<string>(), ecosystem: f.ecosystem };
      entry.affects.add(f.purl);
      vulnerabilities.set(v.id, entry);
    }
  }
  const known = new Set(components.map((c) => c.purl));
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${options.serialNumber ?? randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: (input.now ?? new Date()).toISOString(),
      tools: { components: [{ type: 'application', name: 'Chainsight', version: input.toolVersion }] },
      component: { type: 'application', 'bom-ref': rootRef, name: basename(input.root) || 'workspace' },
    },
    components,
    dependencies,
    vulnerabilities: [...vulnerabilities.values()].map(({ v, affects }) => ({
      'bom-ref': `vuln:${v.id}`,
      id: v.id,
      source: { name: 'OSV', url: osvUrl(v.id) },
      ...(v.aliases.length ? { references: v.aliases.map((a) => ({ id: a, source: { name: 'OSV', url: osvUrl(a) } })) } : {}),
      ratings: [rating(v)],
      ...(v.summary ? { description: v.summary } : {}),
      ...(v.details ? { detail: v.details } : {}),
      ...(v.fixed ? { recommendation: `Upgrade to ${v.fixed} or later.` } : {}),
      ...(v.published ? { published: v.published } : {}),
      ...(v.modified ? { updated: v.modified } : {}),
      advisories: v.references.filter((r) => /^https?:\/\//.test(r.url)).slice(0, 20).map((r) => ({ url: r.url })),
      affects: [...affects].filter((ref) => known.has(ref)).map((ref) => ({ ref })),
    })),
  };
}

function rating(v: Vulnerability): object {
  const severity = v.severity === 'moderate' ? 'medium' : v.severity;
  const method = v.cvssVersion === '4.0' ? 'CVSSv4' : v.cvssVersion === '3.1' ? 'CVSSv31' : v.cvssVersion === '3.0' ? 'CVSSv3' : v.cvssVersion === '2.0' ? 'CVSSv2' : undefined;
  return {
    source: { name: 'OSV' },
    ...(v.score !== undefined ? { score: v.score } : {}),
    severity,
    ...(method ? { method } : { method: 'other' }),
    ...(v.vector ? { vector: v.vector } : {}),
  };
}

