import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { ParseResult } from '../../server/src/core/package';
import { LineIndex } from '../../server/src/core/text-range';
import type { ParseContext, ParseFn } from '../../server/src/ecosystems/types';

/**
 * The "never throws, never hangs" property every parser must have, run over mutations of real
 * fixture text: insertions (including the format's own punctuation), deletions, truncations and
 * changed characters. Three runners with their own seeds and checks, kept as the suites wrote them:
 * `fuzzParser` (Go, crates.io, Pub, Hex), `assertNeverThrows` (Maven, RubyGems, Packagist, NuGet)
 * and `assertSpliceNeverThrows` (package-lock, yarn, pnpm, bun).
 */
type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  /** Flips one bit of the character at `at`; nothing past the end. */
  | { kind: 'flip'; at: number; bit: number }
  /** Puts the character `code` in place of the one at `at`, or after the end. */
  | { kind: 'replace'; at: number; code: number };

function applyMutation(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
    case 'flip':
      if (at >= text.length) return text;
      return text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << m.bit)) + text.slice(at + 1);
    case 'replace':
      return text.slice(0, at) + String.fromCharCode(m.code) + text.slice(at + 1);
  }
}

// ---- Go, crates.io, Pub, Hex ------------------------------------------------------------------------

const SIGNIFICANT = ['\n', ' ', '"', "'", '`', '(', ')', '[', ']', '{', '}', ',', ':', '=', '=>', '//', '#', '%{', '~>', '\\', '\t', '- ', 'v', '\r\n', '\u0000', '😀'];

// Syntax characters of every format here, or any code point (fast-check's own `binary` unit is slow to build).
const anyChar: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SIGNIFICANT),
  fc
    .integer({ min: 0, max: 0x10ffff })
    .filter((c) => c < 0xd800 || c > 0xdfff)
    .map((c) => String.fromCodePoint(c)),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SIGNIFICANT), fc.string({ maxLength: 4 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), code: fc.integer({ min: 0, max: 0x7f }) }),
);

function mutate(text: string, mutations: Mutation[]): string {
  return mutations.reduce(applyMutation, text);
}

/** Checks the shape every parser promises, whatever the input. */
function assertWellFormed(text: string, result: ParseResult): void {
  assert.ok(result.kind === 'manifest' || result.kind === 'lockfile');
  assert.ok(Array.isArray(result.packages) && Array.isArray(result.errors));
  const fatal = result.errors.filter((e) => e.severity !== 'warning');
  assert.ok(fatal.length <= 1, 'at most one error that stops extraction');
  if (fatal.length === 1) assert.deepEqual(result.packages, [], 'no packages once extraction stopped');
  const lines = new LineIndex(text).lineCount;
  const ids = new Set<string>();
  for (const p of result.packages) {
    assert.equal(typeof p.name, 'string');
    assert.equal(typeof p.version, 'string');
    assert.ok(!ids.has(p.id), `duplicate id ${p.id}`);
    ids.add(p.id);
    for (const r of [p.versionRange, p.nameRange]) if (r) assert.ok(r.end.line < lines && r.start.line <= r.end.line);
    for (const child of p.dependencies ?? []) assert.equal(typeof child, 'string');
  }
}

/** Runs the property over each fixture text; `runs` is per fixture, so the suite stays fast. */
export function fuzzParser(name: string, fixtures: string[], parse: (text: string) => ParseResult, runs = 150): void {
  it(`${name}: never throws on mutated fixtures`, () => {
    for (const text of fixtures) {
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
          const mutated = mutate(text, mutations);
          assertWellFormed(mutated, parse(mutated));
        }),
        { numRuns: runs, seed: 20240601 },
      );
    }
  });
  it(`${name}: never throws on arbitrary text`, () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: anyChar }), (text) => {
        assertWellFormed(text, parse(text));
      }),
      { numRuns: runs * 2, seed: 20240602 },
    );
  });
}

// ---- Maven, RubyGems, Packagist, NuGet --------------------------------------------------------------

function mutatedText(seeds: readonly string[], alphabet: string): fc.Arbitrary<string> {
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
  return fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 5 })).map(([seed, mutations]) => mutations.reduce(applyMutation, seed));
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

// ---- npm lockfiles: one splice at a time ------------------------------------------------------------

/**
 * Cuts up to `maxCut` characters at any place of `base` and inserts up to 8 characters there (from
 * `punctuation`, the format's own syntax, or any when omitted): the parser returns packages and at
 * most one error, of any severity, for every such text.
 */
export function assertSpliceNeverThrows(
  parse: (path: string, text: string) => ParseResult,
  path: string,
  base: string,
  options: { maxCut: number; numRuns: number; seed: number; punctuation?: readonly string[] },
): void {
  const insert = options.punctuation ? fc.string({ maxLength: 8, unit: fc.constantFrom(...options.punctuation) }) : fc.string({ maxLength: 8 });
  fc.assert(
    fc.property(fc.nat(base.length), fc.nat(options.maxCut), insert, (at, cut, text) => {
      const result = parse(path, base.slice(0, at) + text + base.slice(Math.min(base.length, at + cut)));
      assert.ok(Array.isArray(result.packages));
      assert.ok(result.errors.length <= 1);
    }),
    { numRuns: options.numRuns, seed: options.seed },
  );
}
