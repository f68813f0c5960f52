import { basename, dirname } from 'node:path';
import type { ExtractedPackage, ParseError, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { syntaxError } from '../../core/syntax-error';
import { exactMavenVersion } from './maven-requirement';
import { parseTomlTree, tomlString, type TomlEntry, type TomlString, type TomlTable } from './toml-string-tree';

/**
 * Gradle version catalog (gradle/libs.versions.toml): a declaration file, read as a manifest.
 * Each `[libraries]` alias is one package; its version is inline (`version = "1.0"`, the
 * `"g:a:v"` shorthand), a `[versions]` reference (`version.ref`, `version = { ref = ... }`), or a
 * rich version (`strictly` / `require` / `prefer`, strongest first). A plain version is what Gradle
 * resolves absent conflicts, so it counts as exact; ranges and `1.+` do not. `[bundles]` only group
 * aliases and `[plugins]` are Gradle plugins (another purl space): neither is a package.
 */
export function parseLibsVersionsToml(path: string, text: string): ParseResult {
  const index = new LineIndex(text);
  const parsed = parseTomlTree(text);
  if ('error' in parsed) return { kind: 'manifest', packages: [], errors: [syntaxError(index, 'libs.versions.toml', parsed.error.message, parsed.error.offset)] };
  const root = parsed.root;
  const versions = tableAt(root, 'versions');
  const libraries = tableAt(root, 'libraries');
  const packages: ExtractedPackage[] = [];
  const errors: ParseError[] = [];
  for (const [alias, entry] of libraries?.entries ?? []) {
    const library = readLibrary(entry);
    if (!library) {
      errors.push({ message: `library "${alias}" has no module or group and name; skipped`, range: index.range(entry.keyStart, entry.keyEnd), severity: 'warning' });
      continue;
    }
    const pkg: ExtractedPackage = {
      id: `libraries:${alias}`,
      ecosystem: 'Maven',
      name: library.name,
      version: '',
      direct: true,
      groups: [],
      source: 'registry',
      nameRange: index.range(library.nameStart, library.nameEnd),
    };
    const version = library.version ?? resolveVersion(entry, versions, index, errors);
    if (version) {
      pkg.requirement = version.value;
      pkg.version = exactMavenVersion(version.value) ?? '';
      pkg.versionRange = index.range(version.start, version.end);
    }
    packages.push(pkg);
  }
  return { kind: 'manifest', packages, errors, ...catalogProject(path) };
}

/** A catalog in `gradle/` belongs to the build in the folder above (not to a project named "gradle"). */
function catalogProject(path: string): Pick<ParseResult, 'project'> {
  const dir = dirname(path);
  return basename(dir) === 'gradle' && basename(dirname(dir)) ? { project: { name: basename(dirname(dir)) } } : {};
}

interface Library {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Set for the `"group:artifact:version"` shorthand. */
  version?: TomlString;
}

function readLibrary(entry: TomlEntry): Library | undefined {
  const node = entry.node;
  if (node.kind === 'string') return shorthand(node);
  if (node.kind !== 'table') return undefined;
  const module = tomlString(node, 'module');
  if (module) {
    const colon = module.value.indexOf(':');
    if (colon <= 0 || colon === module.value.length - 1) return undefined;
    return { name: module.value, nameStart: module.start, nameEnd: module.end };
  }
  const group = tomlString(node, 'group');
  const name = tomlString(node, 'name');
  if (!group?.value || !name?.value) return undefined;
  return { name: `${group.value}:${name.value}`, nameStart: name.start, nameEnd: name.end };
}

/** `"group:artifact"` or `"group:artifact:version"`, written without escapes (the usual case). */
function shorthand(value: TomlString): Library | undefined {
  const parts = value.value.split(':');
  if (parts.length < 2 || parts.length > 3 || !parts[0] || !parts[1]) return undefined;
  const rawMatchesValue = value.end - value.start === value.value.length;
  const nameLength = parts[0].length + 1 + parts[1].length;
  const library: Library = { name: `${parts[0]}:${parts[1]}`, nameStart: value.start, nameEnd: rawMatchesValue ? value.start + nameLength : value.end };
  if (parts.length === 3 && parts[2]) {
    const versionStart = rawMatchesValue ? value.start + nameLength + 1 : value.start;
    library.version = { kind: 'string', value: parts[2], start: versionStart, end: value.end };
  }
  return library;
}

function resolveVersion(entry: TomlEntry, versions: TomlTable | undefined, index: LineIndex, errors: ParseError[]): TomlString | undefined {
  if (entry.node.kind !== 'table') return undefined;
  const version = entry.node.entries.get('version');
  if (!version) return undefined;
  if (version.node.kind === 'string') return version.node;
  if (version.node.kind !== 'table') return undefined;
  const ref = tomlString(version.node, 'ref');
  if (!ref) return richVersion(version.node);
  const target = versions?.entries.get(ref.value);
  if (!target) {
    errors.push({ message: `version reference "${ref.value}" is not declared in [versions]`, range: index.range(ref.start, ref.end), severity: 'warning' });
    return undefined;
  }
  if (target.node.kind === 'string') return target.node;
  return target.node.kind === 'table' ? richVersion(target.node) : undefined;
}

/** `strictly` wins over `require`, which wins over `prefer` (Gradle's rich version semantics). */
function richVersion(table: TomlTable): TomlString | undefined {
  return tomlString(table, 'strictly') ?? tomlString(table, 'require') ?? tomlString(table, 'prefer');
}

function tableAt(root: TomlTable, key: string): TomlTable | undefined {
  const node = root.entries.get(key)?.node;
  return node?.kind === 'table' ? node : undefined;
}
