import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ParseResult } from '../../../../server/src/core/package';
import { PYPI_PARSERS } from '../../../../server/src/ecosystems/pypi';
import { pypiFixes } from '../../../../server/src/ecosystems/pypi/fix-writer';
import { pypiRequirements } from '../../../../server/src/ecosystems/pypi/requirement-semantics';
import { rewriteForFix } from '../../../../server/src/ecosystems/pypi/specifier-rewrite';
import { memoryContext } from '../../../support/parse-contexts';
import { fixture } from './fixtures-folder';

/**
 * Mutations of real fixtures (insertions, deletions, truncations, byte flips, duplicated slices):
 * every parser returns a well-formed result and never throws or hangs.
 */
const SEEDS: Record<string, string[]> = {
  'pypi/requirements-txt': ['requirements-txt/osv-scalibr/per_req_options.txt', 'requirements-txt/osv-scanner-v1.9.2/line-continuation.txt', 'scenarios/requirements-includes/requirements.txt'],
  'pypi/pyproject-toml': ['scenarios/pyproject-sections/pyproject.toml', 'scenarios/poetry-app/pyproject.toml'],
  'pypi/pipfile': ['scenarios/pipfile-app/Pipfile'],
  'pypi/poetry-lock': ['poetry-lock/osv-scalibr/multiple-packages.v2.lock'],
  'pypi/pipfile-lock': ['pipfile-lock/osv-scanner-v1.9.2/multiple-packages.json'],
  'pypi/uv-lock': ['scenarios/uv-workspace/uv.lock'],
  'pypi/pdm-lock': ['pdm-lock/osv-scanner-v1.9.2/dev-dependency.toml'],
  'pypi/pylock-toml': ['pylock-toml/osv-scalibr/example.toml'],
};

/** PYPI_FUZZ_RUNS=5000 for a long random run; the default keeps the suite fast and reproducible. */
const RUNS = Number(process.env.PYPI_FUZZ_RUNS ?? 120);
const SEED = process.env.PYPI_FUZZ_RUNS ? {} : { seed: 20240601 };
/** Characters that matter to these grammars, so mutations reach the interesting paths. */
const SPECIAL = fc.constantFrom('\n', '\\', '"', "'", '[', ']', '{', '}', '=', ',', '#', ';', '@', '-r ', '-c ', '--hash=', '==', '>=', '~=', '^', '||', '(', ')', '\r\n', '\u0000', '"""', '\\u');

function mutation(text: string): fc.Arbitrary<string> {
  const at = fc.nat({ max: text.length });
  return fc.oneof(
    fc.tuple(at, fc.oneof(SPECIAL, fc.string({ maxLength: 8 }))).map(([i, s]) => text.slice(0, i) + s + text.slice(i)),
    fc.tuple(at, fc.nat({ max: 40 })).map(([i, n]) => text.slice(0, i) + text.slice(i + n)),
    at.map((i) => text.slice(0, i)),
    fc.tuple(at, fc.integer({ min: 0, max: 0xffff })).map(([i, c]) => text.slice(0, i) + String.fromCharCode(c) + text.slice(i + 1)),
    fc.tuple(at, at).map(([a, b]) => text.slice(0, Math.max(a, b)) + text.slice(Math.min(a, b))),
  );
}

function wellFormed(result: ParseResult): void {
  assert.ok(Array.isArray(result.packages));
  assert.ok(Array.isArray(result.errors));
  const ids = new Set<string>();
  for (const pkg of result.packages) {
    assert.equal(pkg.ecosystem, 'PyPI');
    assert.equal(typeof pkg.name, 'string');
    assert.equal(typeof pkg.version, 'string');
    assert.ok(!ids.has(pkg.id), `duplicate id ${pkg.id}`);
    ids.add(pkg.id);
  }
  for (const pkg of result.packages) for (const child of pkg.dependencies ?? []) assert.ok(ids.has(child), `dangling edge ${pkg.id} → ${child}`);
}

describe('pypi: fuzzing parsers with mutated fixtures', () => {
  for (const [parser, files] of Object.entries(SEEDS)) {
    it(`${parser} never throws and returns well-formed results`, () => {
      const seeds = files.map((f) => fixture(f));
      const context = memoryContext({});
      fc.assert(
        fc.property(
          fc.constantFrom(...seeds).chain((seed) => mutation(seed.text).map((text) => ({ path: seed.path, text }))),
          ({ path, text }) => {
            const result = PYPI_PARSERS[parser]!(path, text, context);
            wellFormed(result);
            // The fix writer reads the same text again: it must not throw either.
            const pkg = result.packages[0];
            if (pkg && result.kind === 'manifest') pypiFixes.upgrade({ path, text, result }, pkg, '99.0.0');
          },
        ),
        { numRuns: RUNS, ...SEED },
      );
    });
  }

  it('requirement semantics and the rewriter never throw on arbitrary text', () => {
    const requirement = fc.oneof(fc.string({ maxLength: 30 }), fc.array(fc.oneof(SPECIAL, fc.constantFrom('1', '2.0', '1.2.3', 'rc1', '.*', ' ', '!', 'v')), { maxLength: 8 }).map((a) => a.join('')));
    fc.assert(
      fc.property(requirement, fc.constantFrom('1.2.3', '0', '2.0.0rc1', '1!1.0'), (req, version) => {
        pypiRequirements.exact(req);
        pypiRequirements.admits(req, { introduced: '0', fixed: version });
        const rewritten = rewriteForFix(req, version);
        if (rewritten !== undefined) assert.equal(pypiRequirements.admits(rewritten, { introduced: '0', fixed: version }), false, `${req} → ${rewritten}`);
      }),
      { numRuns: RUNS * 4, ...SEED },
    );
  });
});
