import { basename, dirname, join } from 'node:path';
import type { ExtractedPackage, ParseResult, ProjectInfo } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import type { ParseContext } from '../types';
import { readGoSum } from './go-sum';
import { compareModuleVersions, goVersionAtLeast, isGoLanguageVersion, isModuleVersion, withoutV } from './go-versions';
import { modfileFailure, stdlibPackage, tokenRange } from './modfile-packages';
import { type GoDirective, type GoToken, readModfileSyntax } from './modfile-syntax';
import { type DirectiveError, type GoReplace, readReplace } from './replace-directive';

/**
 * go.mod is both manifest and lock: minimal version selection builds with exactly the versions
 * `require` names (since go 1.17 every module in the build list is listed, `// indirect` marking
 * those the main module does not import itself). What Chainsight reports:
 *
 * - every `require`, version without its `v`; `// indirect` ones with `direct: false` and group
 *   `indirect`;
 * - a `replace` that applies to a required module swaps in what is actually built: another module
 *   version (reported under the replacement's name and version, positioned on the replace line,
 *   with `alias` = the path the code imports), or a local directory (reported under the original
 *   name, `source: 'path'`, never matched against advisories);
 * - `stdlib` at the `toolchain` release when present, else at the `go` version (the minimum Go
 *   the module builds with), as osv-scanner does; group `stdlib`;
 * - for modules before go 1.17, whose go.mod omits most indirect requirements and may list a
 *   requirement below the version minimal version selection picks, the go.sum next to it (read
 *   through the parse context) completes the build list the way cmd/go builds it: see
 *   `addGoSumModules`.
 *
 * `exclude`, `retract`, `godebug`, `tool` and `ignore` name no dependency of the build.
 */
export function parseGoMod(path: string, text: string, context?: ParseContext): ParseResult {
  const index = new LineIndex(text);
  const what = basename(path);
  const fail = (message: string, start: number, end: number) => modfileFailure(what, index, message, start, end);

  const syntax = readModfileSyntax(text);
  if (syntax.error) return fail(syntax.error.message, syntax.error.start, syntax.error.end);

  const read = readGoModDirectives(syntax.directives);
  if ('message' in read) return fail(read.message, read.start, read.end);

  const packages = applyReplacements(read.requires, read.replaces, index);

  const stdlib = stdlibPackage(read, index);
  if (stdlib) packages.push(stdlib);

  const project: ProjectInfo = {};
  if (read.module) project.name = read.module.text;
  const result: ParseResult = { kind: 'manifest', packages, errors: [], project };

  const goVersion = read.go?.text;
  // A go.mod without a `go` line is read as go 1.16 by the go command.
  if (context && (goVersion === undefined || !goVersionAtLeast(goVersion, 1, 17))) {
    const sumPath = join(dirname(path), 'go.sum');
    const sumText = context.readFile(sumPath);
    if (sumText !== undefined) {
      result.inputs = [sumPath];
      addGoSumModules(result, sumText, read.replaces);
    }
  }
  return result;
}

export interface GoRequire {
  name: GoToken;
  version: GoToken;
  indirect: boolean;
}

export interface GoModDirectives {
  module?: GoToken;
  go?: GoToken;
  toolchain?: GoToken;
  requires: GoRequire[];
  replaces: GoReplace[];
}

const IGNORED_VERBS = new Set(['exclude', 'retract', 'godebug', 'tool', 'ignore']);

function readGoModDirectives(directives: GoDirective[]): GoModDirectives | DirectiveError {
  const out: GoModDirectives = { requires: [], replaces: [] };
  for (const d of directives) {
    const wrongArgs = (usage: string): DirectiveError => ({ message: `usage: ${usage}`, start: d.verbToken.start, end: d.lineEnd });
    switch (d.verb) {
      case 'module':
        if (d.args.length !== 1) return wrongArgs('module module/path');
        out.module = d.args[0]!;
        break;
      case 'go': {
        const version = d.args[0];
        if (d.args.length !== 1 || !version) return wrongArgs('go 1.23');
        if (!isGoLanguageVersion(version.text)) return { message: `invalid go version "${version.text}"`, start: version.start, end: version.end };
        out.go = version;
        break;
      }
      case 'toolchain':
        if (d.args.length !== 1) return wrongArgs('toolchain go1.23.4');
        out.toolchain = d.args[0]!;
        break;
      case 'require': {
        if (d.args.length !== 2) return wrongArgs('require module/path v1.2.3');
        const [name, version] = d.args as [GoToken, GoToken];
        if (!isModuleVersion(version.text)) return { message: `invalid module version "${version.text}"`, start: version.start, end: version.end };
        out.requires.push({ name, version, indirect: isIndirect(d) });
        break;
      }
      case 'replace': {
        const replace = readReplace(d);
        if ('message' in replace) return replace;
        out.replaces.push(replace);
        break;
      }
      default:
        if (!IGNORED_VERBS.has(d.verb)) return { message: `unknown directive: ${d.verb}`, start: d.verbToken.start, end: d.verbToken.end };
    }
  }
  return out;
}

/** `// indirect`, or `// indirect; other note`, as cmd/go writes and reads it. */
function isIndirect(d: GoDirective): boolean {
  const comment = d.comment?.text;
  return comment !== undefined && (comment === 'indirect' || comment.startsWith('indirect;'));
}

function applyReplacements(requires: GoRequire[], replaces: GoReplace[], index: LineIndex): ExtractedPackage[] {
  const packages: ExtractedPackage[] = [];
  const byKey = new Map<string, ExtractedPackage>();
  const usedIds = new Set<string>();
  for (const req of requires) {
    const replace =
      replaces.find((r) => r.oldPath.text === req.name.text && r.oldVersion?.text === req.version.text) ??
      replaces.find((r) => r.oldPath.text === req.name.text && r.oldVersion === undefined);
    const group = req.indirect ? 'indirect' : 'require';
    let id = `${group}:${req.name.text}`;
    if (usedIds.has(id)) id = `${id}@${req.version.text}`;
    usedIds.add(id);

    let pkg: ExtractedPackage;
    if (!replace) {
      pkg = modulePackage(id, req.name, req.version, index);
    } else if (replace.newVersion) {
      pkg = modulePackage(id, replace.newPath, replace.newVersion, index);
      if (replace.newPath.text !== req.name.text) pkg.alias = req.name.text;
    } else {
      pkg = {
        id,
        ecosystem: 'Go',
        name: req.name.text,
        version: '',
        requirement: req.version.text,
        direct: true,
        groups: [],
        source: 'path',
        nameRange: tokenRange(req.name, index),
        resolved: replace.newPath.text,
      };
    }
    pkg.direct = !req.indirect;
    if (req.indirect) pkg.groups = ['indirect'];

    // Two requirements replaced by the same module version are one package in the build.
    const key = `${pkg.name}@${pkg.version}@${pkg.source}`;
    const seen = byKey.get(key);
    if (seen) {
      if (pkg.direct && !seen.direct) {
        seen.direct = true;
        seen.groups = [];
      }
      continue;
    }
    byKey.set(key, pkg);
    packages.push(pkg);
  }
  return packages;
}

function modulePackage(id: string, name: GoToken, version: GoToken, index: LineIndex): ExtractedPackage {
  return {
    id,
    ecosystem: 'Go',
    name: name.text,
    version: withoutV(version.text),
    requirement: version.text,
    direct: true,
    groups: [],
    source: 'registry',
    nameRange: tokenRange(name, index),
    versionRange: tokenRange(version, index),
  };
}

/**
 * Before go 1.17 the module graph is unpruned: minimal version selection walks the requirements of
 * every module version it reaches and builds each module at the highest version anywhere in that
 * graph, which the main go.mod need not list (it lists direct requirements, at their minimum). What
 * the graph selected is recorded in go.sum: cmd/go writes a `/go.mod` hash for every version it
 * reached and a full-content hash for the version whose code it downloaded to build. So each module
 * with a full-content hash is in the build at the highest such version (older ones linger from
 * before upgrades), and a requirement go.mod lists lower is built at that higher version: the
 * package keeps its go.mod requirement and position, and takes the version that is built.
 * Modules with only `/go.mod` hashes were read for the graph but never built. Replaced modules keep
 * their replacement.
 */
function addGoSumModules(result: ParseResult, sumText: string, replaces: GoReplace[]): void {
  const sum = readGoSum(sumText);
  if (sum.error) {
    result.errors.push({ message: `go.sum could not be read (${sum.error.message}); modules it lists are missing`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'warning' });
    return;
  }
  const required = new Map(result.packages.filter((p) => p.source === 'registry' && p.name !== 'stdlib').map((p) => [p.name, p]));
  const replaced = new Set(replaces.map((r) => r.oldPath.text));
  const known = new Set(result.packages.map((p) => p.name));
  for (const m of sum.modules) {
    const listed = replaced.has(m.name) ? undefined : required.get(m.name);
    if (listed && !listed.alias && listed.requirement !== undefined && compareModuleVersions(m.version, listed.requirement) > 0) {
      listed.version = withoutV(m.version);
      listed.integrity = m.hash;
    }
    if (known.has(m.name) || replaced.has(m.name)) continue;
    result.packages.push({
      id: `go.sum:${m.name}`,
      ecosystem: 'Go',
      name: m.name,
      version: withoutV(m.version),
      direct: false,
      groups: ['indirect'],
      source: 'registry',
      integrity: m.hash,
    });
  }
}
