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
  const subjects = new VexSubjects(analysis);
  return analysis.findings.map((f) => subjects.of(f)!);
}

/**
 * A scan's subjects, built when first asked for: applying VEX asks only for findings some statement
 * names, and working out dependency paths (a graph search and a purl per package on the way) is most
 * of what a subject costs. One per scan.
 */
export class VexSubjects {
  private readonly units = new Map<string, UnitAnalysis>();
  private readonly built = new Map<string, VexSubject>();
  private readonly contexts = new Map<UnitAnalysis, UnitContext>();

  constructor(analysis: WorkspaceAnalysis) {
    for (const unit of analysis.units) for (const f of unit.findings) this.units.set(subjectKey(f), unit);
  }

  of(finding: Finding): VexSubject | undefined {
    const key = subjectKey(finding);
    let hit = this.built.get(key);
    if (hit) return hit;
    const unit = this.units.get(key);
    if (!unit) return undefined;
    hit = unit.unit.lockfile && unit.graph ? this.lockedSubject(unit, finding) : manifestSubject(unit, finding);
    this.built.set(key, hit);
    return hit;
  }

  private lockedSubject(unit: UnitAnalysis, finding: Finding): VexSubject {
    const context = this.context(unit);
    const paths: VexPath[] = [];
    for (const [rootId, ids] of unit.graph!.pathsTo(finding.packageId, context.allRoots)) {
      const purls = ids.map((id) => context.purl(id));
      for (const project of context.projects) if (project.ids.has(rootId)) paths.push({ project: project.identity, purls });
    }
    // A package nothing reaches (an orphan entry) still belongs to the lockfile's project.
    if (paths.length === 0) paths.push({ project: context.projects[0]?.identity ?? context.fallback, purls: [finding.purl] });
    return subject(finding, paths);
  }

  private context(unit: UnitAnalysis): UnitContext {
    let hit = this.contexts.get(unit);
    if (hit) return hit;
    const ecosystem = unit.unit.lockfile!.parser.ecosystem;
    const graph = unit.graph!;
    const purls = new Map<string, string>();
    hit = {
      projects: unit.roots.map((root) => ({
        identity: projectIdentity(ecosystem, { name: root.manifest?.result.project?.name, version: root.manifest?.result.project?.version, folder: root.project }),
        ids: new Set(root.ids),
      })),
      allRoots: [...new Set(unit.roots.flatMap((r) => r.ids))],
      fallback: projectIdentity(ecosystem, { folder: unit.roots[0]?.project ?? '' }),
      // Many paths share packages (a direct dependency heads dozens): each purl is made once.
      purl: (id) => {
        let purl = purls.get(id);
        if (purl === undefined) {
          const pkg = graph.package(id);
          purls.set(id, (purl = pkg ? ecosystem.purl(pkg.name, pkg.version) : id));
        }
        return purl;
      },
    };
    this.contexts.set(unit, hit);
    return hit;
  }
}

interface UnitContext {
  projects: Array<{ identity: ProjectIdentity; ids: Set<string> }>;
  allRoots: string[];
  fallback: ProjectIdentity;
  purl: (id: string) => string;
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
