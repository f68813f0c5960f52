import { blankByteOrderMark } from '../../core/byte-order-mark';
import type { ExtractedPackage, PackageSource, ParseResult } from '../../core/package';
import { LineIndex } from '../../core/text-range';
import { exactGemVersion } from './gem-requirement';
import { gemfileStatements, type Statement } from './gemfile-statements';
import type { Token } from './ruby-lexer';
import { lexRuby } from './ruby-lexer';

/**
 * Gemfile → one package per `gem` call. Read statically from the Bundler DSL subset:
 * `gem 'name', '~> 1.0', '>= 1.0.1', group: :test, require: false`, `group :dev, :test do … end`,
 * `source 'url' do … end`, `git`/`github`/`path … do … end` blocks and `git:`/`github:`/`path:`
 * options (non-registry: never matched against advisories). Code it cannot read (conditions,
 * variables, `eval_gemfile`) is stepped over: a gem inside `if` still counts, its condition unknown.
 */
export function parseGemfile(_path: string, text: string): ParseResult {
  const index = new LineIndex(text);
  // Ruby's parser skips a leading byte-order mark; blanking it keeps every offset.
  const lexed = lexRuby(blankByteOrderMark(text));
  if (lexed.error) {
    const range = index.range(lexed.error.offset, lexed.error.offset + 1);
    const message = `could not read Gemfile at ${range.start.line + 1}:${range.start.character + 1}: ${lexed.error.message}`;
    return { kind: 'manifest', packages: [], errors: [{ message, range, severity: 'error' }] };
  }
  const packages: ExtractedPackage[] = [];
  const ids = new Set<string>();
  for (const { statement, context } of gemfileStatements(lexed.tokens)) {
    if (statement.tokens[0]?.text !== 'gem' || statement.tokens[0].kind !== 'ident') continue;
    const gem = readGemCall(statement);
    if (!gem) continue;
    const groups = new Set([...context.groups, ...gem.groups].map(groupName).filter((g) => g !== ''));
    const source = gem.source ?? context.source;
    let id = `gem:${gem.name.text}`;
    for (let n = 2; ids.has(id); n++) id = `gem:${gem.name.text}#${n}`;
    ids.add(id);
    const requirement = gem.requirements.map((r) => r.text).join(', ');
    const pkg: ExtractedPackage = {
      id,
      ecosystem: 'RubyGems',
      name: gem.name.text,
      version: gem.requirements.length ? (exactGemVersion(requirement) ?? '') : '',
      requirement,
      direct: true,
      groups: [...groups].sort(),
      source,
      nameRange: index.range(gem.name.contentStart!, gem.name.contentEnd!),
    };
    const first = gem.requirements[0];
    const last = gem.requirements[gem.requirements.length - 1];
    if (first && last) pkg.versionRange = index.range(first.contentStart!, last.contentEnd!);
    packages.push(pkg);
  }
  return { kind: 'manifest', packages, errors: [] };
}

/** Bundler's `:development` group is what other ecosystems call dev; `:default` is no group. */
function groupName(group: string): string {
  if (group === 'development') return 'dev';
  if (group === 'default') return '';
  return group;
}

export interface GemCall {
  name: Token;
  /** The positional requirement strings, in order. */
  requirements: Token[];
  groups: string[];
  source?: PackageSource;
}

const GIT_OPTIONS = new Set(['git', 'github', 'gitlab', 'bitbucket']);

/** `gem 'name', 'req'..., key: value...` (parenthesised or not), up to an `if`/`unless` modifier. */
export function readGemCall(statement: Statement): GemCall | undefined {
  const args = splitArguments(statement.tokens.slice(1));
  const nameArg = args[0];
  const name = nameArg?.length === 1 && nameArg[0]!.kind === 'string' && !nameArg[0]!.dynamic ? nameArg[0]! : undefined;
  if (!name || name.text.trim() === '') return undefined;
  const call: GemCall = { name, requirements: [], groups: [] };
  let positional = true;
  for (const arg of args.slice(1)) {
    const only = arg.length === 1 ? arg[0]! : undefined;
    if (positional && only?.kind === 'string' && !only.dynamic) {
      call.requirements.push(only);
      continue;
    }
    positional = false;
    const option = keywordArgument(arg);
    if (!option) continue;
    if (option.key === 'group' || option.key === 'groups') call.groups.push(...symbolValues(option.value));
    else if (GIT_OPTIONS.has(option.key)) call.source = 'git';
    else if (option.key === 'path') call.source = 'path';
  }
  return call;
}

/** Top-level arguments separated by commas, without the call's parentheses and trailing modifier. */
export function splitArguments(tokens: readonly Token[]): Token[][] {
  let list = [...tokens];
  if (list[0]?.text === '(' && list[0].kind === 'punct') {
    const close = matchingClose(list, 0);
    list = list.slice(1, close === -1 ? list.length : close);
  }
  const args: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const token of list) {
    if (token.kind === 'punct' && (token.text === '(' || token.text === '[' || token.text === '{')) depth++;
    if (token.kind === 'punct' && (token.text === ')' || token.text === ']' || token.text === '}')) depth--;
    if (depth === 0 && token.kind === 'ident' && (token.text === 'if' || token.text === 'unless' || token.text === 'do')) break;
    if (depth === 0 && token.kind === 'punct' && token.text === ',') {
      args.push(current);
      current = [];
      continue;
    }
    current.push(token);
  }
  if (current.length) args.push(current);
  return args;
}

function matchingClose(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'punct') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    if ((t.text === ')' || t.text === ']' || t.text === '}') && --depth === 0) return i;
  }
  return -1;
}

/** `key: value`, `:key => value` or `'key' => value`. */
function keywordArgument(arg: readonly Token[]): { key: string; value: Token[] } | undefined {
  const [first, second] = arg;
  if (first?.kind === 'label') return { key: first.text, value: arg.slice(1) };
  if ((first?.kind === 'symbol' || first?.kind === 'string') && second?.kind === 'punct' && second.text === '=>') {
    return { key: first.text, value: arg.slice(2) };
  }
  return undefined;
}

/** The names in `:test`, `'test'` or `[:development, :test]`. */
export function symbolValues(tokens: readonly Token[]): string[] {
  return tokens.filter((t) => (t.kind === 'symbol' || t.kind === 'string') && !t.dynamic).map((t) => t.text);
}
