import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Vulnerability } from '../core/findings';
import { osvUrl } from '../analysis/diagnostics';
import type { VulnerabilityTriage } from '../triage/types';
import type { ReportInput } from './report-input';
import { inventory } from './inventory';
import { triageOf } from './triage-view';

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
  // One entry per advisory and analysis: packages the same advisory affects differently (one triaged
  // not affected, another not) need entries of their own, since an analysis covers all its `affects`.
  const vulnerabilities = new Map<string, { v: Vulnerability; affects: Set<string>; analysis?: object; ref: string }>();
  const perAdvisory = new Map<string, number>();
  for (const f of input.analysis.findings) {
    for (const v of f.vulnerabilities) {
      const analysis = input.triage ? analysisOf(triageOf(input, f, v), v) : undefined;
      const key = `${v.id}|${JSON.stringify(analysis ?? null)}`;
      let entry = vulnerabilities.get(key);
      if (!entry) {
        const n = (perAdvisory.get(v.id) ?? 0) + 1;
        perAdvisory.set(v.id, n);
        entry = { v, affects: new Set<string>(), ...(analysis ? { analysis } : {}), ref: n === 1 ? `vuln:${v.id}` : `vuln:${v.id}:${n}` };
        vulnerabilities.set(key, entry);
      }
      entry.affects.add(f.purl);
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
    vulnerabilities: [...vulnerabilities.values()].map(({ v, affects, analysis, ref }) => ({
      'bom-ref': ref,
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
      ...(analysis ? { analysis } : {}),
      affects: [...affects].filter((purl) => known.has(purl)).map((purl) => ({ ref: purl })),
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


/**
 * OpenVEX → CycloneDX `analysis.justification`: the inverse of the mapping the CycloneDX VEX reader
 * uses (docs/documents.md), so the export read back says what the OpenVEX export says.
 */
const JUSTIFICATIONS: Readonly<Record<string, string>> = {
  component_not_present: 'requires_dependency',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
};

/**
 * The finding's status as a CycloneDX analysis, the way the CycloneDX spec and Dependency-Track map
 * OpenVEX: `not_affected` (with the justification), `resolved` (fixed), `in_triage` (under
 * investigation), `exploitable` (affected: no statement, an accepted risk, or one that expired).
 */
function analysisOf(t: VulnerabilityTriage, v: Vulnerability): object {
  const d = t.decision;
  const detail = d?.statement ? { detail: d.statement } : {};
  const updated = d?.timestamp && !Number.isNaN(Date.parse(d.timestamp)) ? { lastUpdated: new Date(d.timestamp).toISOString() } : {};
  switch (t.status) {
    case 'not_affected':
      return { state: 'not_affected', ...(d?.justification ? { justification: JUSTIFICATIONS[d.justification] } : {}), ...detail, ...updated };
    case 'fixed':
      return { state: 'resolved', ...detail, ...updated };
    case 'under_investigation':
      return { state: 'in_triage', ...detail, ...updated };
    case 'affected': {
      const accepted = d?.acceptedUntil !== undefined && !d.expired;
      const response = accepted ? ['will_not_fix'] : v.fixed ? ['update'] : [];
      return { state: 'exploitable', ...(response.length ? { response } : {}), ...detail, ...updated };
    }
  }
}
