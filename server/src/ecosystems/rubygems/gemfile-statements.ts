import type { PackageSource } from '../../core/package';
import type { Token } from './ruby-lexer';

/**
 * Splits Gemfile tokens into statements and tracks the blocks they sit in, so each `gem` call
 * knows its groups and source. A statement ends at a newline or `;` unless brackets are open or
 * the line ends in `,` / `=>` / an operator (Ruby continues the expression). Blocks open with
 * `do`, with `if`/`unless`/`while`/`until` that start an expression (not modifiers), and with
 * `case`/`begin`/`def`/`class`/`module`; `end` closes the innermost one.
 */
export interface Statement {
  tokens: Token[];
}

export interface BlockContext {
  groups: readonly string[];
  source: PackageSource;
}

const CONTINUATION = new Set([',', '=>', '(', '[', '{', '||', '&&', '.', '=', '+', '-', '*', '&', '<', '>']);
const ALWAYS_OPENS = new Set(['case', 'begin', 'def', 'class', 'module', 'for']);
const OPENS_AT_EXPRESSION_START = new Set(['if', 'unless', 'while', 'until']);
const EXPRESSION_START = new Set(['=', '(', ',', '[', '{', '||', '&&', '!', '=>', '|']);
const SOURCE_BLOCKS: Record<string, PackageSource> = { source: 'registry', git: 'git', github: 'git', gitlab: 'git', bitbucket: 'git', path: 'path' };

export function* gemfileStatements(tokens: readonly Token[]): Generator<{ statement: Statement; context: BlockContext }> {
  const stack: BlockContext[] = [{ groups: [], source: 'registry' }];
  for (const statement of splitStatements(tokens)) {
    const context = stack[stack.length - 1]!;
    yield { statement, context };
    const head = statement.tokens[0];
    let headBlockPending = head?.kind === 'ident';
    statement.tokens.forEach((token, i) => {
      if (token.kind !== 'ident') return;
      const before = statement.tokens[i - 1];
      if (token.text === 'end') {
        if (stack.length > 1) stack.pop();
      } else if (token.text === 'do') {
        const inner = stack[stack.length - 1]!;
        stack.push(headBlockPending ? blockFor(head!.text, statement.tokens.slice(1, i), inner) : inner);
        headBlockPending = false;
      } else if (ALWAYS_OPENS.has(token.text) || (OPENS_AT_EXPRESSION_START.has(token.text) && (i === 0 || (before?.kind === 'punct' && EXPRESSION_START.has(before.text))))) {
        stack.push(stack[stack.length - 1]!);
      }
    });
  }
}

/** The context inside `group :a, :b do`, `source 'x' do`, `git 'url' do`, `path 'dir' do`, ... */
function blockFor(head: string, args: readonly Token[], outer: BlockContext): BlockContext {
  if (head === 'group') {
    const groups = args.filter((t) => (t.kind === 'symbol' || t.kind === 'string') && !t.dynamic);
    // `group :test, optional: true do`: the label's value is not a group.
    const names = groups.filter((t, i) => !(i > 0 && args[args.indexOf(t) - 1]?.kind === 'label')).map((t) => t.text);
    return { groups: [...outer.groups, ...names], source: outer.source };
  }
  const source = SOURCE_BLOCKS[head];
  return source ? { groups: outer.groups, source } : outer;
}

function splitStatements(tokens: readonly Token[]): Statement[] {
  const statements: Statement[] = [];
  let current: Token[] = [];
  let depth = 0;
  const flush = () => {
    if (current.length) statements.push({ tokens: current });
    current = [];
  };
  for (const token of tokens) {
    if (token.kind === 'punct' && (token.text === '(' || token.text === '[' || token.text === '{')) depth++;
    if (token.kind === 'punct' && (token.text === ')' || token.text === ']' || token.text === '}')) depth = Math.max(0, depth - 1);
    const ends = token.kind === 'newline' || (token.kind === 'punct' && token.text === ';');
    if (!ends) {
      current.push(token);
      continue;
    }
    const last = current[current.length - 1];
    const continues = depth > 0 || (last?.kind === 'punct' && CONTINUATION.has(last.text) && token.kind === 'newline');
    if (!continues) flush();
  }
  flush();
  return statements;
}
