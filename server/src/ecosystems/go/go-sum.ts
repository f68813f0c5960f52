import { basename, dirname, join } from 'node:path';
import type { ExtractedPackage, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { syntaxError } from '../../core/syntax-error';
import type { ParseContext } from '../types';
import { compareModuleVersions, withoutV } from './go-versions';

/**
 * go.sum: `module version[/go.mod] hash` per line. A `/go.mod` line only says the module's go.mod
 * was read while building the module graph; a line without it says the module's code was
 * downloaded for the build. Chainsight therefore reports only modules with a full-content line,
 * at the highest such version (MVS selects the maximum, and an untidied go.sum can keep hashes of
 * versions used before an upgrade). go.sum records neither roots nor edges.
 *
 * go.mod is the better source whenever it exists (it is what the go command reads), so when the
 * parser can see a go.mod next to this go.sum it reports nothing: the go.mod parser already merges
 * this file for modules older than go 1.17, whose go.mod does not list indirect requirements.
 */
export function parseGoSum(path: string, text: string, context?: ParseContext): ParseResult {
  if (context) {
    const goModPath = join(dirname(path), 'go.mod');
    if (context.readFile(goModPath) !== undefined) return { kind: 'lockfile', packages: [], errors: [], inputs: [goModPath] };
  }
  const sum = readGoSum(text);
  if (sum.error) {
    return { kind: 'lockfile', packages: [], errors: [syntaxError(new LineIndex(text), basename(path), sum.error.message, sum.error.start, sum.error.end)] };
  }
  const index = new LineIndex(text);
  const packages: ExtractedPackage[] = sum.modules.map((m) => ({
    id: `${m.name}@${m.version}`,
    ecosystem: 'Go',
    name: m.name,
    version: withoutV(m.version),
    direct: false,
    groups: [],
    source: 'registry',
    nameRange: index.range(m.nameStart, m.nameStart + m.name.length),
    versionRange: index.range(m.versionStart, m.versionStart + m.version.length),
    integrity: m.hash,
  }));
  return { kind: 'lockfile', packages, errors: [] };
}

export interface GoSumModule {
  name: string;
  /** As written, with its `v`. */
  version: string;
  hash: string;
  nameStart: number;
  versionStart: number;
}

export interface GoSumContents {
  /** One entry per module with a full-content hash, at its highest such version, in file order. */
  modules: GoSumModule[];
  error?: { message: string; start: number; end: number };
}

export function readGoSum(text: string): GoSumContents {
  const best = new Map<string, GoSumModule>();
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const fields = splitFields(text, lineStart, lineEnd);
    if (fields.length !== 0) {
      if (fields.length !== 3 || !fields[1]!.text.startsWith('v')) {
        const first = fields[0]!;
        const last = fields[fields.length - 1]!;
        return { modules: [], error: { message: 'expected "module version hash"', start: first.start, end: last.end } };
      }
      const [name, version, hash] = fields as [Field, Field, Field];
      if (!version.text.endsWith('/go.mod')) {
        const previous = best.get(name.text);
        if (!previous || compareModuleVersions(version.text, previous.version) > 0) {
          best.set(name.text, { name: name.text, version: version.text, hash: hash.text, nameStart: name.start, versionStart: version.start });
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  return { modules: [...best.values()] };
}

interface Field {
  text: string;
  start: number;
  end: number;
}

function splitFields(text: string, start: number, end: number): Field[] {
  const fields: Field[] = [];
  let i = start;
  while (i < end) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    if (i >= end) break;
    const s = i;
    while (i < end && !isSpace(text.charCodeAt(i))) i++;
    fields.push({ text: text.slice(s, i), start: s, end: i });
  }
  return fields;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
}
