import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { LineIndex, type Range } from '../core/text-range';
import { BUILTIN_PREFIX } from './builtin';
import { POLICY_ACTIONS, type ExpressionLanguage, type PolicyAction, type PolicyRule, type RuleSubject } from './types';

/** Where policies live by default, relative to the workspace folder. */
export const DEFAULT_POLICY_PATH = '.chainsight/policy.yaml';

/** The one error a bad policy file gives: the first problem, at its place (docs/policy.md). */
export interface PolicyFileError {
  file: string;
  message: string;
  range: Range;
  /** 1-based, for `file:line:column` in the CLI. */
  line: number;
  column: number;
}

export type PolicyFileResult = { ok: true; rules: PolicyRule[] } | { ok: false; error: PolicyFileError };

const TOP_KEYS = new Set(['version', 'rules']);
const RULE_KEYS = new Set(['id', 'name', 'subject', 'when', 'action', 'reason']);
const SUBJECTS: readonly RuleSubject[] = ['vulnerability', 'package'];
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

class Refused extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

/**
 * Reads a policy file: YAML with `version: 1` and an ordered list of `rules`, each
 * `{ id, name, when, action, subject?, reason? }`. Anything wrong (YAML syntax, an unknown field, an
 * unknown action, a duplicate id, a condition that does not compile) gives one error at its place
 * and no rules: the caller keeps the policy it had, never "allow everything".
 */
export function readPolicyFile(text: string, file: string, language: ExpressionLanguage): PolicyFileResult {
  const index = new LineIndex(text);
  const fail = (message: string, start: number, end: number): PolicyFileResult => {
    const range = index.range(start, Math.max(end, start + 1));
    return { ok: false, error: { file, message, range, line: range.start.line + 1, column: range.start.character + 1 } };
  };
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) return fail(syntax.message, syntax.pos[0], syntax.pos[1]);
  try {
    return { ok: true, rules: readRules(doc.contents, text, file, language) };
  } catch (err) {
    if (err instanceof Refused) return fail(err.message, err.start, err.end);
    throw err;
  }
}

/** `file:line:column: message`, as the CLI prints it. */
export function formatPolicyError(error: PolicyFileError): string {
  return `${error.file}:${error.line}:${error.column}: ${error.message}`;
}

function readRules(root: Node | null, text: string, file: string, language: ExpressionLanguage): PolicyRule[] {
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return [];
  if (!isMap(root)) throw refuse(root, 'a policy is a mapping with `version` and `rules`');
  let rulesNode: Node | undefined;
  for (const pair of root.items) {
    const key = keyName(pair);
    if (!TOP_KEYS.has(key)) throw refuse(pair.key as Node, `unknown field "${key}" (a policy has ${[...TOP_KEYS].join(', ')})`);
    if (key === 'version' && !(isScalar(pair.value) && pair.value.value === 1)) throw refuse(pair.value as Node, 'unsupported policy version (this Chainsight reads version 1)');
    if (key === 'rules') rulesNode = (pair.value as Node | null) ?? undefined;
  }
  if (rulesNode === undefined || (isScalar(rulesNode) && rulesNode.value === null)) return [];
  if (!isSeq(rulesNode)) throw refuse(rulesNode, '`rules` is a list of rules');
  const ids = new Set<string>();
  return rulesNode.items.map((item) => {
    if (!isMap(item)) throw refuse(item as Node, 'a rule is a mapping with id, name, when and action');
    const rule = readRule(item, text, file, language);
    if (ids.has(rule.id)) throw refuse(field(item, 'id')!, `duplicate rule id "${rule.id}"`);
    ids.add(rule.id);
    return rule;
  });
}

function readRule(item: YAMLMap, text: string, file: string, language: ExpressionLanguage): PolicyRule {
  for (const pair of item.items) {
    const key = keyName(pair);
    if (!RULE_KEYS.has(key)) throw refuse(pair.key as Node, `unknown field "${key}" in a rule (one of ${[...RULE_KEYS].join(', ')})`);
  }
  const id = requiredString(item, 'id');
  if (!RULE_ID.test(id.value) || id.value.startsWith(BUILTIN_PREFIX)) throw refuse(id.node, `rule id "${id.value}" must be letters, digits, '.', '_' or '-'`);
  const name = requiredString(item, 'name');
  const subject = optionalString(item, 'subject');
  if (subject && !SUBJECTS.includes(subject.value as RuleSubject)) throw refuse(subject.node, `unknown subject "${subject.value}" (one of ${SUBJECTS.join(', ')})`);
  const action = requiredString(item, 'action');
  if (!POLICY_ACTIONS.includes(action.value as PolicyAction)) throw refuse(action.node, `unknown action "${action.value}" (one of ${POLICY_ACTIONS.join(', ')})`);
  const when = requiredString(item, 'when');
  const reason = optionalString(item, 'reason');
  const ruleSubject = (subject?.value ?? 'vulnerability') as RuleSubject;
  const compiled = language.compile(when.value, ruleSubject);
  if (!compiled.ok) {
    const start = sourceOffset(when.node, text, compiled.offset ?? 0);
    throw new Refused(`rule "${id.value}": ${compiled.message}`, start, start + Math.max(1, compiled.length ?? 1));
  }
  const [start, , end] = item.range ?? [0, 0, 0];
  const index = new LineIndex(text);
  return {
    id: id.value,
    name: name.value,
    subject: ruleSubject,
    action: action.value as PolicyAction,
    when: when.value,
    ...(reason ? { reason: reason.value } : {}),
    condition: compiled.condition,
    source: { file, range: index.range(start, end) },
  };
}

function keyName(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function field(item: YAMLMap, name: string): Node | undefined {
  const pair = item.items.find((p) => keyName(p) === name);
  return pair ? ((pair.value as Node | null) ?? (pair.key as Node)) : undefined;
}

function optionalString(item: YAMLMap, name: string): { value: string; node: Scalar } | undefined {
  const node = field(item, name);
  if (node === undefined) return undefined;
  if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') throw refuse(node, `\`${name}\` must be a non-empty string`);
  return { value: node.value, node };
}

function requiredString(item: YAMLMap, name: string): { value: string; node: Scalar } {
  const found = optionalString(item, name);
  if (!found) throw refuse(item, `a rule needs \`${name}\``);
  return found;
}

function refuse(node: Node, message: string): Refused {
  const [start, end] = node.range ?? [0, 1];
  return new Refused(message, start, end);
}

/**
 * Where character `offset` of a scalar's value is in the file: directly after the opening quote of a
 * one-line scalar; for a block scalar (`|`, `>`), on the same line of the block, after its indentation.
 */
function sourceOffset(node: Scalar, text: string, offset: number): number {
  const [start, end] = node.range ?? [0, 0];
  const source = text.slice(start, end);
  const value = String(node.value);
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const before = value.slice(0, offset);
    const line = before.split('\n').length - 1;
    const column = offset - (before.lastIndexOf('\n') + 1);
    const lines = source.split('\n');
    const indent = /^\s*/.exec(lines.find((l, i) => i > 0 && l.trim() !== '') ?? '')![0].length;
    let at = start + lines[0]!.length + 1;
    for (let i = 1; i <= line && i < lines.length; i++) at += lines[i]!.length + 1;
    return Math.min(at + indent + column, end);
  }
  const found = source.indexOf(value);
  return start + (found === -1 ? 0 : found) + Math.min(offset, value.length);
}
