import type { ExtractedPackage, Importer, PackageSource, ParseError, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';

/**
 * Gemfile.lock, read the way Bundler's LockfileParser reads it (hand-written: a line format with
 * no library). Source sections (`GEM`, `GIT`, `PATH`, `PLUGIN SOURCE`) hold `remote:` /
 * `revision:` options and `specs:`; a spec is `name (version[-platform])` at four spaces and its
 * dependencies `name (requirements)` at six. `DEPENDENCIES` lists what the Gemfile asks for
 * (`!` = from a non-default source): those are the direct dependencies. The version is the part
 * before the first `-`, as Bundler splits it (`1.13.3-x86_64-linux` is 1.13.3 for x86_64-linux).
 */
export function parseGemfileLock(_path: string, text: string): ParseResult {
  const index = new LineIndex(text);
  const state = new LockState(index);
  const conflict = /^(<<<<<<<|=======|>>>>>>>)( |$)/m.exec(text);
  if (conflict) {
    const range = index.range(conflict.index, conflict.index + conflict[1]!.length);
    return failure(`Gemfile.lock contains merge conflict markers at line ${range.start.line + 1}: resolve them, or run \`bundle lock\``, range);
  }
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let line = text.slice(lineStart, lineEnd);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    state.line(line, lineStart);
    lineStart = lineEnd + 1;
  }
  if (!state.sawSection && text.trim() !== '') {
    const first = text.length - text.trimStart().length;
    const range = index.range(first, Math.max(first + 1, text.indexOf('\n', first) === -1 ? text.length : text.indexOf('\n', first)));
    return failure('not a Gemfile.lock: no GEM, GIT, PATH or DEPENDENCIES section', range);
  }
  return state.result();
}

const SOURCE_SECTIONS: Record<string, PackageSource> = { GEM: 'registry', GIT: 'git', PATH: 'path', 'PLUGIN SOURCE': 'url' };
const KNOWN_SECTIONS = new Set([...Object.keys(SOURCE_SECTIONS), 'DEPENDENCIES', 'PLATFORMS', 'RUBY VERSION', 'BUNDLED WITH', 'CHECKSUMS']);

/** `name (version[-platform])` / `name (requirements)` / `name!`: Bundler's NAME_VERSION, minus the indent. */
const NAME_VERSION = /^(\S+?)(?: \(([^)]*)\))?(!)?$/;

interface Spec {
  pkg: ExtractedPackage;
  dependencyNames: string[];
}

class LockState {
  sawSection = false;
  private sawDependencies = false;
  private section = '';
  private source: PackageSource = 'registry';
  private remote?: string;
  private revision?: string;
  private inSpecs = false;
  private current?: Spec;
  private readonly specs: Spec[] = [];
  private readonly ids = new Set<string>();
  private readonly direct: Array<{ name: string; requirement: string }> = [];
  private readonly errors: ParseError[] = [];

  constructor(private readonly index: LineIndex) {}

  line(line: string, offset: number): void {
    if (line.trim() === '') return;
    if (!line.startsWith(' ')) return this.header(line.trim());
    if (this.section in SOURCE_SECTIONS) return this.sourceLine(line, offset);
    if (this.section === 'DEPENDENCIES') return this.dependencyLine(line, offset);
    // PLATFORMS, RUBY VERSION, BUNDLED WITH, CHECKSUMS and unknown sections carry no packages.
  }

  private header(name: string): void {
    this.section = name;
    this.current = undefined;
    this.inSpecs = false;
    this.remote = undefined;
    this.revision = undefined;
    if (KNOWN_SECTIONS.has(name)) this.sawSection = true;
    if (name === 'DEPENDENCIES') this.sawDependencies = true;
    this.source = SOURCE_SECTIONS[name] ?? 'registry';
  }

  private sourceLine(line: string, offset: number): void {
    const indent = line.length - line.trimStart().length;
    const content = line.trim();
    if (indent === 2) {
      this.inSpecs = content === 'specs:';
      const option = /^(remote|revision|ref):\s*(.*)$/.exec(content);
      // A second `remote:` in a GEM section (extra rubygems sources) does not change the source kind.
      if (option?.[1] === 'remote') this.remote ??= option[2];
      if (option?.[1] === 'revision') this.revision = option[2];
      return;
    }
    if (!this.inSpecs) return this.warn(line, offset, 'unexpected line in a source section');
    if (indent === 4) return this.spec(content, offset + indent, line, offset);
    if (indent === 6 && this.current) {
      const m = NAME_VERSION.exec(content);
      if (m) this.current.dependencyNames.push(m[1]!);
      return;
    }
    this.warn(line, offset, 'unexpected indentation in specs');
  }

  private spec(content: string, start: number, line: string, lineOffset: number): void {
    const m = NAME_VERSION.exec(content);
    const name = m?.[1];
    const full = m?.[2];
    if (!name || !full) {
      this.current = undefined;
      return this.warn(line, lineOffset, `spec "${content}" has no version`);
    }
    const dash = full.indexOf('-');
    const version = dash === -1 ? full : full.slice(0, dash);
    const versionStart = start + name.length + 2;
    let id = `${name}@${full}`;
    for (let n = 2; this.ids.has(id); n++) id = `${name}@${full}#${n}`;
    this.ids.add(id);
    const pkg: ExtractedPackage = {
      id,
      ecosystem: 'RubyGems',
      name,
      version,
      direct: false,
      groups: [],
      source: this.source,
      nameRange: this.index.range(start, start + name.length),
      versionRange: this.index.range(versionStart, versionStart + version.length),
    };
    if (this.remote !== undefined && this.source !== 'registry') pkg.resolved = this.remote;
    if (this.revision !== undefined && this.source === 'git') pkg.commit = this.revision;
    this.current = { pkg, dependencyNames: [] };
    this.specs.push(this.current);
  }

  private dependencyLine(line: string, offset: number): void {
    const content = line.trim();
    const m = NAME_VERSION.exec(content);
    if (!m || line.length - line.trimStart().length !== 2) return this.warn(line, offset, 'unexpected line in DEPENDENCIES');
    this.direct.push({ name: m[1]!, requirement: m[2] ?? '' });
  }

  private warn(line: string, offset: number, message: string): void {
    const start = offset + (line.length - line.trimStart().length);
    const range = this.index.range(start, offset + line.trimEnd().length);
    this.errors.push({ message: `Gemfile.lock line ${range.start.line + 1}: ${message}; skipped`, range, severity: 'warning' });
  }

  result(): ParseResult {
    const idsByName = new Map<string, string[]>();
    for (const { pkg } of this.specs) idsByName.set(pkg.name, [...(idsByName.get(pkg.name) ?? []), pkg.id]);
    for (const spec of this.specs) {
      spec.pkg.dependencies = spec.dependencyNames.flatMap((name) => idsByName.get(name) ?? []);
    }
    const directNames = new Set(this.direct.map((d) => d.name));
    for (const { pkg } of this.specs) pkg.direct = directNames.has(pkg.name);
    const packages = this.specs.map((s) => s.pkg);
    // Without a DEPENDENCIES section the lockfile names no roots: the engine uses the Gemfile's.
    if (!this.sawDependencies) return { kind: 'lockfile', packages, errors: this.errors };
    const importer: Importer = {
      path: '',
      dependencies: this.direct.flatMap((d) => idsByName.get(d.name) ?? []),
      requirements: Object.fromEntries(this.direct.map((d) => [d.name, d.requirement])),
    };
    return { kind: 'lockfile', packages, errors: this.errors, importers: [importer] };
  }
}

function failure(message: string, range: ReturnType<LineIndex['range']>): ParseResult {
  return { kind: 'lockfile', packages: [], errors: [{ message, range, severity: 'error' }] };
}
