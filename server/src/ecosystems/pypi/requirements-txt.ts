import { basename, dirname, relative, resolve } from 'node:path';
import type { ExtractedPackage, ParseError, ParseResult } from '../../core/package';
import { LineIndex, type Range } from '../../core/text-range';
import type { ParseContext } from '../types';
import { IdAllocator } from './lock-graph';
import { sha256Hex } from './locked-artifacts';
import { normalizePypiName } from './names';
import { requirementPackage } from './requirement-package';
import { exactPypiVersion } from './requirement-semantics';
import { type IncludeEntry, type RequirementsEntry, scanRequirements } from './requirements-entries';
import { sourceAt, sourceEnd } from './requirements-lines';
import { constraintSet, contains } from './version-constraints';

/**
 * pip requirements files (`requirements*.txt`). Each requirement is a direct dependency; `==` (or
 * `===`) pins are the version pip installs, anything else leaves `version` empty. `-r` includes
 * are followed through `context.readFile` (relative to the including file, each file once, so
 * cycles end); their packages are returned with the include line as their place, since that line
 * is what brings them in. `-c` constraint files add no packages, but a pin there is the version
 * pip installs for a requirement that does not pin itself.
 */
export function parseRequirementsTxt(path: string, text: string, context?: ParseContext): ParseResult {
  const index = new LineIndex(text);
  const root = resolve(path);
  const walk: Walk = { rootDir: dirname(root), visited: new Set([root]), inputs: [], errors: [], constraints: new Map(), context };
  const own: ExtractedPackage[] = [];
  const included: ExtractedPackage[] = [];
  const ids = new IdAllocator();
  const groups = groupsForRequirementsFile(path);

  for (const entry of scanRequirements(text)) {
    const place = (start: number, end: number): Range => index.range(sourceAt(entry.line, start), sourceEnd(entry.line, end));
    switch (entry.kind) {
      case 'invalid':
        walk.errors.push({ message: `${basename(path)}: ${entry.message}`, range: place(entry.start, entry.end), severity: 'warning' });
        break;
      case 'include': {
        const range = place(entry.pathStart, entry.pathEnd);
        if (entry.constraint) readConstraints(walk, root, entry, range);
        else included.push(...readIncluded(walk, root, entry, range, ids));
        break;
      }
      default: {
        const pkg = packageFor(entry, groups, place, ids, '');
        if (pkg) own.push(pkg);
      }
    }
  }

  const seen = new Set(own.map((p) => `${p.name}@${p.version}`));
  const names = new Set(own.map((p) => p.name));
  const packages = [...own];
  for (const pkg of included) {
    // The same name and version from several files is one dependency: report it where it is first
    // declared. An unpinned requirement adds nothing to a name that is already required.
    const key = `${pkg.name}@${pkg.version}`;
    if (seen.has(key) || (!pkg.version && names.has(pkg.name))) continue;
    seen.add(key);
    names.add(pkg.name);
    packages.push(pkg);
  }
  applyConstraintPins(packages, walk.constraints);
  return { kind: 'manifest', packages, errors: walk.errors, ...(walk.inputs.length ? { inputs: walk.inputs } : {}) };
}

interface Walk {
  rootDir: string;
  visited: Set<string>;
  inputs: string[];
  errors: ParseError[];
  /** Normalised name → version pinned by a constraints file. */
  constraints: Map<string, string>;
  context: ParseContext | undefined;
}

/** Requirements of an included file (and its includes), placed at `range` in the root file. */
function readIncluded(walk: Walk, fromFile: string, entry: IncludeEntry, range: Range, ids: IdAllocator): ExtractedPackage[] {
  const text = readInclude(walk, fromFile, entry, range);
  if (text === undefined) return [];
  const file = resolve(dirname(fromFile), entry.path);
  const label = `-r ${relative(walk.rootDir, file).replace(/\\/g, '/')}`;
  const groups = groupsForRequirementsFile(file);
  const out: ExtractedPackage[] = [];
  for (const nested of scanRequirements(text)) {
    if (nested.kind === 'include') {
      if (nested.constraint) readConstraints(walk, file, nested, range);
      else out.push(...readIncluded(walk, file, nested, range, ids));
    } else if (nested.kind !== 'invalid') {
      const pkg = packageFor(nested, groups, () => range, ids, label);
      if (pkg) out.push(pkg);
    }
  }
  return out;
}

function readConstraints(walk: Walk, fromFile: string, entry: IncludeEntry, range: Range): void {
  const text = readInclude(walk, fromFile, entry, range);
  if (text === undefined) return;
  const file = resolve(dirname(fromFile), entry.path);
  for (const nested of scanRequirements(text)) {
    if (nested.kind === 'include') readConstraints(walk, file, nested, range);
    if (nested.kind !== 'requirement') continue;
    const pin = exactPypiVersion(nested.requirement.specifier);
    const name = normalizePypiName(nested.requirement.name);
    if (pin && !walk.constraints.has(name)) walk.constraints.set(name, pin);
  }
}

/** The included file's text, or undefined (with a warning at the include) when it cannot be read. */
function readInclude(walk: Walk, fromFile: string, entry: IncludeEntry, range: Range): string | undefined {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(entry.path)) {
    walk.errors.push({ message: `${entry.path} is a remote file: Chainsight does not download it, so its requirements are not checked`, range, severity: 'warning' });
    return undefined;
  }
  if (!walk.context) return undefined;
  const file = resolve(dirname(fromFile), entry.path);
  if (walk.visited.has(file)) return undefined;
  walk.visited.add(file);
  walk.inputs.push(file);
  let text: string | undefined;
  try {
    text = walk.context.readFile(file);
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    const what = entry.constraint ? 'constraints file' : 'requirements file';
    walk.errors.push({ message: `could not read the ${what} ${entry.path} (${file}): its requirements are not checked`, range, severity: 'warning' });
  }
  return text;
}

function packageFor(
  entry: Exclude<RequirementsEntry, IncludeEntry | { kind: 'invalid' }>,
  groups: string[],
  place: (start: number, end: number) => Range,
  ids: IdAllocator,
  includeLabel: string,
): ExtractedPackage | undefined {
  const idFor = (name: string) => ids.next(`${includeLabel ? `${includeLabel}:` : `${groups[0] ?? 'default'}:`}${name}`);
  if (entry.kind === 'link') {
    if (!entry.name || entry.isProjectItself) return undefined;
    const name = normalizePypiName(entry.name);
    return {
      id: idFor(name),
      ecosystem: 'PyPI',
      name,
      version: entry.version,
      requirement: entry.link,
      direct: true,
      groups,
      source: entry.source,
      versionRange: place(entry.linkStart, entry.linkEnd),
      nameRange: place(entry.nameStart, entry.nameEnd),
      resolved: entry.link,
      ...(entry.commit ? { commit: entry.commit } : {}),
    };
  }
  const req = entry.requirement;
  const pkg = requirementPackage(req, idFor(normalizePypiName(req.name)), groups, place);
  // `--hash=sha256:…` (hash-checking mode): the files pip accepts, by hash only.
  const artifacts = entry.options.flatMap((o) => {
    if (o.name !== '--hash') return [];
    const hex = sha256Hex(entry.line.text.slice(o.start, o.end).replace(/^--hash[=\s]\s*/, ''));
    return hex ? [{ hash: `sha256:${hex}` }] : [];
  });
  if (pkg && artifacts.length > 0) pkg.artifacts = artifacts;
  return pkg;
}

function applyConstraintPins(packages: ExtractedPackage[], constraints: ReadonlyMap<string, string>): void {
  if (constraints.size === 0) return;
  for (const pkg of packages) {
    if (pkg.version || pkg.source !== 'registry') continue;
    const pin = constraints.get(pkg.name);
    if (!pin) continue;
    const set = constraintSet(pkg.requirement ?? '');
    if (!set || contains(set, pin)) pkg.version = pin;
  }
}

/**
 * Groups from the file's name: `requirements-dev.txt`, `dev-requirements.txt` and
 * `requirements/dev.txt` hold development tools, `*test*` test tools, `*docs*` documentation tools.
 */
export function groupsForRequirementsFile(path: string): string[] {
  const words = basename(path).replace(/\.(txt|in)$/i, '').toLowerCase().split(/[-_.]+/);
  if (words.some((w) => w === 'dev' || w === 'develop' || w === 'development')) return ['dev'];
  if (words.some((w) => w === 'test' || w === 'tests' || w === 'testing')) return ['test'];
  if (words.some((w) => w === 'doc' || w === 'docs')) return ['docs'];
  return [];
}
