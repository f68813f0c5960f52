import { celEnv, celMethod, CelScalar, isCelError, mapType, parse, plan, type CelEnv, type CelInput } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import picomatch from 'picomatch';
import { fastCondition, type FastExpr } from './cel-fast';
import { FACT_VARIABLES, type FactField } from './fact-schema';
import type { PackageFacts, PolicyFacts, VulnerabilityFacts } from './facts';
import type { CompiledCondition, ExpressionLanguage, RuleSubject } from './types';

/** The parts of CEL's parsed syntax tree (cel.expr.Expr) the checks below walk. */
interface Expr {
  id: bigint;
  exprKind: { case: string | undefined; value?: unknown };
}
interface SelectExpr {
  operand?: Expr;
  field: string;
  testOnly: boolean;
}
interface CallExpr {
  target?: Expr;
  function: string;
  args: Expr[];
}
interface ComprehensionExpr {
  iterVar: string;
  iterVar2?: string;
  accuVar: string;
  iterRange?: Expr;
  accuInit?: Expr;
  loopCondition?: Expr;
  loopStep?: Expr;
  result?: Expr;
}

/** Operators the parser writes as calls but the function table does not list. */
const BUILTIN_CALLS = new Set(['_&&_', '_||_', '_?_:_', '_[_]', '@not_strictly_false']);
type Variables = typeof FACT_VARIABLES;

class CompileError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length = 1,
  ) {
    super(message);
  }
}

/**
 * CEL (cel.dev) through Buf's implementation, which runs the cel-spec conformance suite
 * (docs/dependencies.md). Conditions see `pkg` and, in vulnerability rules, `vuln`, as maps of the
 * facts in fact-schema.ts; CEL's standard library, the strings extension, and `s.glob(pattern)`
 * (picomatch) are available. What CEL itself leaves to run time is checked here when the rule
 * compiles: unknown names, unknown facts, unknown functions, a condition that is not true or false.
 * One instance per loaded policy: it keeps compiled globs and converted facts.
 */
export class CelLanguage implements ExpressionLanguage {
  private readonly env: CelEnv;
  private readonly globs = new Map<string, RegExp>();
  private readonly converted = new WeakMap<object, Map<string, CelInput>>();

  /** `fast: false` runs every condition in the CEL library (cel-fast.test.ts compares the two). */
  constructor(private readonly options: { fast?: boolean } = {}) {
    const facts = mapType(CelScalar.STRING, CelScalar.DYN);
    const glob = celMethod('glob', CelScalar.STRING, [CelScalar.STRING], CelScalar.BOOL, function (pattern) {
      return matcher(this, pattern);
    });
    const matcher = this.glob;
    this.env = celEnv({ variables: { pkg: facts, vuln: facts }, funcs: [...strings, glob] });
  }

  /** `text.glob(pattern)`: picomatch, each pattern compiled once. */
  private readonly glob = (text: string, pattern: string): boolean => {
    // picomatch refuses an empty pattern; it matches only the empty string.
    if (pattern === '') return text === '';
    let re = this.globs.get(pattern);
    // The pattern's regular expression rather than picomatch's matcher: this runs once per package.
    if (!re) this.globs.set(pattern, (re = picomatch.makeRe(pattern, { dot: true })));
    return re.test(text);
  };

  compile(source: string, subject: RuleSubject): ReturnType<ExpressionLanguage['compile']> {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(source);
    } catch (err) {
      const location = (err as { location?: { start?: { offset?: number } } }).location;
      return { ok: false, message: `the condition does not parse: ${(err as Error).message.replace(/^<input>:\d+:\d+: /, '')}`, offset: location?.start?.offset ?? 0 };
    }
    const positions = (parsed.sourceInfo?.positions ?? {}) as Record<string, number>;
    const expr = parsed.expr as unknown as Expr;
    const reads: string[][] = [];
    try {
      const variables = subject === 'vulnerability' ? ['pkg', 'vuln'] : ['pkg'];
      const whole = this.check(expr, variables, new Set(), positions, source, reads);
      checkBoolean(expr, positions, source);
      const program = plan(this.env, parsed);
      const fields = (variable: keyof Variables) => [...new Set(reads.filter((r) => r[0] === variable).map((r) => r[1]!))];
      const pkgFields = fields('pkg');
      const vulnFields = fields('vuln');
      // Evaluation is synchronous and returns a boolean, so one pair of input maps per condition is
      // refilled for every subject instead of allocating two maps each time.
      const pkgInput = new Map<string, CelInput>();
      const vulnInput = new Map<string, CelInput>();
      const fast = this.options.fast === false ? undefined : fastCondition(expr as FastExpr, variables, this.glob);
      if (fast) return { ok: true, condition: { evaluate: fast, cheap: true, ...(whole ? {} : { reads: unique(reads) }) } };
      const condition: CompiledCondition = {
        evaluate: (facts: PolicyFacts) => {
          // Only the facts the condition reads are handed over, unless it uses a variable whole.
          const pkg = whole ? this.input(facts.pkg, 'pkg') : partial(facts.pkg, pkgFields, PACKAGE_SCHEMA, pkgInput);
          const vuln = whole ? (facts.vuln ? this.input(facts.vuln, 'vuln') : new Map()) : partial(facts.vuln, vulnFields, VULNERABILITY_SCHEMA, vulnInput);
          const result = program({ pkg, vuln });
          if (isCelError(result)) return { error: result.message };
          return typeof result === 'boolean' ? result : { error: `the condition gave ${typeof result}, not true or false` };
        },
        ...(whole ? {} : { reads: unique(reads) }),
      };
      return { ok: true, condition };
    } catch (err) {
      if (err instanceof CompileError) return { ok: false, message: err.message, offset: err.offset, length: err.length };
      throw err;
    }
  }

  /** Validates names and collects the facts read; returns true when a whole variable is used (no memo then). */
  private check(expr: Expr | undefined, variables: readonly string[], scope: ReadonlySet<string>, positions: Record<string, number>, source: string, reads: string[][]): boolean {
    if (!expr) return false;
    const at = positions[String(expr.id)] ?? 0;
    const recurse = (e: Expr | undefined, s = scope) => this.check(e, variables, s, positions, source, reads);
    switch (expr.exprKind.case) {
      case 'identExpr': {
        const name = (expr.exprKind.value as { name: string }).name;
        if (scope.has(name)) return false;
        if (variables.includes(name)) return true;
        const hint = name === 'vuln' ? ' (package rules see `pkg` only; use `subject: vulnerability`)' : ` (a rule sees ${variables.map((v) => `\`${v}\``).join(' and ')})`;
        throw new CompileError(`unknown name "${name}"${hint}`, at, name.length);
      }
      case 'selectExpr': {
        const select = expr.exprKind.value as SelectExpr;
        const root = select.operand?.exprKind.case === 'identExpr' ? (select.operand.exprKind.value as { name: string }).name : undefined;
        if (root !== undefined && !scope.has(root) && variables.includes(root)) {
          const fields: Record<string, FactField> = FACT_VARIABLES[root as keyof Variables];
          if (!Object.prototype.hasOwnProperty.call(fields, select.field)) {
            const dot = source.indexOf(`.${select.field}`, at);
            throw new CompileError(`unknown fact "${root}.${select.field}"${suggest(select.field, Object.keys(fields))} (docs/policy.md lists the facts)`, dot === -1 ? at : dot + 1, select.field.length);
          }
          reads.push([root, select.field]);
          return false;
        }
        return recurse(select.operand);
      }
      case 'callExpr': {
        const call = expr.exprKind.value as CallExpr;
        if (!BUILTIN_CALLS.has(call.function) && !this.env.funcs.find(call.function)) throw new CompileError(`unknown function "${call.function}"`, at, call.function.length);
        let whole = recurse(call.target);
        for (const arg of call.args) whole = recurse(arg) || whole;
        return whole;
      }
      case 'listExpr':
        return ((expr.exprKind.value as { elements: Expr[] }).elements ?? []).reduce((whole, e) => recurse(e) || whole, false);
      case 'structExpr': {
        const entries = (expr.exprKind.value as { messageName?: string; entries: Array<{ mapKey?: Expr; value?: Expr }> });
        if (entries.messageName) throw new CompileError(`no message types are available ("${entries.messageName}")`, at, entries.messageName.length);
        return entries.entries.reduce((whole, e) => recurse(e.mapKey) || recurse(e.value) || whole, false);
      }
      case 'comprehensionExpr': {
        const c = expr.exprKind.value as ComprehensionExpr;
        const inner = new Set([...scope, c.iterVar, ...(c.iterVar2 ? [c.iterVar2] : []), c.accuVar]);
        return [recurse(c.iterRange), recurse(c.accuInit), recurse(c.loopCondition, inner), recurse(c.loopStep, inner), recurse(c.result, inner)].some(Boolean);
      }
      default:
        return false;
    }
  }

  /** All facts of a variable as CEL values, converted once per facts object. */
  private input(facts: PackageFacts | VulnerabilityFacts, variable: keyof Variables): Map<string, CelInput> {
    const hit = this.converted.get(facts);
    if (hit) return hit;
    const out = partial(facts, Object.keys(facts), FACT_VARIABLES[variable]);
    this.converted.set(facts, out);
    return out;
  }
}

const PACKAGE_SCHEMA: Record<string, FactField> = FACT_VARIABLES.pkg;
const VULNERABILITY_SCHEMA: Record<string, FactField> = FACT_VARIABLES.vuln;

/** Facts as CEL values: ints as CEL ints, maps as maps, absent facts left out (so `has()` works). */
function partial(facts: PackageFacts | VulnerabilityFacts | undefined, fields: readonly string[], schema: Record<string, FactField>, out = new Map<string, CelInput>()): Map<string, CelInput> {
  out.clear();
  if (!facts) return out;
  for (const key of fields) {
    const value = (facts as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const type = schema[key]?.type;
    if (type === 'int' && typeof value === 'number') out.set(key, BigInt(Math.trunc(value)));
    else if (type === 'map' && typeof value === 'object' && value !== null) out.set(key, new Map(Object.entries(value as Record<string, CelInput>)));
    else out.set(key, value as CelInput);
  }
  return out;
}

/** A condition that can only give a string or a number is a mistake worth catching at compile time. */
function checkBoolean(expr: Expr, positions: Record<string, number>, source: string): void {
  const at = positions[String(expr.id)] ?? 0;
  if (expr.exprKind.case === 'constExpr') {
    const kind = (expr.exprKind.value as { constantKind: { case: string } }).constantKind.case;
    if (kind !== 'boolValue') throw new CompileError('the condition must be true or false, not a constant value', at, Math.max(1, source.length - at));
  }
  if (expr.exprKind.case === 'selectExpr') {
    const select = expr.exprKind.value as SelectExpr;
    const root = select.operand?.exprKind.case === 'identExpr' ? (select.operand.exprKind.value as { name: string }).name : undefined;
    const field = root && root in FACT_VARIABLES ? (FACT_VARIABLES[root as keyof Variables] as Record<string, FactField>)[select.field] : undefined;
    if (!select.testOnly && field && field.type !== 'bool') throw new CompileError(`the condition must be true or false; ${root}.${select.field} is a ${field.type}`, at, select.field.length + 1);
  }
  if (expr.exprKind.case === 'callExpr' && ['_+_', '_-_', '_*_', '_/_', '_%_', '-_'].includes((expr.exprKind.value as CallExpr).function)) {
    throw new CompileError('the condition must be true or false, not a number', at);
  }
}

function unique(paths: readonly string[][]): string[][] {
  return [...new Map(paths.map((p) => [p.join('.'), p])).values()];
}

function suggest(name: string, known: readonly string[]): string {
  const close = known.find((k) => k.toLowerCase() === name.toLowerCase() || distance(k.toLowerCase(), name.toLowerCase()) <= 2);
  return close ? ` (did you mean "${close}"?)` : '';
}

/** Levenshtein distance, for "did you mean" on short names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
