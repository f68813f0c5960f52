import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { ParseContext, ParseFn } from '../../../../server/src/ecosystems/types';

/**
 * Mutations of real fixture text — insertions (including the format's own punctuation), deletions,
 * truncations and byte flips — for the "never throws, never hangs" property every parser must
 * have. Shared by the Maven, RubyGems, Packagist and NuGet fuzz suites.
 */
type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; bit: number };

export function mutatedText(seeds: readonly string[], alphabet: string): fc.Arbitrary<string> {
  const fragment = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.array(fc.constantFrom(...alphabet.split('')), { maxLength: 6 }).map((chars) => chars.join('')),
  );
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fragment }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  );
  return fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 5 })).map(([seed, mutations]) => mutations.reduce(apply, seed));
}

function apply(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
    case 'flip': {
      if (at >= text.length) return text;
      return text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << m.bit)) + text.slice(at + 1);
    }
  }
}

/** Runs the property: the parser returns a well-formed result, quickly, for every mutation. */
export function assertNeverThrows(parse: ParseFn, path: string, seeds: readonly string[], alphabet: string, numRuns = 300, context?: ParseContext): void {
  fc.assert(
    fc.property(mutatedText(seeds, alphabet), (text) => {
      const started = performance.now();
      const result = parse(path, text, context);
      assert.ok(performance.now() - started < 1000, 'parse took over a second');
      assert.ok(Array.isArray(result.packages) && Array.isArray(result.errors));
      const stoppers = result.errors.filter((e) => (e.severity ?? 'error') === 'error');
      assert.ok(stoppers.length <= 1, 'at most one error that stops extraction');
      for (const pkg of result.packages) assert.equal(typeof pkg.name, 'string');
    }),
    { numRuns, seed: 20260801 },
  );
}
