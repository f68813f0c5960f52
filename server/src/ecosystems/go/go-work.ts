import { basename, dirname, join } from 'node:path';
import type { ExtractedPackage, ParseResult, ProjectInfo } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import type { ParseContext } from '../types';
import { withoutV } from './go-versions';
import { modfileFailure, stdlibPackage, tokenRange } from './modfile-packages';
import { type GoToken, readModfileSyntax } from './modfile-syntax';
import { type GoReplace, readReplace } from './replace-directive';

/**
 * go.work (https://go.dev/ref/mod#go-work-file): `use` directories are the workspace members
 * (`project.workspaces`, '/'-separated, without `./`); in workspace mode the go.work's `go` and
 * `toolchain` lines choose the Go release, so `stdlib` is reported here as in go.mod.
 *
 * A workspace-level `replace` wins over the members' own; it takes effect only for a module some
 * member requires. With a parse context the parser reads each member's go.mod (listed in `inputs`)
 * and reports the replacement module versions that do take effect, positioned on the replace line,
 * `direct: false`, group `replace`. Local-directory replacements are not reported (nothing to match).
 */
export function parseGoWork(path: string, text: string, context?: ParseContext): ParseResult {
  const index = new LineIndex(text);
  const what = basename(path);
  const fail = (message: string, start: number, end: number) => modfileFailure(what, index, message, start, end);

  const syntax = readModfileSyntax(text);
  if (syntax.error) return fail(syntax.error.message, syntax.error.start, syntax.error.end);

  const uses: GoToken[] = [];
  const replaces: GoReplace[] = [];
  let go: GoToken | undefined;
  let toolchain: GoToken | undefined;
  for (const d of syntax.directives) {
    switch (d.verb) {
      case 'go':
        if (d.args.length !== 1) return fail('usage: go 1.23', d.verbToken.start, d.lineEnd);
        go = d.args[0];
        break;
      case 'toolchain':
        if (d.args.length !== 1) return fail('usage: toolchain go1.23.4', d.verbToken.start, d.lineEnd);
        toolchain = d.args[0];
        break;
      case 'use':
        if (d.args.length !== 1) return fail('usage: use ./module/dir', d.verbToken.start, d.lineEnd);
        uses.push(d.args[0]!);
        break;
      case 'replace': {
        const replace = readReplace(d);
        if ('message' in replace) return fail(replace.message, replace.start, replace.end);
        replaces.push(replace);
        break;
      }
      case 'godebug':
        break;
      default:
        return fail(`unknown directive: ${d.verb}`, d.verbToken.start, d.verbToken.end);
    }
  }

  const project: ProjectInfo = { workspaces: uses.map((u) => memberFolder(u.text)) };
  const packages: ExtractedPackage[] = [];
  const stdlib = stdlibPackage({ go, toolchain }, index);
  if (stdlib) packages.push(stdlib);

  const result: ParseResult = { kind: 'manifest', packages, errors: [], project };
  if (context && replaces.some((r) => r.newVersion)) {
    const required = new Set<string>();
    const inputs: string[] = [];
    for (const use of uses) {
      const modPath = join(dirname(path), use.text, 'go.mod');
      const modText = context.readFile(modPath);
      if (modText === undefined) {
        result.errors.push({ message: `${use.text}/go.mod could not be read: workspace replacements for it are not checked`, range: tokenRange(use, index), severity: 'warning' });
        continue;
      }
      inputs.push(modPath);
      for (const req of requiredModules(modText)) required.add(req);
    }
    result.inputs = inputs;
    for (const r of replaces) {
      if (!r.newVersion) continue;
      const applies = r.oldVersion ? required.has(`${r.oldPath.text}@${r.oldVersion.text}`) : required.has(r.oldPath.text);
      if (!applies) continue;
      packages.push({
        id: `replace:${r.oldPath.text}${r.oldVersion ? `@${r.oldVersion.text}` : ''}`,
        ecosystem: 'Go',
        name: r.newPath.text,
        version: withoutV(r.newVersion.text),
        requirement: r.newVersion.text,
        direct: false,
        groups: ['replace'],
        source: 'registry',
        nameRange: tokenRange(r.newPath, index),
        versionRange: tokenRange(r.newVersion, index),
        ...(r.newPath.text !== r.oldPath.text ? { alias: r.oldPath.text } : {}),
      });
    }
  }
  return result;
}

/** `name` and `name@version` for every require of a member go.mod (empty when it does not parse). */
function requiredModules(text: string): string[] {
  const syntax = readModfileSyntax(text);
  if (syntax.error) return [];
  const out: string[] = [];
  for (const d of syntax.directives) {
    if (d.verb !== 'require' || d.args.length !== 2) continue;
    out.push(d.args[0]!.text, `${d.args[0]!.text}@${d.args[1]!.text}`);
  }
  return out;
}

function memberFolder(use: string): string {
  const slashed = use.replace(/\\/g, '/').replace(/\/+$/, '');
  if (slashed === '.' || slashed === '') return '';
  return slashed.startsWith('./') ? slashed.slice(2) : slashed;
}
