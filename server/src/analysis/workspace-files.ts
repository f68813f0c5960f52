import { dirname, relative, sep } from 'node:path';
import { parseDependencyFile, type DependencyFile } from './dependency-file';
import { type FileRead, isInside, type TextSource } from './file-reader';
import type { Omission } from './omissions';
import { withRefusedIncludes } from './refused-includes';

/** What a parse read of another file, to tell later whether the parse still holds. */
type InputState = { text: string } | { refused: string } | undefined;

/**
 * The dependency files of a workspace, parsed on demand and cached until their text (or the text
 * of a file they include) changes. Holds no analysis, only parse results, which files exist, and
 * which of them (or of their includes) could not be read and why.
 */
export class WorkspaceFiles {
  private readonly known = new Set<string>();
  private readonly cache = new Map<string, { file: DependencyFile; inputs: Map<string, InputState>; refused: Omission[] }>();
  private readonly refusedFiles = new Map<string, Omission>();

  constructor(private readonly texts: TextSource) {}

  setPaths(paths: Iterable<string>): void {
    this.known.clear();
    for (const p of paths) this.known.add(p);
  }

  add(path: string): void {
    this.known.add(path);
  }

  remove(path: string): void {
    this.known.delete(path);
    this.cache.delete(path);
    this.refusedFiles.delete(path);
  }

  has(path: string): boolean {
    return this.known.has(path);
  }

  paths(): string[] {
    return [...this.known].sort();
  }

  /** The parsed file, or undefined when it is not a dependency file or cannot be read. */
  get(path: string): DependencyFile | undefined {
    const read = this.texts.read(path);
    if (read.kind !== 'text') {
      this.cache.delete(path);
      if (read.kind === 'refused') this.refusedFiles.set(path, read.omission);
      else this.refusedFiles.delete(path);
      return undefined;
    }
    this.refusedFiles.delete(path);
    const cached = this.cache.get(path);
    if (cached && cached.file.text === read.text && [...cached.inputs].every(([p, state]) => sameInput(state, inputState(this.texts.read(p, path))))) return cached.file;
    const inputs = new Map<string, InputState>();
    const refused: Omission[] = [];
    const parsed = parseDependencyFile(path, read.text, {
      readFile: (p) => {
        const included = this.texts.read(p, path);
        inputs.set(p, inputState(included));
        if (included.kind === 'refused') refused.push(included.omission);
        return included.kind === 'text' ? included.text : undefined;
      },
    });
    if (!parsed) return undefined;
    const file = withRefusedIncludes(parsed, refused);
    this.cache.set(path, { file, inputs, refused });
    return file;
  }

  /** What was not read for this file: the file itself, or files it includes. Call after `get`. */
  omissionsFor(path: string): Omission[] {
    const own = this.refusedFiles.get(path);
    return own ? [own] : [...(this.cache.get(path)?.refused ?? [])];
  }

  /** Files that include `path` (requirements `-r`, parent POMs), so a change there re-checks them. */
  dependentsOf(path: string): string[] {
    const out: string[] = [];
    for (const [p, entry] of this.cache) if (entry.inputs.has(path)) out.push(p);
    return out;
  }

  /**
   * The lockfile that resolves a manifest: in its own folder first (highest priority wins, as the
   * package manager itself decides), else the nearest ancestor folder whose lockfile records this
   * folder as a workspace member, else a lockfile in the parent folder that has no manifest of its
   * own there (Gradle keeps `gradle.lockfile` in the project folder and the version catalog in
   * `gradle/`).
   */
  lockfileFor(manifest: DependencyFile, root?: string): { lockfile: DependencyFile; importerPath: string } | undefined {
    const declared = manifest.parser.kind.lockfiles ?? [];
    const preferred = manifest.result.project?.preferredLockfiles ?? [];
    const wanted = [...preferred, ...declared.filter((l) => !preferred.includes(l))];
    if (wanted.length === 0) return undefined;
    const dir = dirname(manifest.path);
    const here = this.lockfilesIn(dir, wanted);
    if (here[0]) return { lockfile: here[0], importerPath: '' };
    for (let parent = dirname(dir); ; parent = dirname(parent)) {
      if (root && !isInside(parent, root)) break;
      const importerPath = relative(parent, dir).split(sep).join('/');
      for (const lockfile of this.lockfilesIn(parent, wanted)) {
        const importers = lockfile.result.importers;
        if (importers ? importers.some((i) => i.path === importerPath) : this.declaresWorkspace(parent, importerPath)) return { lockfile, importerPath };
        if (!importers && parent === dirname(dir) && !this.hasManifestFor(parent, lockfile)) return { lockfile, importerPath };
      }
      if (parent === dirname(parent)) break;
    }
    return undefined;
  }

  private lockfilesIn(dir: string, wanted: readonly string[]): DependencyFile[] {
    const found: Array<{ file: DependencyFile; rank: number }> = [];
    for (const path of this.known) {
      if (dirname(path) !== dir) continue;
      const file = this.get(path);
      if (!file || file.result.kind !== 'lockfile') continue;
      const rank = wanted.indexOf(file.parser.kind.parser);
      if (rank !== -1) found.push({ file, rank });
    }
    return found.sort((a, b) => a.rank - b.rank || (b.file.parser.kind.priority ?? 0) - (a.file.parser.kind.priority ?? 0)).map((f) => f.file);
  }

  /** Whether a manifest in `dir` is resolved by this lockfile's kind (a lockfile's own manifest). */
  private hasManifestFor(dir: string, lockfile: DependencyFile): boolean {
    for (const path of this.known) {
      if (dirname(path) !== dir || path === lockfile.path) continue;
      const file = this.get(path);
      if (file?.result.kind === 'manifest' && file.parser.kind.lockfiles?.includes(lockfile.parser.kind.parser)) return true;
    }
    return false;
  }

  /** For lockfiles that record no importers: does the manifest next to them list this member? */
  private declaresWorkspace(dir: string, member: string): boolean {
    for (const path of this.known) {
      if (dirname(path) !== dir) continue;
      const file = this.get(path);
      const globs = file?.result.kind === 'manifest' ? file.result.project?.workspaces : undefined;
      if (globs?.some((g) => workspaceGlobMatches(g, member))) return true;
    }
    return false;
  }
}

/** Workspace member globs (`packages/*`, `apps/**`, `tools/cli`) against a relative folder. */
export function workspaceGlobMatches(glob: string, folder: string): boolean {
  const clean = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  const re = new RegExp(
    `^${clean
      .split('/')
      .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
      .join('/')}$`,
  );
  return re.test(folder);
}

function inputState(read: FileRead): InputState {
  if (read.kind === 'text') return { text: read.text };
  return read.kind === 'refused' ? { refused: `${read.omission.reason}: ${read.omission.detail}` } : undefined;
}

function sameInput(a: InputState, b: InputState): boolean {
  if (a === undefined || b === undefined) return a === b;
  return 'text' in a ? 'text' in b && a.text === b.text : 'refused' in b && a.refused === b.refused;
}
