/**
 * The Supply Chain view's model, from the store's answers: projects → packages → findings and
 * provenance, and search results. Plain data (no `vscode` import) so it is tested on real answers;
 * `tree.ts` turns each node into a TreeItem. Tree labels are plain text, so names need no escaping,
 * only bidirectional controls removed and a length cap.
 */
import type { ProjectFinding, ProjectResult, ProvenanceResult, Subject, VulnResult, WhoUsesResult } from '../../../server/src/graph/answers';
import type { StoreOverview, StoreProjectSummary } from '../../../server/src/protocol';

/** Where a node opens: a package of a workspace project, located by the server. */
export interface OpenTarget {
  path: string;
  name: string;
  version?: string;
}

export interface ViewNode {
  /** Stable within a refresh, so the tree keeps what is expanded. */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon id. */
  icon?: string;
  /** What expanding it asks: a project's packages. */
  expand?: { project: StoreProjectSummary };
  children?: ViewNode[];
  /** Shown expanded (search results). */
  expanded?: boolean;
  open?: OpenTarget;
  contextValue?: string;
}

const MAX_TEXT = 200;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Untrusted text shown as a label: one line, no reordering controls, capped. */
export function plain(text: string, max = MAX_TEXT): string {
  const line = text.replace(BIDI, '').replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const short = (commit?: string) => (commit ? commit.slice(0, 7) : undefined);

export function projectNodes(overview: StoreOverview): ViewNode[] {
  const nodes: ViewNode[] = overview.projects.map((p) => ({
    id: `project:${p.name}`,
    label: plain(p.name),
    description: [short(p.latest?.commit) && `@ ${short(p.latest?.commit)}`, `${p.open} open`, `${p.packages} packages`].filter(Boolean).join(' · '),
    tooltip: plain([p.name, p.remote, p.path, p.latest ? `recorded ${p.latest.at}` : '', `${p.snapshots} snapshot${p.snapshots === 1 ? '' : 's'}`].filter(Boolean).join('\n'), 2_000),
    icon: p.open > 0 ? 'warning' : 'pass',
    expand: { project: p },
    contextValue: 'project',
  }));
  if (overview.omittedProjects) nodes.push({ id: 'omitted', label: `${overview.omittedProjects} more projects`, description: 'chainsight store status lists every one', icon: 'ellipsis' });
  if (overview.documents.length) {
    nodes.push({ id: 'documents', label: 'Documents', description: overview.documents.map((d) => `${d.count} ${d.kind}`).join(', '), icon: 'file-text' });
  }
  return nodes;
}

/**
 * A project's packages: those with open findings first, then those VEX closed, then the rest by
 * name. Each lists its findings and its provenance verdict.
 */
export function packageNodes(project: StoreProjectSummary, result: ProjectResult): ViewNode[] {
  const findings = new Map<string, ProjectFinding[]>();
  for (const f of result.findings) findings.set(f.package.purl, [...(findings.get(f.package.purl) ?? []), f]);
  const rank = (purl: string) => {
    const list = findings.get(purl) ?? [];
    return list.some((f) => f.open) ? 0 : list.length ? 1 : 2;
  };
  const c = result.provenance;
  const coverage: ViewNode = { id: `${project.name}:coverage`, label: 'Provenance', description: `${c.verified} verified, ${c.invalid} invalid, ${c.missing} without (of ${c.packages})`, icon: c.invalid ? 'error' : 'shield' };
  const packages = [...result.packages].sort((a, b) => rank(a.purl) - rank(b.purl) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  return [
    coverage,
    ...packages.map((pkg): ViewNode => {
      const own = findings.get(pkg.purl) ?? [];
      const open = own.filter((f) => f.open).length;
      const open_ = project.inWorkspace ? { open: { path: project.path, name: pkg.name, ...(pkg.version ? { version: pkg.version } : {}) } } : {};
      const verdict = pkg.provenance;
      const children: ViewNode[] = [
        ...own.map((f): ViewNode => findingNode(`${project.name}:${pkg.purl}`, f, open_)),
        ...(verdict ? [provenanceNode(`${project.name}:${pkg.purl}`, verdict, open_)] : []),
      ];
      return {
        id: `${project.name}:${pkg.purl}`,
        label: plain(pkg.version ? `${pkg.name}@${pkg.version}` : pkg.name),
        description: [open ? `${open} open` : own.length ? 'closed by VEX' : '', pkg.direct ? 'direct' : '', pkg.scope.join(', ')].filter(Boolean).join(' · '),
        icon: open ? 'warning' : verdict?.status === 'invalid' ? 'error' : 'package',
        children,
        contextValue: 'package',
        ...open_,
      };
    }),
  ];
}

function findingNode(parent: string, f: ProjectFinding, open: { open?: OpenTarget }): ViewNode {
  const v = f.vulnerability;
  const vex = f.vex ? `${f.vex.status}${f.vex.justification ? ` (${f.vex.justification})` : ''}` : '';
  return {
    id: `${parent}:${v.id}`,
    label: plain(v.id),
    description: plain([v.severity, f.open ? 'open' : `VEX: ${vex}`, v.fixed ? `fixed in ${v.fixed}` : ''].filter(Boolean).join(' · ')),
    tooltip: plain([v.summary ?? '', v.aliases.length ? `aliases: ${v.aliases.join(', ')}` : '', f.vex?.statement ?? ''].filter(Boolean).join('\n'), 2_000),
    icon: f.open ? 'bug' : 'pass',
    contextValue: 'finding',
    ...open,
  };
}

function provenanceNode(parent: string, verdict: { status: ProvenanceResult['status']; reason?: string }, open: { open?: OpenTarget }): ViewNode {
  const { status } = verdict;
  const description = verdict.reason ? plain(verdict.reason) : status === 'missing' ? 'no signature or provenance recorded' : '';
  return { id: `${parent}:provenance`, label: `provenance: ${status}`, ...(description ? { description } : {}), icon: status === 'verified' ? 'verified' : status === 'invalid' ? 'error' : 'circle-slash', contextValue: 'provenance', ...open };
}

function subjectLabel(s: Subject): string {
  if (s.kind === 'project') return `${s.name}${s.commit ? ` @ ${s.commit.slice(0, 7)}` : ''}`;
  return `${s.kind === 'sbom' ? 'SBOM' : 'artifact'} ${s.name}${s.version ? ` ${s.version}` : ''}`;
}

/** Search results: who uses a package, or what an advisory touches, subject by subject. */
export function searchNodes(term: string, answer: { results: Array<WhoUsesResult | VulnResult> }, projects: readonly StoreProjectSummary[]): ViewNode[] {
  if (answer.results.length === 0) return [{ id: 'search:none', label: `Nothing in the store matches "${plain(term, 80)}"`, icon: 'info' }];
  return answer.results.map((r, i): ViewNode => {
    const project = r.subject.kind === 'project' ? projects.find((p) => p.name === r.subject.name && p.inWorkspace) : undefined;
    const vuln = 'vulnerability' in r ? r : undefined;
    const state = vuln ? (vuln.vex ? `VEX: ${vuln.vex.status}${vuln.vex.justification ? ` (${vuln.vex.justification})` : ''}` : vuln.open ? 'open' : '') : (r as WhoUsesResult).direct ? 'direct' : '';
    return {
      id: `search:${i}`,
      label: plain(subjectLabel(r.subject)),
      description: plain([`${r.package.name}@${r.package.version}`, vuln ? vuln.vulnerability.id : '', state].filter(Boolean).join(' · ')),
      tooltip: plain(r.evidence.map((e) => `${e.kind} ${e.name ?? e.ref}, ${e.at}`).join('\n'), 2_000),
      icon: r.subject.kind === 'project' ? 'repo' : 'file-text',
      ...(project ? { open: { path: project.path, name: r.package.name, ...(r.package.version ? { version: r.package.version } : {}) } } : {}),
    };
  });
}

/** Advisory ids (GHSA-…, CVE-…, PYSEC-…, RUSTSEC-…, GO-…) are searched as vulnerabilities, anything else as a package. */
export function isAdvisoryId(term: string): boolean {
  const t = term.trim();
  return /^(?:CVE|GHSA|OSV|PYSEC|RUSTSEC|GO|MAL|GSD|SNYK)-[0-9a-z-]+$/i.test(t) || (/^[A-Z][A-Z0-9]*-[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*$/.test(t) && /\d/.test(t));
}
