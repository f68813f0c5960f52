import type { ExtractedPackage, PackageSource, ParseError } from '../../core/package';
import type { LineIndex } from '../../core/text-range';
import type { IdAllocator } from './lock-graph';
import { normalizePypiName } from './names';
import { requirementPackage } from './requirement-package';
import { type Pep508Requirement, parsePep508 } from './pep508';
import { exactPypiVersion } from './requirement-semantics';
import { type TomlEntry, type TomlString, type TomlTable, sourceOffset, stringAt, stringContentRange } from '../../core/toml-document';

/**
 * One dependency declared in a TOML manifest, with what a fix writer needs to edit it:
 * - `pep508`: a PEP 508 string (`"requests>=2; python_version<'3.8'"`, PEP 621 / PEP 735 / uv);
 * - `constraint`: a string holding only the version constraint (Poetry / Pipfile `name = "^2.0"`,
 *   or the `version` of their table form);
 * - `table`: a Poetry / Pipfile table without a `version` (`{ extras = [...] }`, `{ git = ... }`).
 */
export interface Declaration {
  pkg: ExtractedPackage;
  kind: 'pep508' | 'constraint' | 'table';
  value?: TomlString;
  requirement?: Pep508Requirement;
  table?: TomlTable;
}

export interface DeclarationContext {
  text: string;
  index: LineIndex;
  ids: IdAllocator;
  errors: ParseError[];
  fileLabel: string;
}

/** A dependency written as a PEP 508 string; a string that is not one gets a warning at its place. */
export function pep508Declaration(ctx: DeclarationContext, value: TomlString, section: string, groups: string[]): Declaration | undefined {
  const parsed = parsePep508(value.value);
  if (!parsed.ok) {
    const [start, end] = stringContentRange(value, ctx.text);
    ctx.errors.push({ message: `${ctx.fileLabel}: \`${value.value}\` is not a valid requirement: ${parsed.message}`, range: ctx.index.range(start, end), severity: 'warning' });
    return undefined;
  }
  const req = parsed.requirement;
  const at = (i: number) => sourceOffset(value, ctx.text, i);
  const pkg = requirementPackage(req, ctx.ids.next(`${section}:${normalizePypiName(req.name)}`), groups, (start, end) => ctx.index.range(at(start), at(end)));
  return { pkg, kind: 'pep508', value, requirement: req };
}

/**
 * A Poetry or Pipfile entry `name = "<constraint>"` or `name = { version = ..., git = ..., ... }`.
 * Poetry's array form (several constraints by marker) gives one declaration per element.
 */
export function keyedDeclarations(ctx: DeclarationContext, entry: TomlEntry, section: string, groups: string[]): Declaration[] {
  const name = normalizePypiName(entry.key);
  const nameRange = ctx.index.range(entry.keyStart, entry.keyEnd);
  const make = (requirement: string, source: PackageSource, extraGroups: string[]): ExtractedPackage => ({
    id: ctx.ids.next(`${section}:${name}`),
    ecosystem: 'PyPI',
    name,
    version: source === 'registry' ? (exactPypiVersion(requirement) ?? '') : '',
    requirement,
    direct: true,
    groups: [...new Set([...groups, ...extraGroups])],
    source,
    versionRange: nameRange,
    nameRange,
  });
  const value = entry.value;
  if (value.kind === 'string') {
    const pkg = make(value.value, 'registry', []);
    const [start, end] = stringContentRange(value, ctx.text);
    pkg.versionRange = ctx.index.range(start, end);
    return [{ pkg, kind: 'constraint', value }];
  }
  const tables = value.kind === 'table' ? [value] : value.kind === 'array' ? value.items.filter((i): i is TomlTable => i.kind === 'table') : [];
  return tables.map((table) => tableDeclaration(ctx, table, make));
}

function tableDeclaration(ctx: DeclarationContext, table: TomlTable, make: (requirement: string, source: PackageSource, extraGroups: string[]) => ExtractedPackage): Declaration {
  const version = stringAt(table, 'version');
  const git = stringAt(table, 'git');
  const path = stringAt(table, 'path') ?? stringAt(table, 'file');
  const url = stringAt(table, 'url');
  const optional = table.entries.get('optional')?.value;
  const extraGroups = optional?.kind === 'boolean' && optional.value === true ? ['optional'] : [];
  const source: PackageSource = git ? 'git' : path ? (/^[a-z][a-z0-9+.-]*:\/\//i.test(path.value) ? 'url' : 'path') : url ? 'url' : 'registry';
  const pkg = make(source === 'registry' ? (version?.value ?? '') : (git ?? path ?? url)!.value, source, extraGroups);
  const location = git ?? path ?? url;
  if (location) pkg.resolved = location.value;
  if (git) {
    const rev = stringAt(table, 'rev') ?? stringAt(table, 'ref');
    if (rev && /^[0-9a-f]{40}$/i.test(rev.value)) pkg.commit = rev.value.toLowerCase();
  }
  if (source === 'registry' && version) {
    const [start, end] = stringContentRange(version, ctx.text);
    pkg.versionRange = ctx.index.range(start, end);
    return { pkg, kind: 'constraint', value: version, table };
  }
  return { pkg, kind: 'table', table };
}
