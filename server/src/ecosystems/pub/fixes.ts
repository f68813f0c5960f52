import { LineIndex } from '../../core/text-range';
import { valueEnd } from '../../core/yaml';
import { DART_PUB_GET } from './files';
import type { FixWriter, LockfileCommand, OverrideFix, ParsedFile } from '../types';
import { usesFlutter } from './pubspec-yaml';
import { EXACT_PUB_VERSION, parsePubConstraint, pubAllows } from './requirements';
import { asMap, readPubYaml, scalarOf } from './yaml-document';

/**
 * The constraint that moves a dependency to `version` in the style it was written: `^1.2.3` →
 * `^1.4.0`, `1.2.3` → `1.4.0`, `'>=1.2.0 <2.0.0'` → `'>=1.4.0 <2.0.0'` (quotes are outside the
 * rewritten text, so they stay). `any`, or bounds the version falls outside, become `^version`.
 */
export function upgradedPubConstraint(constraint: string, version: string): string | undefined {
  if (!EXACT_PUB_VERSION.test(version)) return undefined;
  const comparators = parsePubConstraint(constraint);
  if (!comparators) return undefined;
  if (comparators.length === 0) return `^${version}`;
  const first = comparators[0]!;
  if (comparators.length === 1 && (first.op === '^' || first.op === '')) return `${first.op}${version}`;
  const uppers = comparators.filter((c) => c.op === '<' || c.op === '<=');
  const lowers = comparators.filter((c) => c.op === '>' || c.op === '>=');
  if (lowers.length !== 1 || !pubAllows(uppers, version)) return `^${version}`;
  const lower = lowers[0]!;
  const op = lower.op === '>' ? '>=' : constraint.slice(lower.start, lower.versionStart);
  return constraint.slice(0, lower.start) + op + version + constraint.slice(lower.end);
}

const FLUTTER_PUB_GET: LockfileCommand = { command: 'flutter', args: ['pub', 'get'] };

/** `flutter pub get` for Flutter packages (which `dart pub get` cannot resolve without Flutter's SDK), else `dart pub get`. */
export function pubGetCommand(manifest: ParsedFile): LockfileCommand {
  return usesFlutter(manifest.result) ? { ...FLUTTER_PUB_GET, args: [...FLUTTER_PUB_GET.args] } : { command: DART_PUB_GET.command, args: [...DART_PUB_GET.args] };
}

export const pubFixes: FixWriter = {
  upgrade(_manifest, pkg, version) {
    if (pkg.source !== 'registry' || !pkg.versionRange || pkg.requirement === undefined) return undefined;
    const next = upgradedPubConstraint(pkg.requirement, version);
    return next === undefined ? undefined : [{ range: pkg.versionRange, newText: next }];
  },

  /** Transitive packages: an entry in `dependency_overrides` (added, or moved if already there). */
  override(manifest, name, version) {
    if (!EXACT_PUB_VERSION.test(version)) return undefined;
    const command = pubGetCommand(manifest);
    const title = `Override ${name} with ^${version} in dependency_overrides`;
    const existing = manifest.result.packages.find((p) => p.id === `dependency_overrides:${name}`);
    if (existing) {
      const edits = pubFixes.upgrade(manifest, existing, version);
      return edits ? { title, edits, command } : undefined;
    }
    return addOverride(manifest, name, `^${version}`, title, command);
  },
};

function addOverride(manifest: ParsedFile, name: string, constraint: string, title: string, command: LockfileCommand): OverrideFix | undefined {
  const { text } = manifest;
  const parsed = readPubYaml(text);
  if ('error' in parsed) return undefined;
  const top = asMap(parsed.root);
  if (!top) return undefined;
  const index = new LineIndex(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n( +)\S/.exec(text)?.[1] ?? '  ';
  const pair = top.entries.find((e) => e.key === 'dependency_overrides');
  const line = `${name}: ${constraint}`;

  if (!pair) {
    const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
    return { title, edits: [{ range: index.range(text.length, text.length), newText: `${lead}${eol}dependency_overrides:${eol}${indent}${line}${eol}` }], command };
  }
  const overrides = pair.value;
  if (overrides?.kind === 'map' && !overrides.flow && overrides.entries.length > 0) {
    // After the last entry, at the first entry's indentation.
    const column = index.position(overrides.entries[0]!.keyStart).character;
    const end = lineEnd(text, valueEnd(overrides) ?? 0);
    return { title, edits: [{ range: index.range(end, end), newText: `${eol}${' '.repeat(column)}${line}` }], command };
  }
  if (overrides === null || (overrides.kind === 'scalar' && scalarOf(overrides) === undefined)) {
    const end = lineEnd(text, pair.keyEnd);
    return { title, edits: [{ range: index.range(end, end), newText: `${eol}${indent}${line}` }], command };
  }
  return undefined; // a flow mapping (`{}`) or something odd: not rewritten by hand
}

/** The end of the line a node ends on (a node's range may swallow the line break after it). */
function lineEnd(text: string, offset: number): number {
  let at = Math.min(offset, text.length);
  while (at > 0 && (text[at - 1] === '\n' || text[at - 1] === '\r')) at--;
  const nl = text.indexOf('\n', at);
  if (nl === -1) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}
