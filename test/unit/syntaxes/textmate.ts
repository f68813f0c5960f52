/**
 * Loads Chainsight's grammars the way VS Code does (vscode-textmate on the vscode-oniguruma WASM
 * build) and lists, per grammar, the fixture files it must tokenize.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type IRawGrammar, type StateStack } from 'vscode-textmate';

export const REPO = join(__dirname, '../../..');
export const SYNTAXES = join(REPO, 'syntaxes');
const FIXTURES = join(REPO, 'test/fixtures/ecosystems');

export interface GrammarSpec {
  /** Name under `syntaxes/`, without `.tmLanguage.json`. */
  file: string;
  scopeName: string;
  /** Every scope the grammar names ends with this (standard TextMate practice: `….toml`). */
  suffix: string;
  /** Fixture paths (relative to test/fixtures/ecosystems) this grammar must tokenize. */
  fixtures: RegExp;
  /**
   * Rules that may legitimately still be open after the last line: Gemfile.lock sections end at
   * the next header, and the last section has none.
   */
  openAtEnd?: readonly string[];
}

export const GRAMMARS: readonly GrammarSpec[] = [
  {
    file: 'toml',
    scopeName: 'source.toml',
    suffix: '.toml',
    fixtures:
      /^(?:cargo\/.*\.(?:lock|toml)|pypi\/(?:poetry-lock|uv-lock|pdm-lock|pylock-toml|pyproject-toml)\/.*\.(?:lock|toml)|pypi\/(?:realworld|scenarios)\/.*(?:\.toml|\.lock|\/Pipfile)|maven\/.*\.versions\.toml)$/,
  },
  {
    file: 'pip-requirements',
    scopeName: 'source.pip-requirements',
    suffix: '.pip-requirements',
    fixtures: /^pypi\/(?:requirements-txt|scenarios\/requirements-includes)\/.*\.txt$/,
  },
  { file: 'go.mod', scopeName: 'source.go.mod', suffix: '.go.mod', fixtures: /^go\/.*(?:\.mod|\/go\.work)$/ },
  { file: 'go.sum', scopeName: 'source.go.sum', suffix: '.go.sum', fixtures: /^go\/.*\.sum$/ },
  { file: 'yarnlock', scopeName: 'source.yarnlock', suffix: '.yarnlock', fixtures: /^npm\/yarn-lock\/.*\.lock$/ },
  {
    file: 'gemfilelock',
    scopeName: 'source.gemfilelock',
    suffix: '.gemfilelock',
    fixtures: /^rubygems\/.*\.lock$/,
    openAtEnd: ['meta.section.gemfilelock'],
  },
  { file: 'mixlock', scopeName: 'source.mixlock', suffix: '.mixlock', fixtures: /^hex\/.*(?:\.lock|\/valid|\/empty)$/ },
  {
    file: 'gradlelockfile',
    scopeName: 'source.gradlelockfile',
    suffix: '.gradlelockfile',
    fixtures: /^maven\/(?:gradle-lockfile\/[^/]+\/[^/.]+|scenarios\/gradle\.lockfile)$/,
  },
];

export function grammarPath(spec: GrammarSpec): string {
  return join(SYNTAXES, `${spec.file}.tmLanguage.json`);
}

export function rawGrammar(spec: GrammarSpec): IRawGrammar {
  const path = grammarPath(spec);
  return parseRawGrammar(readFileSync(path, 'utf8'), path);
}

let wasm: Promise<void> | undefined;
/** The WASM module is process-global; load it once for every test file. */
export function loadOniguruma(): Promise<void> {
  wasm ??= oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')));
  return wasm;
}

export async function loadGrammars(): Promise<Map<string, IGrammar>> {
  await loadOniguruma();
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const spec = GRAMMARS.find((g) => g.scopeName === scopeName);
      return spec ? rawGrammar(spec) : null;
    },
  });
  const grammars = new Map<string, IGrammar>();
  for (const spec of GRAMMARS) {
    const grammar = await registry.loadGrammar(spec.scopeName);
    if (!grammar) throw new Error(`could not load ${spec.scopeName}`);
    grammars.set(spec.file, grammar);
  }
  return grammars;
}

export interface Token {
  text: string;
  start: number;
  end: number;
  /** Innermost last, root scope first. */
  scopes: string[];
}

export interface TokenizedLine {
  line: string;
  tokens: Token[];
  stoppedEarly: boolean;
}

/** Splits like VS Code (no line terminators reach the tokenizer). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Tokenizes line by line; `timeLimitMs` bounds each line as VS Code's tokenizer does. */
export function tokenize(grammar: IGrammar, text: string, timeLimitMs = 2000): { lines: TokenizedLine[]; end: StateStack } {
  let state: StateStack = INITIAL;
  const lines: TokenizedLine[] = [];
  for (const line of splitLines(text)) {
    const result = grammar.tokenizeLine(line, state, timeLimitMs);
    state = result.ruleStack;
    lines.push({
      line,
      stoppedEarly: result.stoppedEarly,
      tokens: result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, end: t.endIndex, scopes: t.scopes })),
    });
  }
  return { lines, end: state };
}

/**
 * Tokenizes to VS Code's binary token format (what the editor itself asks for: no scope arrays
 * are built) and reports, per line, whether the time limit cut it short.
 */
export function stoppedEarly(grammar: IGrammar, text: string, timeLimitMs: number): boolean[] {
  let state: StateStack = INITIAL;
  return splitLines(text).map((line) => {
    const result = grammar.tokenizeLine2(line, state, timeLimitMs);
    state = result.ruleStack;
    return result.stoppedEarly;
  });
}

/** The scopes of the rules still open after `state` (root first). */
export function openScopes(grammar: IGrammar, state: StateStack): string[] {
  return grammar.tokenizeLine('', state).tokens[0]?.scopes ?? [];
}

/** A theme rule for `selector` applies to `scope` when it is the scope or a dot-separated prefix of it. */
export function selects(selector: string, scope: string): boolean {
  return scope === selector || scope.startsWith(`${selector}.`);
}

export function fixturesFor(spec: GrammarSpec): string[] {
  return walk(FIXTURES)
    .map((path) => relative(FIXTURES, path).split('\\').join('/'))
    .filter((rel) => spec.fixtures.test(rel))
    .sort();
}

export function readFixture(rel: string): string {
  return readFileSync(join(FIXTURES, rel), 'utf8');
}

export function fixtureSize(rel: string): number {
  return statSync(join(FIXTURES, rel)).size;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}
