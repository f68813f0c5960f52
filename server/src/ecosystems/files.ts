import type { EcosystemName } from '../core/package';
import { FORMATS as CARGO } from './cargo/files';
import type { FormatEntry } from './format';
import { FORMATS as GO } from './go/files';
import { FORMATS as HEX } from './hex/files';
import { FORMATS as MAVEN } from './maven/files';
import { FORMATS as NPM } from './npm/files';
import { FORMATS as NUGET } from './nuget/files';
import { FORMATS as PACKAGIST } from './packagist/files';
import { FORMATS as PUB } from './pub/files';
import { FORMATS as PYPI } from './pypi/files';
import { FORMATS as RUBYGEMS } from './rubygems/files';

/**
 * THE list of dependency file formats Chainsight reads, one entry each (`format.ts` says what an
 * entry holds). Plain data: the client imports it for its document selector and file watchers, a
 * test checks package.json's activation events and languages against it, and `ecosystems/index.ts`
 * binds each id to its parser.
 */
const ALL = [...NPM, ...PYPI, ...GO, ...CARGO, ...MAVEN, ...RUBYGEMS, ...PACKAGIST, ...NUGET, ...PUB, ...HEX] as const;

/** Every parser id; a typo in an id anywhere is a compile error. */
export type ParserId = (typeof ALL)[number]['parser'];

/** One format's entry, with its references to other formats checked against the ids. */
export type DependencyFileKind = FormatEntry<ParserId>;

export const DEPENDENCY_FILES: readonly DependencyFileKind[] = ALL;

/** Folders never searched for dependency files: installed trees and VCS metadata. */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git', '.hg', '.svn', 'bower_components'];

const compiled = DEPENDENCY_FILES.map((kind) => ({ kind, regexes: kind.patterns.map(globToRegExp) }));
const byId = new Map<string, DependencyFileKind>(DEPENDENCY_FILES.map((kind) => [kind.parser, kind]));

/** The dependency file kind for a base name, or undefined when Chainsight does not read it. */
export function fileKindFor(baseName: string): DependencyFileKind | undefined {
  for (const entry of compiled) if (entry.regexes.some((re) => re.test(baseName))) return entry.kind;
  return undefined;
}

/** The entry of a parser id; ids come from outside too (reports, settings), so any string is asked. */
export function formatById(id: string | undefined): DependencyFileKind | undefined {
  return id === undefined ? undefined : byId.get(id);
}

/** A manifest field through which an ecosystem's tools force versions, and the lockfiles whose tool reads it. */
export interface OverrideField {
  path: readonly string[];
  appliesTo: ParserId[];
  /** The field names versions to keep out (Composer `conflict`). */
  excludes: boolean;
}

/** The override fields of one ecosystem's manifests, from its lockfile entries (`overrides.read`). */
export function overrideFieldsOf(ecosystem: EcosystemName): OverrideField[] {
  const fields = new Map<string, OverrideField>();
  for (const kind of DEPENDENCY_FILES) {
    if (kind.ecosystem !== ecosystem || !kind.overrides) continue;
    for (const path of kind.overrides.read) {
      const key = path.join('\u0000');
      const field = fields.get(key) ?? { path, appliesTo: [], excludes: kind.overrides.excludes === true };
      field.appliesTo.push(kind.parser);
      fields.set(key, field);
    }
  }
  return [...fields.values()];
}

/** The lockfiles a package manager writes (package.json `packageManager`), most preferred first. */
export function lockfilesWrittenBy(ecosystem: EcosystemName, tool: string): ParserId[] {
  return DEPENDENCY_FILES.filter((k) => k.ecosystem === ecosystem && k.writtenBy === tool)
    .sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0))
    .map((k) => k.parser);
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`, 'i');
}
