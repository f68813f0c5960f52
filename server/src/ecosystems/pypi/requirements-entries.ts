import type { PackageSource } from '../../core/package';
import { type Pep508Requirement, parsePep508 } from './pep508';
import { type LogicalLine, type Token, logicalLines, tokens } from './requirements-lines';
import { localReference } from './url-requirements';

/**
 * What each logical line of a requirements file says. Offsets are indexes into `line.text`; map
 * them to the source with `sourceAt` / `sourceEnd`. Shared by the parser and the fix writer, so
 * both read a line the same way.
 */
export type RequirementsEntry = NamedRequirement | LinkRequirement | IncludeEntry | InvalidEntry;

export interface NamedRequirement {
  kind: 'requirement';
  line: LogicalLine;
  requirement: Pep508Requirement;
  /** Index just past the requirement part (before per-requirement options such as --hash). */
  requirementEnd: number;
  /** Per-requirement options after the requirement, in order. */
  options: RequirementOption[];
}

export interface RequirementOption {
  name: string;
  /** Indexes covering the option and its value (`--hash=x` or `--hash x`). */
  start: number;
  end: number;
}

/** A requirement given as a URL or local path (`./dist/x.whl`, `-e git+https://...#egg=x`). */
export interface LinkRequirement {
  kind: 'link';
  line: LogicalLine;
  /** Undefined when neither an `#egg=` fragment nor an archive name says which project it is. */
  name?: string;
  nameStart: number;
  nameEnd: number;
  version: string;
  source: PackageSource;
  link: string;
  linkStart: number;
  linkEnd: number;
  commit?: string;
  /** `-e .`: the project that the file sits next to, not a dependency. */
  isProjectItself: boolean;
}

export interface IncludeEntry {
  kind: 'include';
  line: LogicalLine;
  /** `-c` constraints only constrain versions; `-r` adds requirements. */
  constraint: boolean;
  path: string;
  pathStart: number;
  pathEnd: number;
}

export interface InvalidEntry {
  kind: 'invalid';
  line: LogicalLine;
  message: string;
  start: number;
  end: number;
}

/** Options pip accepts on their own line; their values never name a dependency. */
const FILE_OPTIONS = new Set([
  '-i', '--index-url', '--extra-index-url', '--no-index', '-f', '--find-links', '--no-binary', '--only-binary',
  '--prefer-binary', '--require-hashes', '--pre', '--trusted-host', '--use-feature',
]);

export function scanRequirements(text: string): RequirementsEntry[] {
  const entries: RequirementsEntry[] = [];
  for (const line of logicalLines(text)) {
    const words = tokens(line.text);
    if (words.length === 0) continue;
    const entry = words[0]!.text.startsWith('-') ? optionLine(line, words) : requirementLine(line, words);
    if (entry) entries.push(entry);
  }
  return entries;
}

function optionLine(line: LogicalLine, words: Token[]): RequirementsEntry | undefined {
  const first = words[0]!;
  const option = splitOption(first, words[1]);
  if (!option) return invalid(line, `pip does not accept \`${first.text}\` here`, first.start, lastEnd(words));
  if (option.name === '-r' || option.name === '--requirement' || option.name === '-c' || option.name === '--constraint') {
    if (!option.value) return invalid(line, `\`${first.text}\` needs a file name`, first.start, first.end);
    return {
      kind: 'include',
      line,
      constraint: option.name === '-c' || option.name === '--constraint',
      path: option.value.text,
      pathStart: option.value.start,
      pathEnd: option.value.end,
    };
  }
  if (option.name === '-e' || option.name === '--editable') {
    if (!option.value) return invalid(line, `\`${first.text}\` needs a path or URL`, first.start, first.end);
    return linkRequirement(line, option.value, true);
  }
  if (FILE_OPTIONS.has(option.name)) return undefined;
  return invalid(line, `pip does not know the option \`${option.name}\``, first.start, lastEnd(words));
}

/** `-rfile`, `-r file`, `--requirement=file`, `--requirement file` → name and value token. */
function splitOption(first: Token, next: Token | undefined): { name: string; value?: Token } | undefined {
  const text = first.text;
  if (text.startsWith('--')) {
    const eq = text.indexOf('=');
    if (eq !== -1) return { name: text.slice(0, eq), value: { text: text.slice(eq + 1), start: first.start + eq + 1, end: first.end } };
    return { name: text, ...(next ? { value: next } : {}) };
  }
  if (!/^-[A-Za-z]/.test(text)) return undefined;
  const name = text.slice(0, 2);
  if (text.length > 2) {
    const glued = text.slice(2).replace(/^=/, '');
    const skip = text.length - glued.length;
    return { name, value: { text: glued, start: first.start + skip, end: first.end } };
  }
  return { name, ...(next ? { value: next } : {}) };
}

function requirementLine(line: LogicalLine, words: Token[]): RequirementsEntry {
  // Like pip, the requirement is every token before the first one that starts with `-`.
  let split = words.findIndex((w) => w.text.startsWith('-'));
  if (split === -1) split = words.length;
  const requirementEnd = words[split - 1]!.end;
  const start = words[0]!.start;
  const parsed = parsePep508(line.text, start, requirementEnd);
  if (!parsed.ok) {
    if (split === 1 && localReference(words[0]!.text)) return linkRequirement(line, words[0]!, false);
    return invalid(line, `pip cannot read this requirement: ${parsed.message}`, start, requirementEnd);
  }
  return { kind: 'requirement', line, requirement: parsed.requirement, requirementEnd, options: requirementOptions(words.slice(split)) };
}

function requirementOptions(words: Token[]): RequirementOption[] {
  const options: RequirementOption[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.text.startsWith('-')) {
      // A value of the previous option written after a space (`--hash sha256:...`).
      const previous = options[options.length - 1];
      if (previous) previous.end = word.end;
      continue;
    }
    const eq = word.text.indexOf('=');
    options.push({ name: eq === -1 ? word.text : word.text.slice(0, eq), start: word.start, end: word.end });
  }
  return options;
}

function linkRequirement(line: LogicalLine, token: Token, editable: boolean): LinkRequirement {
  const ref = localReference(token.text);
  const link: LinkRequirement = {
    kind: 'link',
    line,
    nameStart: token.start,
    nameEnd: token.end,
    version: ref?.version ?? '',
    source: ref?.source ?? 'path',
    link: token.text,
    linkStart: token.start,
    linkEnd: token.end,
    isProjectItself: editable && /^\.[\\/]?$/.test(token.text),
  };
  if (ref?.name) {
    link.name = ref.name;
    if (ref.nameOffset !== undefined) {
      link.nameStart = token.start + ref.nameOffset;
      link.nameEnd = link.nameStart + ref.name.length;
    }
  }
  if (ref?.commit) link.commit = ref.commit;
  return link;
}

function invalid(line: LogicalLine, message: string, start: number, end: number): InvalidEntry {
  return { kind: 'invalid', line, message, start, end };
}

function lastEnd(words: Token[]): number {
  return words[words.length - 1]!.end;
}
