import { createHash } from 'node:crypto';
import { osvUrl } from '../analysis/diagnostics';
import type { Finding, Vulnerability } from '../core/findings';
import { EXPORT_TOOLING } from '../triage/vex-files';
import type { VulnerabilityTriage } from '../triage/types';
import { OPENVEX_CONTEXT, sortStatements } from '../vex/openvex-file';
import { VexSubjects } from '../vex/subjects';
import type { ReportInput } from './report-input';
import { triageOf } from './triage-view';

type Json = Record<string, unknown>;

/**
 * Every finding with its VEX status as an OpenVEX 0.2.0 document, ready to publish with a release
 * (docs/cli.md): `affected` (with what to do), `under_investigation`, `not_affected` with its
 * justification, or `fixed`. The product is the project (its purl, with the manifest's version when
 * it has one) and the vulnerable package its subcomponent. The document validates against the
 * OpenVEX 0.2.0 JSON schema, so Chainsight's own statement fields are left out, and a `not_affected`
 * statement gives its justification, or an impact statement when it has none (the schema takes one
 * of the two); the words of a justified statement go in `status_notes`. The CycloneDX export says
 * the same per package and advisory.
 */
export function toOpenVex(input: ReportInput): object {
  const subjects = new VexSubjects(input.analysis);
  const timestamp = (input.now ?? new Date()).toISOString();
  const groups = new Map<string, { fields: Json; products: Map<string, Set<string>> }>();
  for (const finding of input.analysis.findings) {
    const projects = projectsOf(subjects, finding);
    for (const v of finding.vulnerabilities) {
      const fields = statementFields(triageOf(input, finding, v), finding, v, timestamp);
      const key = JSON.stringify(fields);
      const group = groups.get(key) ?? { fields, products: new Map<string, Set<string>>() };
      for (const project of projects) {
        const subs = group.products.get(project) ?? new Set<string>();
        subs.add(finding.purl);
        group.products.set(project, subs);
      }
      groups.set(key, group);
    }
  }
  const statements = sortStatements(
    [...groups.values()].map(({ fields, products }) => {
      const { vulnerability, timestamp: at, ...rest } = fields;
      return {
        vulnerability,
        timestamp: at,
        products: [...products].sort(([a], [b]) => a.localeCompare(b)).map(([product, subs]) => ({ '@id': product, subcomponents: [...subs].sort().map((purl) => ({ '@id': purl })) })),
        ...rest,
      };
    }),
  );
  const id = createHash('sha256').update(JSON.stringify(statements)).digest('hex');
  return {
    '@context': OPENVEX_CONTEXT,
    '@id': `https://openvex.dev/docs/public/vex-${id}`,
    author: input.author ?? 'Chainsight',
    timestamp,
    version: 1,
    tooling: `${EXPORT_TOOLING} (Chainsight ${input.toolVersion})`,
    statements,
  };
}

/** The projects that reach the package, as OpenVEX products: the versioned purl where the manifest gives a version. */
function projectsOf(subjects: VexSubjects, finding: Finding): string[] {
  const out = new Set<string>();
  for (const path of subjects.of(finding)?.paths ?? []) {
    const purl = path.project.purls[1] ?? path.project.purls[0];
    if (purl) out.add(purl);
  }
  if (out.size === 0) out.add(finding.purl);
  return [...out];
}

/** Everything of a statement except its products: findings that share these share a statement. */
function statementFields(t: VulnerabilityTriage, finding: Finding, v: Vulnerability, now: string): Json {
  const d = t.decision;
  const aliases = [...new Set(v.aliases.filter((a) => a !== v.id))].sort();
  const at = d?.timestamp && !Number.isNaN(Date.parse(d.timestamp)) ? new Date(d.timestamp).toISOString() : now;
  const base: Json = { vulnerability: { name: v.id, ...(aliases.length ? { aliases } : {}) }, timestamp: at, status: t.status };
  switch (t.status) {
    case 'not_affected':
      if (d?.justification) return { ...base, ...(d.statement ? { status_notes: d.statement } : {}), justification: d.justification };
      return { ...base, impact_statement: d?.statement ?? `not affected, according to ${d?.source.document ?? 'a VEX statement'}` };
    case 'fixed':
    case 'under_investigation':
      return { ...base, ...(d?.statement ? { status_notes: d.statement } : {}) };
    case 'affected':
      return { ...base, action_statement: d?.statement ?? (v.fixed ? `Upgrade ${finding.name} to ${v.fixed} or later.` : `No fixed version of ${finding.name} yet; see ${osvUrl(v.id)}.`) };
  }
}
