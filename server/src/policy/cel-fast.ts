import { FACT_VARIABLES, type FactField } from './fact-schema';
import type { PolicyFacts } from './facts';

/**
 * A faster way to run the simplest CEL conditions, the ones most rules are: facts compared with
 * literals, joined by `&&`, `||` and `!`; `has()`; `in` a literal list or a list fact; `startsWith`,
 * `endsWith`, `contains` and `glob` on a string fact. They are turned into plain functions with CEL's
 * meaning, including its error rules (reading an absent fact is an error; `false && error` is false,
 * `true || error` is true, errors spread otherwise). Anything else (comprehensions, string ordering,
 * arithmetic, other functions, values whose types are not known when the rule compiles) returns
 * undefined, and the rule runs in the CEL library itself. A property test checks both give the same
 * answer on real and random facts (test/unit/policy/cel-fast.test.ts).
 *
 * Why: a rule on a fact that differs for every package (its name) runs once per locked package, and
 * the interpreter costs ~1 µs a run against ~0.05 µs here; the policy benchmark needs the difference.
 */

/** The parsed-syntax shape (cel.expr.Expr) as cel.ts walks it. */
export interface FastExpr {
  id: bigint;
  exprKind: { case: string | undefined; value?: unknown };
}

const ERROR = Symbol('cel-error');
type Value = string | number | boolean | readonly string[] | typeof ERROR;
type Type = 'string' | 'bool' | 'number' | 'list';
interface Compiled {
  type: Type;
  run: (facts: PolicyFacts) => Value;
}

export type FastCondition = (facts: PolicyFacts) => boolean | { error: string };

/** The condition as a plain function, or undefined when it uses anything beyond the simple forms. */
export function fastCondition(expr: FastExpr, variables: readonly string[], glob: (text: string, pattern: string) => boolean): FastCondition | undefined {
  const compiled = compile(expr, variables, glob);
  if (!compiled || compiled.type !== 'bool') return undefined;
  const run = compiled.run;
  return (facts) => {
    const value = run(facts);
    return value === ERROR ? { error: 'a fact the condition reads is absent (test it with has() first)' } : (value as boolean);
  };
}

function compile(expr: FastExpr, variables: readonly string[], glob: (text: string, pattern: string) => boolean): Compiled | undefined {
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'constExpr':
      return constant(kind.value as { constantKind: { case: string; value: unknown } });
    case 'selectExpr':
      return select(kind.value as { operand?: FastExpr; field: string; testOnly: boolean }, variables);
    case 'callExpr':
      return call(kind.value as { target?: FastExpr; function: string; args: FastExpr[] }, variables, glob);
    default:
      return undefined;
  }
}

function constant(c: { constantKind: { case: string; value: unknown } }): Compiled | undefined {
  const { case: k, value } = c.constantKind;
  if (k === 'stringValue') return { type: 'string', run: () => value as string };
  if (k === 'boolValue') return { type: 'bool', run: () => value as boolean };
  if (k === 'doubleValue') return { type: 'number', run: () => value as number };
  if (k === 'int64Value') {
    const n = Number(value as bigint);
    return Number.isSafeInteger(n) ? { type: 'number', run: () => n } : undefined;
  }
  return undefined;
}

const TYPES: Partial<Record<FactField['type'], Type>> = { string: 'string', bool: 'bool', int: 'number', double: 'number', 'list<string>': 'list' };

function select(s: { operand?: FastExpr; field: string; testOnly: boolean }, variables: readonly string[]): Compiled | undefined {
  const operand = s.operand?.exprKind;
  if (operand?.case !== 'identExpr') return undefined;
  const variable = (operand.value as { name: string }).name;
  if (!variables.includes(variable)) return undefined;
  const schema: Record<string, FactField> = FACT_VARIABLES[variable as keyof typeof FACT_VARIABLES];
  const field = schema[s.field];
  if (!field) return undefined;
  const name = s.field;
  const read = (facts: PolicyFacts) => (facts as unknown as Record<string, Record<string, unknown> | undefined>)[variable]?.[name];
  if (s.testOnly) return { type: 'bool', run: (facts) => read(facts) !== undefined };
  const type = TYPES[field.type];
  if (!type) return undefined;
  return { type, run: (facts) => (read(facts) as Value | undefined) ?? ERROR };
}

function call(c: { target?: FastExpr; function: string; args: FastExpr[] }, variables: readonly string[], glob: (text: string, pattern: string) => boolean): Compiled | undefined {
  const sub = (e: FastExpr | undefined) => (e ? compile(e, variables, glob) : undefined);
  if (c.target) return method(c, sub(c.target), c.args.map(sub), glob);
  if (c.function === '@in') {
    const element = sub(c.args[0]);
    return element ? membership(element, c.args[1]!, c.args[1]!.exprKind.case === 'listExpr' ? undefined : sub(c.args[1]), variables, glob) : undefined;
  }
  const args = c.args.map(sub);
  if (args.some((a) => a === undefined)) return undefined;
  const [a, b] = args as Compiled[];
  switch (c.function) {
    case '!_':
      return a!.type === 'bool' ? { type: 'bool', run: (f) => not(a!.run(f)) } : undefined;
    case '_&&_':
      return a!.type === 'bool' && b!.type === 'bool' ? { type: 'bool', run: (f) => and(a!, b!, f) } : undefined;
    case '_||_':
      return a!.type === 'bool' && b!.type === 'bool' ? { type: 'bool', run: (f) => or(a!, b!, f) } : undefined;
    case '_==_':
    case '_!=_': {
      if (a!.type !== b!.type || a!.type === 'list') return undefined;
      const negate = c.function === '_!=_';
      return { type: 'bool', run: (f) => compare(a!.run(f), b!.run(f), (x, y) => (x === y) !== negate) };
    }
    case '_<_':
    case '_<=_':
    case '_>_':
    case '_>=_': {
      // String order in CEL is by code point, JavaScript's by UTF-16 unit: only numbers here.
      if (a!.type !== 'number' || b!.type !== 'number') return undefined;
      const test = ORDER[c.function]!;
      return { type: 'bool', run: (f) => compare(a!.run(f), b!.run(f), test) };
    }
    default:
      return undefined;
  }
}

const ORDER: Record<string, (x: unknown, y: unknown) => boolean> = {
  '_<_': (x, y) => (x as number) < (y as number),
  '_<=_': (x, y) => (x as number) <= (y as number),
  '_>_': (x, y) => (x as number) > (y as number),
  '_>=_': (x, y) => (x as number) >= (y as number),
};

function method(c: { function: string; args: FastExpr[] }, target: Compiled | undefined, args: Array<Compiled | undefined>, glob: (text: string, pattern: string) => boolean): Compiled | undefined {
  if (!target || target.type !== 'string' || args.length !== 1 || !args[0] || args[0].type !== 'string') return undefined;
  const arg = args[0];
  const apply = (test: (s: string, a: string) => boolean): Compiled => ({
    type: 'bool',
    run: (f) => {
      const s = target.run(f);
      const a = arg.run(f);
      return s === ERROR || a === ERROR ? ERROR : test(s as string, a as string);
    },
  });
  switch (c.function) {
    case 'startsWith':
      return apply((s, a) => s.startsWith(a));
    case 'endsWith':
      return apply((s, a) => s.endsWith(a));
    case 'contains':
      return apply((s, a) => s.includes(a));
    case 'glob':
      return apply(glob);
    default:
      return undefined;
  }
}

/** `x in [literals]` or `'literal' in pkg.groups`: elements of one primitive type. */
function membership(element: Compiled, listExpr: FastExpr, list: Compiled | undefined, variables: readonly string[], glob: (text: string, pattern: string) => boolean): Compiled | undefined {
  if (element.type === 'list' || element.type === 'bool') return undefined;
  if (list?.type === 'list') {
    if (element.type !== 'string') return undefined;
    return { type: 'bool', run: (f) => compare(element.run(f), list.run(f), (x, y) => (y as readonly string[]).includes(x as string)) };
  }
  if (listExpr.exprKind.case !== 'listExpr') return undefined;
  const items = ((listExpr.exprKind.value as { elements: FastExpr[]; optionalIndices?: number[] }).elements ?? []).map((e) => compile(e, variables, glob));
  if (items.some((i) => i === undefined || i.type !== element.type)) return undefined;
  const constants = new Set((items as Compiled[]).map((i) => i.run({} as PolicyFacts)));
  if (constants.has(ERROR)) return undefined;
  return { type: 'bool', run: (f) => compare(element.run(f), undefined, (x) => constants.has(x as string | number)) };
}

function not(v: Value): Value {
  return v === ERROR ? ERROR : !v;
}

/** CEL's logical AND: false wins over an error on either side; otherwise an error spreads. */
function and(a: Compiled, b: Compiled, f: PolicyFacts): Value {
  const x = a.run(f);
  if (x === false) return false;
  const y = b.run(f);
  if (y === false) return false;
  return x === ERROR || y === ERROR ? ERROR : true;
}

/** CEL's logical OR: true wins over an error on either side; otherwise an error spreads. */
function or(a: Compiled, b: Compiled, f: PolicyFacts): Value {
  const x = a.run(f);
  if (x === true) return true;
  const y = b.run(f);
  if (y === true) return true;
  return x === ERROR || y === ERROR ? ERROR : false;
}

function compare(a: Value, b: Value | undefined, test: (x: unknown, y: unknown) => boolean): Value {
  return a === ERROR || b === ERROR ? ERROR : test(a, b);
}
