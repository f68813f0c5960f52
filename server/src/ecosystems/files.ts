import type { EcosystemName } from '../core/package';
import { FILES as CARGO_FILES } from './cargo/files';
import { FILES as GO_FILES } from './go/files';
import { FILES as HEX_FILES } from './hex/files';
import { FILES as MAVEN_FILES } from './maven/files';
import { FILES as NPM_FILES } from './npm/files';
import { FILES as NUGET_FILES } from './nuget/files';
import { FILES as PACKAGIST_FILES } from './packagist/files';
import { FILES as PUB_FILES } from './pub/files';
import { FILES as PYPI_FILES } from './pypi/files';
import { FILES as RUBYGEMS_FILES } from './rubygems/files';

/**
 * THE list of dependency files Chainsight reads (each ecosystem contributes its `files.ts`). Plain
 * data so the client can import it for its document selector and file watchers;
 * `ecosystems/index.ts` maps each parser id to its function, and a test checks package.json's
 * activation events against this list.
 */
export interface DependencyFileKind {
  /** `<ecosystem folder>/<format>`, unique. */
  parser: string;
  ecosystem: EcosystemName;
  kind: 'manifest' | 'lockfile';
  /** Base-name globs (`*` matches within the name). */
  patterns: readonly string[];
  /**
   * For lockfiles: how strongly to prefer this one when a folder holds several for the same
   * manifest (higher wins), e.g. npm-shrinkwrap.json over package-lock.json, as npm itself does.
   */
  priority?: number;
  /** For manifests: the lockfile parsers that resolve this manifest, in preference order. */
  lockfiles?: readonly string[];
  /**
   * For lockfiles: parsers whose file in the same folder the package manager ignores when this one
   * is present (npm reads npm-shrinkwrap.json and ignores package-lock.json next to it).
   */
  shadows?: readonly string[];
}

export const DEPENDENCY_FILES: readonly DependencyFileKind[] = [
  ...NPM_FILES,
  ...PYPI_FILES,
  ...GO_FILES,
  ...CARGO_FILES,
  ...MAVEN_FILES,
  ...RUBYGEMS_FILES,
  ...PACKAGIST_FILES,
  ...NUGET_FILES,
  ...PUB_FILES,
  ...HEX_FILES,
];

/** Folders never searched for dependency files: installed trees and VCS metadata. */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git', '.hg', '.svn', 'bower_components'];

const compiled = DEPENDENCY_FILES.map((kind) => ({
  kind,
  regexes: kind.patterns.map(globToRegExp),
}));

/** The dependency file kind for a base name, or undefined when Chainsight does not read it. */
export function fileKindFor(baseName: string): DependencyFileKind | undefined {
  for (const entry of compiled) if (entry.regexes.some((re) => re.test(baseName))) return entry.kind;
  return undefined;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`, 'i');
}
