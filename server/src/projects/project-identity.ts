import { basename, dirname, resolve } from 'node:path';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import { ECOSYSTEMS } from '../ecosystems';
import { readGitCheckout } from './git-checkout';

/** A project as the store records it: a workspace folder with a name, and where it is in git. */
export interface ProjectIdentity {
  name: string;
  /** The folder, absolute. */
  path: string;
  remoteUrl?: string;
  /** HEAD's commit (or the one the caller named). */
  commit?: string;
  branch?: string;
  /** The project's own package, from its root manifest, when it names itself. */
  self?: { purl: string; name: string; version: string };
}

export interface IdentifyOptions {
  /** `--project NAME`: wins over the manifest's name. */
  name?: string;
  /** `--commit SHA`: wins over HEAD (CI checkouts without `.git`, or a detached build). */
  commit?: string;
  /** The scan of the folder: its root manifest names the project. */
  analysis?: WorkspaceAnalysis;
}

/**
 * Names the project at `folder`: the name given, else its root manifest's name, else the folder's
 * name. Its remote and commit come from `.git` (read, never run).
 */
export async function identifyProject(folder: string, options: IdentifyOptions = {}): Promise<ProjectIdentity> {
  const path = resolve(folder);
  const self = options.analysis ? rootPackage(options.analysis, path) : undefined;
  const git = await readGitCheckout(path);
  const name = options.name?.trim() || self?.name || basename(path) || path;
  const commit = options.commit?.trim().toLowerCase() || git?.commit;
  return {
    name,
    path,
    ...(git?.remoteUrl ? { remoteUrl: git.remoteUrl } : {}),
    ...(commit ? { commit } : {}),
    ...(git?.branch ? { branch: git.branch } : {}),
    ...(self ? { self } : {}),
  };
}

/** The root manifest's own name and version, in ecosystem display order (npm first). */
function rootPackage(analysis: WorkspaceAnalysis, root: string): ProjectIdentity['self'] {
  let best: { order: number; self: NonNullable<ProjectIdentity['self']> } | undefined;
  for (const unit of analysis.units) {
    for (const { file } of unit.unit.manifests) {
      const project = file.result.project;
      if (!project?.name || dirname(file.path) !== root) continue;
      const ecosystem = file.parser.ecosystem;
      const order = ECOSYSTEMS.indexOf(ecosystem);
      const version = project.version ?? '';
      if (!best || order < best.order) best = { order, self: { name: project.name, version, purl: ecosystem.purl(project.name, version) } };
    }
  }
  return best?.self;
}
