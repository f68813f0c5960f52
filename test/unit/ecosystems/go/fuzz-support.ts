import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { ParseResult } from '../../../../server/src/core/package';
import { LineIndex } from '../../../../server/src/core/text-range';

/**
 * Mutations of a real fixture (insertions of syntax-significant characters, deletions,
 * truncations, byte flips): parsers must return a well-formed result for every one, never throw
 * and never hang. Shared by the Go, crates.io, Pub and Hex fuzz tests.
 */
const SIGNIFICANT = ['\n', ' ', '"', "'", '`', '(', ')', '[', ']', '{', '}', ',', ':', '=', '=>', '//', '#', '%{', '~>', '\\', '\t', '- ', 'v', '\r\n', '\u0000', '😀'];

// Syntax characters of every format here, or any code point (fast-check's own `binary` unit is slow to build).
const anyChar: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SIGNIFICANT),
  fc
    .integer({ min: 0, max: 0x10ffff })
    .filter((c) => c < 0xd800 || c > 0xdfff)
    .map((c) => String.fromCodePoint(c)),
);

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; code: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SIGNIFICANT), fc.string({ maxLength: 4 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), code: fc.integer({ min: 0, max: 0x7f }) }),
);

export function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    switch (m.kind) {
      case 'insert':
        out = out.slice(0, at) + m.text + out.slice(at);
        break;
      case 'delete':
        out = out.slice(0, at) + out.slice(at + m.length);
        break;
      case 'truncate':
        out = out.slice(0, at);
        break;
      case 'flip':
        out = out.slice(0, at) + String.fromCharCode(m.code) + out.slice(at + 1);
        break;
    }
  }
  return out;
}

/** Checks the shape every parser promises, whatever the input. */
export function assertWellFormed(text: string, result: ParseResult): void {
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
