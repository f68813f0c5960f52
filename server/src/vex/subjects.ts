import type { UnitAnalysis } from '../analysis/unit';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import type { Finding } from '../core/findings';
import { ecosystemByName } from '../ecosystems';
import type { Ecosystem } from '../ecosystems/types';
import type { ProjectIdentity, VexPath, VexSubject } from './types';

/**
 * The identifiers a project answers to as a VEX product: its manifest name as a purl of its
 * ecosystem, version-less first (what Chainsight writes, so statements survive releases), then with
 * the manifest's version. A project whose manifest names nothing (requirements.txt, go.mod-less
 * folders) is `pkg:generic/<folder>`: it is no registry package, and the folder is the only name it has.
 */
export function projectIdentity(ecosystem: Ecosystem, project: { name?: string; version?: string; folder: string }): ProjectIdentity {
  if (!project.name) return { name: project.folder, purls: [`pkg:generic/${encodeURIComponent(project.folder)}`] };
  const bare = ecosystem.purl(project.name, '');
  return { name: project.name, purls: project.version ? [bare, ecosystem.purl(project.name, project.version)] : [bare] };
}

/** The key a subject (and its VEX results) is found by again: one package entry of one file. */
export function subjectKey(finding: Pick<Finding, 'file' | 'packageId'>): string {
  return `${finding.file}#${finding.packageId}`;
}

/** Every vulnerable package instance of a scan with the ways it is reached, as purls. */
export function vexSubjects(analysis: WorkspaceAnalysis): VexSubject[] {
  return analysis.units.flatMap(unitSubjects);
}

function unitSubjects(unit: UnitAnalysis): VexSubject[] {
  const lockfile = unit.unit.lockfile;
  if (!lockfile || !unit.graph) return unit.findings.map((f) => manifestSubject(unit, f));
  const ecosystem = lockfile.parser.ecosystem;
  const graph = unit.graph;
  const projects = unit.roots.map((root) => ({
    identity: projectIdentity(ecosystem, { name: root.manifest?.result.project?.name, version: root.manifest?.result.project?.version, folder: root.project }),
    ids: new Set(root.ids),
  }));
  const allRoots = [...new Set(unit.roots.flatMap((r) => r.ids))];
  return unit.findings.map((finding) => {
    const paths: VexPath[] = [];
    for (const [rootId, ids] of graph.pathsTo(finding.packageId, allRoots)) {
      const purls = ids.map((id) => {
        const pkg = graph.package(id);
        return pkg ? ecosystem.purl(pkg.name, pkg.version) : id;
      });
      for (const project of projects) if (project.ids.has(rootId)) paths.push({ project: project.identity, purls });
    }
    // A package nothing reaches (an orphan entry) still belongs to the lockfile's project.
    if (paths.length === 0) paths.push({ project: projects[0]?.identity ?? projectIdentity(ecosystem, { folder: unit.roots[0]?.project ?? '' }), purls: [finding.purl] });
    return subject(finding, paths);
  });
}

function manifestSubject(unit: UnitAnalysis, finding: Finding): VexSubject {
  const manifest = unit.unit.manifests.find((m) => m.file.path === finding.file)?.file;
  const ecosystem = manifest?.parser.ecosystem ?? ecosystemByName(finding.ecosystem)!;
  const report = unit.reports.find((r) => r.path === finding.file);
  const project = projectIdentity(ecosystem, { name: manifest?.result.project?.name, version: manifest?.result.project?.version, folder: report?.project ?? '' });
  return subject(finding, [{ project, purls: [finding.purl] }]);
}

function subject(finding: Finding, paths: VexPath[]): VexSubject {
  return { key: subjectKey(finding), ecosystem: finding.ecosystem, name: finding.name, version: finding.version, purl: finding.purl, paths };
}
