import { basename } from 'node:path';
import { type ParserId, formatById } from '../files';
import { lockfileCommandOf } from '../format';
import type { OverrideFix, ParsedFile } from '../types';
import { normalizePypiName } from './names';
import { parsePep508 } from './pep508';
import { readPipfile } from './pipfile';
import { readPyproject } from './pyproject-toml';
import { type TomlTable, arrayAt, stringContentRange, tableAt } from '../../core/toml-document';
import { addArrayItem, addLineToTable, appendTable, insertAt, replaceRange, tomlString } from './toml-edits';

/**
 * Forces a transitive package to at least `version` with the mechanism the project's tool honours:
 *
 * - uv: `[tool.uv] constraint-dependencies` (constraints apply to the whole resolution without
 *   making the package a dependency; uv reads them from the workspace root);
 * - Poetry: no override mechanism exists, so the package becomes a direct dependency with
 *   `>=fixed` in `[tool.poetry.dependencies]` (or PEP 621 `[project] dependencies` in a Poetry 2
 *   project without that table); remove it once the parent requires the fixed version;
 * - PDM: `[tool.pdm.resolution.overrides]`;
 * - pipenv: a `[packages]` entry in the Pipfile;
 * - pip: a `name>=fixed` line in the requirements file.
 *
 * The lockfile command (`uv lock`, `poetry lock`, ...) comes with the fix; it runs only on request.
 */
export function overrideFix(manifest: ParsedFile, name: string, version: string, lockfileParser: string | undefined): OverrideFix | undefined {
  const normalised = normalizePypiName(name);
  const file = basename(manifest.path);
  const lower = file.toLowerCase();
  if (lower === 'pipfile') return pipfileOverride(manifest, normalised, version);
  if (lower !== 'pyproject.toml') {
    const text = manifest.text;
    const lead = text.length === 0 || text.endsWith('\n') ? '' : '\n';
    return { title: `Add ${normalised}>=${version} to ${file}`, edits: [insertAt(text, text.length, `${lead}${normalised}>=${version}\n`)] };
  }
  const read = readPyproject(manifest.path, manifest.text);
  if (!read.root) return undefined;
  const lockfile = formatById(lockfileParser ?? toolOf(read.root));
  const writer = lockfile ? PYPROJECT_WRITERS[lockfile.parser] : undefined;
  if (!lockfile || !writer) return undefined;
  const fix = writer(manifest.text, read.root, normalised, version);
  const command = lockfileCommandOf(lockfile);
  return fix && command ? { ...fix, command } : fix;
}

type PyprojectWriter = (text: string, root: TomlTable, name: string, version: string) => OverrideFix | undefined;

/** How each lockfile's tool is told to move a transitive package, by lockfile format. */
const PYPROJECT_WRITERS: Partial<Record<ParserId, PyprojectWriter>> = {
  'pypi/uv-lock': uvConstraint,
  'pypi/poetry-lock': poetryDependency,
  'pypi/pdm-lock': pdmOverride,
};

/** Without a lockfile, the tool whose settings the pyproject carries. */
function toolOf(root: TomlTable): ParserId | undefined {
  if (tableAt(root, 'tool', 'poetry')) return 'pypi/poetry-lock';
  if (tableAt(root, 'tool', 'uv')) return 'pypi/uv-lock';
  if (tableAt(root, 'tool', 'pdm')) return 'pypi/pdm-lock';
  return undefined;
}

function uvConstraint(text: string, root: TomlTable, name: string, version: string): OverrideFix | undefined {
  const title = `Constrain ${name} to >=${version} in [tool.uv] constraint-dependencies`;
  const requirement = tomlString(`${name}>=${version}`);
  const existing = arrayAt(root, 'tool', 'uv', 'constraint-dependencies');
  if (existing) {
    for (const item of existing.items) {
      if (item.kind !== 'string') continue;
      const parsed = parsePep508(item.value);
      if (parsed.ok && normalizePypiName(parsed.requirement.name) === name) {
        const [start, end] = stringContentRange(item, text);
        return { title, edits: [replaceRange(text, start, end, `${name}>=${version}`)] };
      }
    }
    const edit = addArrayItem(text, existing, requirement);
    return edit ? { title, edits: [edit] } : undefined;
  }
  const line = `constraint-dependencies = [${requirement}]`;
  const uv = tableAt(root, 'tool', 'uv');
  if (uv?.headers.length) {
    const edit = addLineToTable(text, uv, line);
    return edit ? { title, edits: [edit] } : undefined;
  }
  // A `[tool.uv]` header may still be added when only sub-tables (`[tool.uv.sources]`) exist;
  // not when dotted keys (`uv.x = ...` under `[tool]`) already defined the table.
  if (uv && ![...uv.entries.values()].every((e) => e.value.kind === 'table' && e.value.headers.length > 0)) return undefined;
  return { title, edits: [appendTable(text, 'tool.uv', [line])] };
}

function poetryDependency(text: string, root: TomlTable, name: string, version: string): OverrideFix | undefined {
  const title = `Add ${name}>=${version} as a direct dependency (Poetry has no override for transitive packages)`;
  const dependencies = tableAt(root, 'tool', 'poetry', 'dependencies');
  if (dependencies) {
    if ([...dependencies.entries.keys()].some((k) => normalizePypiName(k) === name)) return undefined;
    const edit = addLineToTable(text, dependencies, `${name} = ${tomlString(`>=${version}`)}`);
    return edit ? { title, edits: [edit] } : undefined;
  }
  const pep621 = arrayAt(root, 'project', 'dependencies');
  if (pep621) {
    const edit = addArrayItem(text, pep621, tomlString(`${name}>=${version}`));
    return edit ? { title, edits: [edit] } : undefined;
  }
  return undefined;
}

function pdmOverride(text: string, root: TomlTable, name: string, version: string): OverrideFix | undefined {
  const title = `Override ${name} to >=${version} in [tool.pdm.resolution.overrides]`;
  const line = `${name} = ${tomlString(`>=${version}`)}`;
  const overrides = tableAt(root, 'tool', 'pdm', 'resolution', 'overrides');
  if (overrides) {
    const existing = [...overrides.entries.values()].find((e) => normalizePypiName(e.key) === name);
    if (existing?.value.kind === 'string') {
      const [start, end] = stringContentRange(existing.value, text);
      return { title, edits: [replaceRange(text, start, end, `>=${version}`)] };
    }
    const edit = addLineToTable(text, overrides, line);
    return edit ? { title, edits: [edit] } : undefined;
  }
  return { title, edits: [appendTable(text, 'tool.pdm.resolution.overrides', [line])] };
}

function pipfileOverride(manifest: ParsedFile, name: string, version: string): OverrideFix | undefined {
  const read = readPipfile(manifest.path, manifest.text);
  if (!read.root) return undefined;
  const title = `Add ${name}>=${version} to [packages] (pipenv has no override for transitive packages)`;
  const line = `${name} = ${tomlString(`>=${version}`)}`;
  const packages = tableAt(read.root, 'packages');
  if (packages && [...packages.entries.keys()].some((k) => normalizePypiName(k) === name)) return undefined;
  const edit = packages ? addLineToTable(manifest.text, packages, line) : appendTable(manifest.text, 'packages', [line]);
  const command = lockfileCommandOf(formatById('pypi/pipfile-lock') ?? {});
  return edit ? { title, edits: [edit], ...(command ? { command } : {}) } : undefined;
}
