import { LineIndex } from '../../core/text-range';
import type { FixWriter, TextEdit } from '../types';
import { readGemCall, type GemCall } from './gemfile';
import { gemfileStatements } from './gemfile-statements';
import { lexRuby, type Token } from './ruby-lexer';
import { upgradedGemRequirements } from './upgraded-requirement';

/**
 * Gemfile fixes. Upgrade rewrites the `gem` call's requirement arguments (or adds one) in the
 * quote style the line uses. Bundler has no override mechanism for transitive gems, so the
 * override adds a direct constraint, `gem 'name', '>= fixed'`, and offers
 * `bundle update --conservative name`, which moves that gem alone.
 */
export const rubygemsFixes: FixWriter = {
  upgrade(manifest, pkg, version) {
    if (pkg.source !== 'registry' || !pkg.nameRange) return undefined;
    const index = new LineIndex(manifest.text);
    const call = findGemCall(manifest.text, (c) => c.name.contentStart === index.offset(pkg.nameRange!.start));
    return call ? requirementEdit(index, call, version) : undefined;
  },

  override(manifest, name, version) {
    const index = new LineIndex(manifest.text);
    const title = `Require ${name} >= ${version} in the Gemfile`;
    const command = { command: 'bundle', args: ['update', '--conservative', name] };
    const declared = findGemCall(manifest.text, (c) => c.name.text === name);
    if (declared) {
      const edits = requirementEdit(index, declared, version);
      return edits ? { title, edits, command } : undefined;
    }
    const edit = newGemLine(manifest.text, index, name, version);
    return edit ? { title, edits: [edit], command } : undefined;
  },
};

function requirementEdit(index: LineIndex, call: GemCall, version: string): TextEdit[] {
  const quote = call.requirements[0]?.quote ?? call.name.quote ?? "'";
  const args = upgradedGemRequirements(call.requirements.map((r) => r.text), version).map((r) => `${quote}${r}${quote}`).join(', ');
  const first = call.requirements[0];
  const last = call.requirements[call.requirements.length - 1];
  if (first && last) return [{ range: index.range(first.start, last.end), newText: args }];
  return [{ range: index.range(call.name.end, call.name.end), newText: `, ${args}` }];
}

function findGemCall(text: string, matches: (call: GemCall) => boolean): GemCall | undefined {
  const lexed = lexRuby(text);
  if (lexed.error) return undefined;
  for (const { statement } of gemfileStatements(lexed.tokens)) {
    const head = statement.tokens[0];
    if (head?.kind !== 'ident' || head.text !== 'gem') continue;
    const call = readGemCall(statement);
    if (call && matches(call)) return call;
  }
  return undefined;
}

/** A new top-level `gem` line after the last top-level one (or at the end), quoted like the file. */
function newGemLine(text: string, index: LineIndex, name: string, version: string): TextEdit | undefined {
  const lexed = lexRuby(text);
  if (lexed.error) return undefined;
  let anchor: Token | undefined;
  let quote = "'";
  for (const { statement, context } of gemfileStatements(lexed.tokens)) {
    const head = statement.tokens[0];
    if (head?.kind !== 'ident' || head.text !== 'gem') continue;
    const call = readGemCall(statement);
    if (call?.name.quote) quote = call.name.quote;
    if (context.groups.length === 0 && context.source === 'registry') anchor = statement.tokens[statement.tokens.length - 1];
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const line = `gem ${quote}${name}${quote}, ${quote}>= ${version}${quote}`;
  if (anchor) {
    let lineEnd = text.indexOf('\n', anchor.end);
    if (lineEnd === -1) lineEnd = text.length;
    else if (text[lineEnd - 1] === '\r') lineEnd--;
    return { range: index.range(lineEnd, lineEnd), newText: `${eol}${line}` };
  }
  const needsBreak = text.length > 0 && !text.endsWith('\n');
  return { range: index.range(text.length, text.length), newText: `${needsBreak ? eol : ''}${line}${eol}` };
}
