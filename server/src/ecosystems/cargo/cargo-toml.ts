import { basename } from 'node:path';
import type { ExtractedPackage, PackageSource, ParseError, ParseResult, ProjectInfo } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import type { ParseContext } from '../types';
import { type DependencySpec, dependencySpecs } from './dependency-specs';
import { exactCargoVersion } from './requirements';
import { syntaxError } from '../../core/syntax-error';
import { parseTomlSyntax } from '../../core/toml-syntax';
import { type TomlEntry, booleanValue, inlineEntries, innerOffsets, stringArray, stringValue, tomlEntries } from './toml-entries';
import { findWorkspaceRoot } from './workspace-root';

/**
 * Cargo.toml (https://doc.rust-lang.org/cargo/reference/manifest.html): one package per declared
 * dependency, in every dependency table including `[target.'cfg(…)'.*]` and
 * `[workspace.dependencies]`. The crate's own `[package]` is the project, not a dependency.
 *
 * - `package = "real-name"` renames: the package is the real crate, `alias` the key.
 * - `path`, `git` and alternative-`registry` dependencies are marked (`path`, `git`, `url`) and never
 *   matched against crates.io advisories.
 * - `{ workspace = true }` takes the requirement (and source, and rename) from the workspace root's
 *   `[workspace.dependencies]`, read through the parse context (listed in `inputs`); the version token
 *   lives in the root, so the member's entry has a name range only. Without a root, a warning.
 * - groups: `dev`, `build`, plus `optional` for `optional = true`.
 */
export function parseCargoToml(path: string, text: string, context?: ParseContext): ParseResult {
  const index = new LineIndex(text);
  const parsed = parseTomlSyntax(text);
  if ('error' in parsed) return { kind: 'manifest', packages: [], errors: [syntaxError(index, basename(path), parsed.error.message, parsed.error.offset)] };
  const entries = tomlEntries(parsed.ast);
  const specs = dependencySpecs(entries);
  const errors: ParseError[] = [];
  const inherits = specs.some((s) => booleanValue(s.fields.get('workspace')) === true) || isInherited(entries, 'version');
  const found = inherits ? findWorkspaceRoot(path, text, parsed.ast, entries, context) : { inputs: [] as string[] };
  const rootSpecs = found.root ? dependencySpecs(found.root.entries).filter((s) => s.table === 'workspace.dependencies') : [];
  const rootIsSelf = found.root?.path === path;

  const packages: ExtractedPackage[] = [];
  for (const spec of specs) {
    const inherited = booleanValue(spec.fields.get('workspace')) === true;
    const rootSpec = inherited ? rootSpecs.find((r) => r.key === spec.key) : undefined;
    if (inherited && !rootSpec && context) {
      errors.push({
        message: found.root ? `${spec.key} inherits from the workspace, but ${rootIsSelf ? 'this file' : found.root.path} has no [workspace.dependencies] entry for it` : `${spec.key} inherits from the workspace, but no workspace root Cargo.toml was found above this file`,
        range: index.range(...innerOffsets(spec.keyNode)),
        severity: 'warning',
      });
    }
    packages.push(dependencyPackage(spec, rootSpec, rootIsSelf, index));
  }

  const project = projectInfo(entries, found.root?.entries);
  const result: ParseResult = { kind: 'manifest', packages, errors, project };
  if (found.inputs.length) result.inputs = found.inputs;
  return result;
}

function dependencyPackage(spec: DependencySpec, rootSpec: DependencySpec | undefined, rootIsSelf: boolean, index: LineIndex): ExtractedPackage {
  // Fields that decide what the dependency is come from the root when inherited; `optional` and
  // `features` stay the member's own.
  const decisive = rootSpec ?? spec;
  const local = !rootSpec || rootIsSelf;
  const field = (name: string) => decisive.fields.get(name);
  const requirementNode = decisive.requirementNode ?? field('version');
  const requirement = stringValue(requirementNode);
  const renamed = stringValue(field('package'));
  const name = renamed ?? spec.key;

  const groups: string[] = [];
  if (spec.kind !== 'normal') groups.push(spec.kind);
  if (booleanValue(spec.fields.get('optional')) === true) groups.push('optional');

  const pkg: ExtractedPackage = {
    id: `${spec.table}:${spec.key}`,
    ecosystem: 'crates.io',
    name,
    version: requirement !== undefined ? (exactCargoVersion(requirement) ?? '') : '',
    direct: true,
    groups,
    source: sourceOf(decisive),
  };
  if (requirement !== undefined) pkg.requirement = requirement;
  else if (pkg.source === 'registry' && !rootSpec && booleanValue(spec.fields.get('workspace')) !== true) pkg.requirement = '*'; // Cargo reads a registry dependency without version as `*`
  if (requirementNode && local && requirement !== undefined) pkg.versionRange = index.range(...innerOffsets(requirementNode));
  const renameNode = field('package');
  pkg.nameRange = renamed !== undefined && renameNode && local ? index.range(...innerOffsets(renameNode)) : index.range(...innerOffsets(spec.keyNode));
  if (renamed !== undefined && renamed !== spec.key) pkg.alias = spec.key;

  const git = stringValue(field('git'));
  const path = stringValue(field('path'));
  if (path !== undefined) pkg.resolved = path;
  else if (git !== undefined) {
    pkg.resolved = git;
    const rev = stringValue(field('rev'));
    if (rev && /^[0-9a-f]{7,40}$/i.test(rev)) pkg.commit = rev;
  }
  return pkg;
}

/** A path wins over git, git over a registry: that is the order Cargo builds from. */
function sourceOf(spec: DependencySpec): PackageSource {
  if (spec.fields.has('path')) return 'path';
  if (spec.fields.has('git')) return 'git';
  if (spec.fields.has('registry') || spec.fields.has('registry-index')) return 'url';
  return 'registry';
}

/** `version.workspace = true` or `version = { workspace = true }` under `[package]`. */
function isInherited(entries: TomlEntry[], field: string): boolean {
  return entries.some((e) => {
    if (e.path[0] !== 'package' || e.path[1] !== field) return false;
    if (e.path.length === 3) return e.path[2] === 'workspace' && booleanValue(e.value) === true;
    return e.path.length === 2 && e.value.type === 'TOMLInlineTable' && inlineEntries(e.value).some((f) => f.path.join('.') === 'workspace' && booleanValue(f.value) === true);
  });
}

function projectInfo(entries: TomlEntry[], rootEntries: TomlEntry[] | undefined): ProjectInfo {
  const get = (list: TomlEntry[] | undefined, ...path: string[]) => list?.find((e) => e.path.length === path.length && e.path.every((p, i) => p === path[i]))?.value;
  const project: ProjectInfo = {};
  const name = stringValue(get(entries, 'package', 'name'));
  if (name !== undefined) project.name = name;
  const version = stringValue(get(entries, 'package', 'version')) ?? (isInherited(entries, 'version') ? stringValue(get(rootEntries, 'workspace', 'package', 'version')) : undefined);
  if (version !== undefined) project.version = version;
  const members = get(entries, 'workspace', 'members');
  if (members) project.workspaces = stringArray(members);
  return project;
}
