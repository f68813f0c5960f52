import { basename } from 'node:path';
import type { ExtractedPackage, OverrideDeclaration, PackageSource, ParseError, ParseResult, ProjectInfo } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { overrideFieldsOf } from '../files';
import { IdAllocator } from './lock-graph';
import { normalizePypiName } from './names';
import { type Declaration, type DeclarationContext, keyedDeclarations, pep508Declaration } from './toml-declarations';
import { type TomlTable, arrayAt, parseTomlDocument, stringAt, stringContentRange, tableAt, tablesIn, valueAt } from '../../core/toml-document';
import { PYTHON_TOML } from './python-toml';

/**
 * pyproject.toml: every dependency list a Python tool reads from it.
 * - PEP 621 `[project] dependencies` (default group) and `[project.optional-dependencies]`
 *   (groups `optional` and the extra's name);
 * - PEP 735 `[dependency-groups]` (the group's name; `{include-group = "x"}` puts x's packages in
 *   the including group too);
 * - Poetry `[tool.poetry.dependencies]`, `dev-dependencies` (dev) and `group.<g>.dependencies` (g);
 * - uv's legacy `[tool.uv] dev-dependencies` and PDM's `[tool.pdm.dev-dependencies]` (dev);
 * - `[tool.uv.sources]` marks workspace / path / git / URL sources, and
 *   `[tool.uv.workspace] members` are the project's workspace globs.
 */
export function parsePyprojectToml(path: string, text: string): ParseResult {
  return readPyproject(path, text).result;
}

export interface PyprojectRead {
  result: ParseResult;
  declarations: Declaration[];
  root?: TomlTable;
}

export function readPyproject(path: string, text: string): PyprojectRead {
  const fileLabel = basename(path);
  const doc = parseTomlDocument(text, fileLabel, PYTHON_TOML);
  if (!doc.ok) return { result: { kind: 'manifest', packages: [], errors: [doc.error] }, declarations: [] };
  const root = doc.root;
  const errors: ParseError[] = [];
  const ctx: DeclarationContext = { text, index: new LineIndex(text), ids: new IdAllocator(), errors, fileLabel };
  const declarations: Declaration[] = [];
  const pep508List = (section: string, groups: string[], ...keys: string[]) => {
    for (const item of arrayAt(root, ...keys)?.items ?? []) {
      if (item.kind !== 'string') continue;
      const decl = pep508Declaration(ctx, item, section, groups);
      if (decl) declarations.push(decl);
    }
  };

  // PEP 621
  pep508List('project', [], 'project', 'dependencies');
  for (const [extra, entry] of tableAt(root, 'project', 'optional-dependencies')?.entries ?? []) {
    if (entry.value.kind === 'array') pep508List(`project.optional-dependencies.${extra}`, groupsFor('optional', extra), 'project', 'optional-dependencies', extra);
  }

  // PEP 735
  declarations.push(...dependencyGroups(ctx, root));

  // Poetry. With PEP 621 dependencies present (Poetry 2), `tool.poetry.dependencies` only adds
  // detail (source, develop) to the same names, so those entries are not separate dependencies.
  const pep621Names = new Set(declarations.filter((d) => d.pkg.id.startsWith('project:')).map((d) => d.pkg.name));
  const poetry = tableAt(root, 'tool', 'poetry');
  const poetryTables: Array<[string, string[], TomlTable | undefined]> = [
    ['tool.poetry.dependencies', [], tableAt(poetry, 'dependencies')],
    ['tool.poetry.dev-dependencies', ['dev'], tableAt(poetry, 'dev-dependencies')],
  ];
  for (const [group, entry] of tableAt(poetry, 'group')?.entries ?? []) {
    if (entry.value.kind === 'table') poetryTables.push([`tool.poetry.group.${group}.dependencies`, [normalizePypiName(group)], tableAt(entry.value, 'dependencies')]);
  }
  const poetrySources = new Map<string, ExtractedPackage>();
  for (const [section, groups, table] of poetryTables) {
    for (const [key, entry] of table?.entries ?? []) {
      if (key.toLowerCase() === 'python') continue;
      for (const decl of keyedDeclarations(ctx, entry, section, groups)) {
        if (section === 'tool.poetry.dependencies' && pep621Names.has(decl.pkg.name)) poetrySources.set(decl.pkg.name, decl.pkg);
        else declarations.push(decl);
      }
    }
  }
  for (const decl of declarations) {
    const detail = poetrySources.get(decl.pkg.name);
    if (detail && detail.source !== 'registry') markSource(decl.pkg, detail.source, detail.resolved);
  }

  // uv and PDM development dependencies
  pep508List('tool.uv.dev-dependencies', ['dev'], 'tool', 'uv', 'dev-dependencies');
  for (const [group, entry] of tableAt(root, 'tool', 'pdm', 'dev-dependencies')?.entries ?? []) {
    if (entry.value.kind === 'array') pep508List(`tool.pdm.dev-dependencies.${group}`, groupsFor('dev', group), 'tool', 'pdm', 'dev-dependencies', group);
  }

  applyUvSources(root, declarations);
  const project = projectInfo(root);
  const overrides = overrideDeclarations(ctx, root);
  if (overrides.length) project.overrides = overrides;
  return { result: { kind: 'manifest', packages: declarations.map((d) => d.pkg), errors, project }, declarations, root };
}

/**
 * Version floors the resolver applies to packages the project does not depend on directly (what
 * the transitive fixes write): uv's `constraint-dependencies` / `override-dependencies` and PDM's
 * `[tool.pdm.resolution.overrides]`. They are not dependencies; the engine uses them to tell
 * that a lockfile still holds a version they exclude.
 */
function overrideDeclarations(ctx: DeclarationContext, root: TomlTable): OverrideDeclaration[] {
  const out: OverrideDeclaration[] = [];
  // uv's fields are arrays of PEP 508 requirements; PDM's is a table of name = specifier.
  for (const { path, appliesTo } of OVERRIDE_FIELDS) {
    const value = valueAt(root, ...path);
    if (value?.kind === 'array') {
      for (const item of value.items) {
        if (item.kind !== 'string') continue;
        const decl = pep508Declaration(ctx, item, path.join('.'), []);
        if (decl?.pkg.requirement && decl.pkg.versionRange && decl.pkg.source === 'registry') {
          out.push({ name: decl.pkg.name, requirement: decl.pkg.requirement, range: decl.pkg.versionRange, appliesTo });
        }
      }
    } else if (value?.kind === 'table') {
      for (const [key, entry] of value.entries) {
        if (entry.value.kind !== 'string') continue;
        const [start, end] = stringContentRange(entry.value, ctx.text);
        out.push({ name: normalizePypiName(key), requirement: entry.value.value, range: ctx.index.range(start, end), appliesTo });
      }
    }
  }
  return out;
}

/** The fields through which uv and PDM force versions, from their lockfile entries. */
const OVERRIDE_FIELDS = overrideFieldsOf('PyPI');

function groupsFor(kind: string, name: string): string[] {
  const normalised = normalizePypiName(name);
  return normalised === kind ? [kind] : [kind, normalised];
}

/** PEP 735 groups, with `include-group` resolved (cycles and unknown names get a warning). */
function dependencyGroups(ctx: DeclarationContext, root: TomlTable): Declaration[] {
  const table = tableAt(root, 'dependency-groups');
  if (!table) return [];
  const declarations: Declaration[] = [];
  const includedBy = new Map<string, Set<string>>();
  const names = new Set([...table.entries.keys()].map(normalizePypiName));
  for (const [group, entry] of table.entries) {
    if (entry.value.kind !== 'array') continue;
    const groupName = normalizePypiName(group);
    for (const item of entry.value.items) {
      if (item.kind === 'string') {
        const decl = pep508Declaration(ctx, item, `dependency-groups.${group}`, [groupName]);
        if (decl) declarations.push(decl);
      } else if (item.kind === 'table') {
        const include = stringAt(item, 'include-group');
        if (!include) continue;
        const target = normalizePypiName(include.value);
        if (!names.has(target)) {
          const [start, end] = include.node.range;
          ctx.errors.push({ message: `${ctx.fileLabel}: dependency group \`${include.value}\` does not exist`, range: ctx.index.range(start, end), severity: 'warning' });
          continue;
        }
        let set = includedBy.get(target);
        if (!set) includedBy.set(target, (set = new Set()));
        set.add(groupName);
      }
    }
  }
  // A package of group g is also in every group that includes g, directly or through others.
  for (const decl of declarations) {
    const all = new Set(decl.pkg.groups);
    const stack = [...all];
    while (stack.length) {
      for (const parent of includedBy.get(stack.pop()!) ?? []) {
        if (!all.has(parent)) {
          all.add(parent);
          stack.push(parent);
        }
      }
    }
    decl.pkg.groups = [...all];
  }
  return declarations;
}

/** `[tool.uv.sources]`: a name taken from the workspace, a path, git or a URL is not the registry package. */
function applyUvSources(root: TomlTable, declarations: Declaration[]): void {
  const sources = tableAt(root, 'tool', 'uv', 'sources');
  if (!sources) return;
  const byName = new Map<string, { source: PackageSource; resolved?: string }>();
  for (const [key, entry] of sources.entries) {
    const options = entry.value.kind === 'table' ? [entry.value] : entry.value.kind === 'array' ? tablesIn(entry.value) : [];
    const chosen = options.map(uvSource).find((s) => s.source !== 'registry');
    if (chosen) byName.set(normalizePypiName(key), chosen);
  }
  for (const decl of declarations) {
    const source = byName.get(decl.pkg.name);
    if (source) markSource(decl.pkg, source.source, source.resolved);
  }
}

function uvSource(table: TomlTable): { source: PackageSource; resolved?: string } {
  const workspace = table.entries.get('workspace')?.value;
  if (workspace?.kind === 'boolean' && workspace.value === true) return { source: 'workspace' };
  for (const [key, source] of [['git', 'git'], ['path', 'path'], ['url', 'url']] as const) {
    const value = stringAt(table, key);
    if (value) return { source, resolved: value.value };
  }
  return { source: 'registry' };
}

function markSource(pkg: ExtractedPackage, source: PackageSource, resolved: string | undefined): void {
  pkg.source = source;
  pkg.version = '';
  if (resolved) pkg.resolved = resolved;
}

function projectInfo(root: TomlTable): ProjectInfo {
  const info: ProjectInfo = {};
  const name = stringAt(root, 'project', 'name') ?? stringAt(root, 'tool', 'poetry', 'name');
  const version = stringAt(root, 'project', 'version') ?? stringAt(root, 'tool', 'poetry', 'version');
  if (name) info.name = name.value;
  if (version) info.version = version.value;
  const members = arrayAt(root, 'tool', 'uv', 'workspace', 'members');
  if (members) info.workspaces = members.items.flatMap((m) => (m.kind === 'string' ? [m.value] : []));
  return info;
}
