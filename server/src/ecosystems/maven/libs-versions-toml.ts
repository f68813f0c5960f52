import { basename, dirname } from 'node:path';
import type { ExtractedPackage, ParseError, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { type TomlEntry, type TomlTable, type TomlValue, parseTomlDocument, stringAt, stringContentRange, tableAt } from '../../core/toml-document';
import { exactMavenVersion } from './maven-requirement';

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
  const parsed = parseTomlDocument(text, 'libs.versions.toml');
  if (!parsed.ok) return { kind: 'manifest', packages: [], errors: [parsed.error] };
  const root = parsed.root;
  const read = readerOf(text);
  const versions = tableAt(root, 'versions');
  const libraries = tableAt(root, 'libraries');
  const packages: ExtractedPackage[] = [];
  const errors: ParseError[] = [];
  for (const [alias, entry] of libraries?.entries ?? []) {
    const library = readLibrary(entry, read);
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
    const version = library.version ?? resolveVersion(entry, versions, index, errors, read);
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

/** A string's value with the offsets of its content in the text (quotes excluded). */
interface StringAt {
  value: string;
  start: number;
  end: number;
}

/** A string value of the table by key, or a value itself, with its content's offsets. */
type StringReader = (table: TomlTable | undefined, key?: string, value?: TomlValue) => StringAt | undefined;

function readerOf(text: string): StringReader {
  return (table, key, value) => {
    const found = value?.kind === 'string' ? value : key !== undefined ? stringAt(table, key) : undefined;
    if (!found) return undefined;
    const [start, end] = stringContentRange(found, text);
    return { value: found.value, start, end };
  };
}

interface Library {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Set for the `"group:artifact:version"` shorthand. */
  version?: StringAt;
}

function readLibrary(entry: TomlEntry, read: StringReader): Library | undefined {
  const value = entry.value;
  if (value.kind === 'string') return shorthand(read(undefined, undefined, value)!);
  if (value.kind !== 'table') return undefined;
  const module = read(value, 'module');
  if (module) {
    const colon = module.value.indexOf(':');
    if (colon <= 0 || colon === module.value.length - 1) return undefined;
    return { name: module.value, nameStart: module.start, nameEnd: module.end };
  }
  const group = read(value, 'group');
  const name = read(value, 'name');
  if (!group?.value || !name?.value) return undefined;
  return { name: `${group.value}:${name.value}`, nameStart: name.start, nameEnd: name.end };
}

/** `"group:artifact"` or `"group:artifact:version"`, written without escapes (the usual case). */
function shorthand(value: StringAt): Library | undefined {
  const parts = value.value.split(':');
  if (parts.length < 2 || parts.length > 3 || !parts[0] || !parts[1]) return undefined;
  const rawMatchesValue = value.end - value.start === value.value.length;
  const nameLength = parts[0].length + 1 + parts[1].length;
  const library: Library = { name: `${parts[0]}:${parts[1]}`, nameStart: value.start, nameEnd: rawMatchesValue ? value.start + nameLength : value.end };
  if (parts.length === 3 && parts[2]) {
    const versionStart = rawMatchesValue ? value.start + nameLength + 1 : value.start;
    library.version = { value: parts[2], start: versionStart, end: value.end };
  }
  return library;
}

function resolveVersion(entry: TomlEntry, versions: TomlTable | undefined, index: LineIndex, errors: ParseError[], read: StringReader): StringAt | undefined {
  if (entry.value.kind !== 'table') return undefined;
  const version = entry.value.entries.get('version');
  if (!version) return undefined;
  if (version.value.kind === 'string') return read(undefined, undefined, version.value);
  if (version.value.kind !== 'table') return undefined;
  const ref = read(version.value, 'ref');
  if (!ref) return richVersion(version.value, read);
  const target = versions?.entries.get(ref.value);
  if (!target) {
    errors.push({ message: `version reference "${ref.value}" is not declared in [versions]`, range: index.range(ref.start, ref.end), severity: 'warning' });
    return undefined;
  }
  if (target.value.kind === 'string') return read(undefined, undefined, target.value);
  return target.value.kind === 'table' ? richVersion(target.value, read) : undefined;
}

/** `strictly` wins over `require`, which wins over `prefer` (Gradle's rich version semantics). */
function richVersion(table: TomlTable, read: StringReader): StringAt | undefined {
  return read(table, 'strictly') ?? read(table, 'require') ?? read(table, 'prefer');
}
