/**
 * A PEP 508 dependency specifier (`name[extra]>=1,<2; python_version < "3.10"` or
 * `name @ https://...`) with the offsets of each part, so parsers can point at the name and the
 * version specifier and fix writers can replace exactly the specifier.
 *
 * Hand-written: the grammar is a short line format and no JavaScript library reports positions.
 * Offsets are indexes into the text given to `parsePep508`.
 */
export interface Pep508Requirement {
  name: string;
  nameStart: number;
  nameEnd: number;
  extras: string[];
  /** Just after the name, or after `]` when there are extras: where a specifier would go. */
  afterNameAndExtras: number;
  /** The version specifier as written ('' when none), without surrounding parentheses. */
  specifier: string;
  specifierStart: number;
  specifierEnd: number;
  /** For `name @ url`. */
  url?: string;
  urlStart?: number;
  urlEnd?: number;
  marker?: string;
  /** Offset just past the last character that belongs to the requirement. */
  end: number;
}

export type Pep508Result = { ok: true; requirement: Pep508Requirement } | { ok: false; message: string; offset: number };

const NAME = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/y;
const IDENTIFIER = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/y;
const OPERATOR = /===|~=|==|!=|<=|>=|<|>/y;
/** Characters a version may contain; `===` (arbitrary equality) takes anything up to a separator. */
const VERSION_CHARS = /[A-Za-z0-9_.*+!-]+/y;
const ARBITRARY_VERSION = /[^\s,;)]+/y;

/** PEP 440 public or local version (case-insensitive), optionally ending in `.*` for prefix matching. */
export const PEP440_VERSION =
  /^v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?(?:[-_.]?dev[-_.]?[0-9]*)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$/i;

export function parsePep508(text: string, from = 0, to = text.length): Pep508Result {
  const s = new Cursor(text, from, to);
  s.skipSpace();
  const nameStart = s.pos;
  const name = s.match(NAME);
  if (!name) return fail('expected a package name', nameStart);
  const nameEnd = s.pos;
  s.skipSpace();
  const extras: string[] = [];
  let afterNameAndExtras = nameEnd;
  if (s.peek() === '[') {
    s.pos++;
    s.skipSpace();
    while (s.peek() !== ']') {
      const extra = s.match(IDENTIFIER);
      if (!extra) return fail('expected an extra name or `]`', s.pos);
      extras.push(extra);
      s.skipSpace();
      if (s.peek() === ',') {
        s.pos++;
        s.skipSpace();
      } else if (s.peek() !== ']') return fail('expected `,` or `]` after an extra', s.pos);
    }
    s.pos++;
    afterNameAndExtras = s.pos;
    s.skipSpace();
  }

  const requirement: Pep508Requirement = {
    name,
    nameStart,
    nameEnd,
    extras,
    afterNameAndExtras,
    specifier: '',
    specifierStart: afterNameAndExtras,
    specifierEnd: afterNameAndExtras,
    end: afterNameAndExtras,
  };

  if (s.peek() === '@') {
    s.pos++;
    s.skipSpace();
    const urlStart = s.pos;
    while (!s.done() && !/\s/.test(s.peek())) s.pos++;
    if (s.pos === urlStart) return fail('expected a URL after `@`', urlStart);
    requirement.url = text.slice(urlStart, s.pos);
    requirement.urlStart = urlStart;
    requirement.urlEnd = s.pos;
    requirement.end = s.pos;
    const beforeSpace = s.pos;
    s.skipSpace();
    // After a URL a marker needs whitespace before `;`, or the `;` would belong to the URL.
    if (s.peek() === ';' && s.pos > beforeSpace) return marker(s, requirement);
    if (!s.done()) return fail('unexpected text after the URL', s.pos);
    return { ok: true, requirement };
  }

  const parenthesised = s.peek() === '(';
  if (parenthesised) {
    s.pos++;
    s.skipSpace();
  }
  if (OPERATOR_START.test(s.peek())) {
    const specifierStart = s.pos;
    let specifierEnd = s.pos;
    for (;;) {
      const opStart = s.pos;
      const op = s.match(OPERATOR);
      if (!op) return fail('expected a version operator (==, >=, ~=, ...)', s.pos);
      s.skipSpace();
      const versionStart = s.pos;
      const version = s.match(op === '===' ? ARBITRARY_VERSION : VERSION_CHARS);
      if (!version) return fail(`expected a version after \`${op}\``, versionStart);
      const problem = versionProblem(op, version);
      if (problem) return fail(problem, opStart);
      specifierEnd = s.pos;
      s.skipSpace();
      if (s.peek() !== ',') break;
      s.pos++;
      s.skipSpace();
    }
    requirement.specifierStart = specifierStart;
    requirement.specifierEnd = specifierEnd;
    requirement.specifier = text.slice(specifierStart, specifierEnd);
    requirement.end = specifierEnd;
  }
  if (parenthesised) {
    if (s.peek() !== ')') return fail('expected `)`', s.pos);
    s.pos++;
    requirement.end = s.pos;
    s.skipSpace();
  }
  if (s.peek() === ';') return marker(s, requirement);
  if (!s.done()) return fail(`unexpected text \`${s.rest().trim().slice(0, 40)}\``, s.pos);
  return { ok: true, requirement };
}

const OPERATOR_START = /^[=~!<>]$/;

function marker(s: Cursor, requirement: Pep508Requirement): Pep508Result {
  const semicolon = s.pos;
  s.pos++;
  const markerText = s.rest().trim();
  if (!markerText) return fail('expected an environment marker after `;`', semicolon);
  requirement.marker = markerText;
  return { ok: true, requirement };
}

/** Why pip would reject `op version`, or undefined when it is a valid clause. */
export function versionProblem(op: string, version: string): string | undefined {
  if (op === '===') return undefined;
  const wildcard = version.endsWith('.*');
  const core = wildcard ? version.slice(0, -2) : version;
  if (!PEP440_VERSION.test(core)) return `\`${version}\` is not a valid PEP 440 version`;
  if (wildcard && op !== '==' && op !== '!=') return `\`${op}\` cannot be used with a wildcard version`;
  if (wildcard && /\+|dev/i.test(core)) return `\`${version}\`: a prefix match cannot include a dev or local segment`;
  if (op === '~=' && !/^v?(?:[0-9]+!)?[0-9]+\.[0-9]+/i.test(core)) return '`~=` needs at least two release segments';
  if (core.includes('+') && op !== '==' && op !== '!=') return `\`${op}\` cannot be used with a local version`;
  return undefined;
}

function fail(message: string, offset: number): Pep508Result {
  return { ok: false, message, offset };
}

class Cursor {
  constructor(
    private readonly text: string,
    public pos: number,
    private readonly end: number,
  ) {}

  done(): boolean {
    return this.pos >= this.end;
  }

  peek(): string {
    return this.pos < this.end ? this.text[this.pos]! : '';
  }

  rest(): string {
    return this.text.slice(this.pos, this.end);
  }

  skipSpace(): void {
    while (this.pos < this.end && (this.text[this.pos] === ' ' || this.text[this.pos] === '\t')) this.pos++;
  }

  match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m || m.index !== this.pos) return undefined;
    const value = m[0].slice(0, Math.max(0, this.end - this.pos));
    this.pos += value.length;
    return value || undefined;
  }
}
