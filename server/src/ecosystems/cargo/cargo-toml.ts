import { basename } from 'node:path';
import type { ExtractedPackage, PackageSource, ParseError, ParseResult, ProjectInfo } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { type TomlString, type TomlTable, arrayAt, parseTomlDocument, stringAt, stringContentRange, tableAt } from '../../core/toml-document';
import type { ParseContext } from '../types';
import { type DependencySpec, dependencySpecs, isTrue, stringOf } from './dependency-specs';
import { exactCargoVersion } from './requirements';
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
  const parsed = parseTomlDocument(text, basename(path));
  if (!parsed.ok) return { kind: 'manifest', packages: [], errors: [parsed.error] };
  const root = parsed.root;
  const specs = dependencySpecs(root);
  const errors: ParseError[] = [];
  const inherits = specs.some((s) => isTrue(s.fields.get('workspace'))) || isInherited(root, 'version');
  const found = inherits ? findWorkspaceRoot(path, text, root, context) : { inputs: [] as string[] };
  const rootSpecs = found.root ? dependencySpecs(found.root.table).filter((s) => s.table === 'workspace.dependencies') : [];
  const rootIsSelf = found.root?.path === path;

  const packages: ExtractedPackage[] = [];
  for (const spec of specs) {
    const inherited = isTrue(spec.fields.get('workspace'));
    const rootSpec = inherited ? rootSpecs.find((r) => r.key === spec.key) : undefined;
    if (inherited && !rootSpec && context) {
      errors.push({
        message: found.root ? `${spec.key} inherits from the workspace, but ${rootIsSelf ? 'this file' : found.root.path} has no [workspace.dependencies] entry for it` : `${spec.key} inherits from the workspace, but no workspace root Cargo.toml was found above this file`,
        range: index.range(spec.entry.keyStart, spec.entry.keyEnd),
        severity: 'warning',
      });
    }
    packages.push(dependencyPackage(spec, rootSpec, rootIsSelf, text, index));
  }

  const project = projectInfo(root, found.root?.table);
  const result: ParseResult = { kind: 'manifest', packages, errors, project };
  if (found.inputs.length) result.inputs = found.inputs;
  return result;
}

function dependencyPackage(spec: DependencySpec, rootSpec: DependencySpec | undefined, rootIsSelf: boolean, text: string, index: LineIndex): ExtractedPackage {
  // Fields that decide what the dependency is come from the root when inherited; `optional` and
  // `features` stay the member's own.
  const decisive = rootSpec ?? spec;
  const local = !rootSpec || rootIsSelf;
  const field = (name: string) => decisive.fields.get(name);
  const version = field('version');
  const requirementNode: TomlString | undefined = decisive.requirement ?? (version?.value.kind === 'string' ? version.value : undefined);
  const requirement = requirementNode?.value;
  const renameEntry = field('package');
  const renamed = stringOf(renameEntry);
  const name = renamed ?? spec.key;

  const groups: string[] = [];
  if (spec.kind !== 'normal') groups.push(spec.kind);
  if (isTrue(spec.fields.get('optional'))) groups.push('optional');

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
  else if (pkg.source === 'registry' && !rootSpec && !isTrue(spec.fields.get('workspace'))) pkg.requirement = '*'; // Cargo reads a registry dependency without version as `*`
  if (requirementNode && local) pkg.versionRange = index.range(...stringContentRange(requirementNode, text));
  pkg.nameRange =
    renamed !== undefined && renameEntry?.value.kind === 'string' && local ? index.range(...stringContentRange(renameEntry.value, text)) : index.range(spec.entry.keyStart, spec.entry.keyEnd);
  if (renamed !== undefined && renamed !== spec.key) pkg.alias = spec.key;

  const git = stringOf(field('git'));
  const path = stringOf(field('path'));
  if (path !== undefined) pkg.resolved = path;
  else if (git !== undefined) {
    pkg.resolved = git;
    const rev = stringOf(field('rev'));
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

/** `version.workspace = true` or `version = { workspace = true }` under `[package]`: one table either way. */
function isInherited(root: TomlTable, field: string): boolean {
  return isTrue(tableAt(root, 'package', field)?.entries.get('workspace'));
}

function projectInfo(root: TomlTable, workspaceRoot: TomlTable | undefined): ProjectInfo {
  const project: ProjectInfo = {};
  const name = stringAt(root, 'package', 'name')?.value;
  if (name !== undefined) project.name = name;
  const version = stringAt(root, 'package', 'version')?.value ?? (isInherited(root, 'version') ? stringAt(workspaceRoot, 'workspace', 'package', 'version')?.value : undefined);
  if (version !== undefined) project.version = version;
  const members = arrayAt(root, 'workspace', 'members');
  if (members) project.workspaces = members.items.flatMap((item) => (item.kind === 'string' ? [item.value] : []));
  return project;
}
