import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as oniguruma from 'vscode-oniguruma';
import type { IGrammar } from 'vscode-textmate';
import {
  GRAMMARS,
  fixtureSize,
  fixturesFor,
  grammarPath,
  loadGrammars,
  loadOniguruma,
  openScopes,
  readFixture,
  splitLines,
  stoppedEarly,
  tokenize,
} from './textmate';

/**
 * Fixtures that are deliberately not valid files of their format (parser error cases): they must
 * tokenize without errors, but some of their text is expected to stay unrecognised.
 */
const MALFORMED = new Set([
  'pypi/pyproject-toml/osv-scalibr/malformed.toml',
  'pypi/requirements-txt/osv-scalibr/invalid.txt',
  'pypi/requirements-txt/osv-scalibr/per_req_options.txt',
  'pypi/requirements-txt/osv-scanner-v1.9.2/line-continuation.txt',
  'go/go-mod/osv-scalibr/indirect-1.23.sum',
  'maven/gradle-lockfile/osv-scalibr/with-bad-pkg',
  'maven/gradle-lockfile/osv-scanner-v1.9.2/with-bad-pkg',
]);

let grammars: Map<string, IGrammar>;
before(async () => {
  grammars = await loadGrammars();
});
const grammar = (file: string): IGrammar => grammars.get(file)!;

describe('TextMate grammars: structure', () => {
  for (const spec of GRAMMARS) {
    describe(spec.file, () => {
      const json = JSON.parse(readFileSync(grammarPath(spec), 'utf8')) as Record<string, unknown>;

      it('declares its scope name', () => {
        assert.equal(json.scopeName, spec.scopeName);
      });

      it('every regex compiles with Oniguruma', async () => {
        await loadOniguruma();
        const failures: string[] = [];
        for (const { at, source } of regexes(json)) {
          try {
            new oniguruma.OnigScanner([source]).dispose();
          } catch (error) {
            failures.push(`${at}: ${(error as Error).message}`);
          }
        }
        assert.deepEqual(failures, []);
      });

      it('every include resolves inside the grammar', () => {
        const repository = (json.repository ?? {}) as Record<string, unknown>;
        const dangling = includes(json).filter((name) => !(name.startsWith('#') && name.slice(1) in repository) && name !== '$self');
        assert.deepEqual(dangling, []);
      });

      it(`every scope it names ends in ${spec.suffix}`, () => {
        const wrong = scopeNames([json.patterns, json.repository]).filter((scope) => !scope.endsWith(spec.suffix));
        assert.deepEqual(wrong, []);
      });
    });
  }
});

describe('TextMate grammars: real fixtures', () => {
  for (const spec of GRAMMARS) {
    const fixtures = fixturesFor(spec);

    describe(spec.file, () => {
      it('has at least two fixtures to tokenize', () => {
        assert.ok(fixtures.length >= 2, `${fixtures.length} fixture(s) for ${spec.file}`);
      });

      for (const fixture of fixtures) {
        it(fixture, () => {
          const { lines, end } = tokenize(grammar(spec.file), readFixture(fixture));
          const problems: string[] = [];
          lines.forEach(({ line, tokens, stoppedEarly }, i) => {
            const where = `${fixture}:${i + 1}`;
            if (stoppedEarly) problems.push(`${where}: tokenizer stopped early`);
            // The tokens tile the line: no gap, no overlap, nothing past the end left out.
            let at = 0;
            for (const t of tokens) {
              if (t.start !== at) problems.push(`${where}: token starts at ${t.start}, expected ${at}`);
              at = t.end;
            }
            if (at < line.length) problems.push(`${where}: tokens end at ${at} of ${line.length}`);
            if (MALFORMED.has(fixture)) return;
            for (const t of tokens) {
              if (t.text.trim() && t.scopes.length < 2) problems.push(`${where}: unrecognised ${JSON.stringify(t.text)}`);
              const invalid = t.scopes.find((s) => s.startsWith('invalid.'));
              if (invalid) problems.push(`${where}: ${invalid} on ${JSON.stringify(t.text)}`);
            }
          });
          // Nothing (a string, an array, a block) is left open by a complete file.
          const open = openScopes(grammar(spec.file), end).slice(1);
          if (!MALFORMED.has(fixture) && open.some((s) => !spec.openAtEnd?.includes(s))) problems.push(`${fixture}: still open at the end: ${open.join(' ')}`);
          assert.deepEqual(problems.slice(0, 15), []);
        });
      }
    });
  }
});

describe('TextMate grammars: tokenizing stays bounded', () => {
  for (const spec of GRAMMARS) {
    describe(spec.file, () => {
      it('tokenizes the largest fixture line by line, each line within the time limit', () => {
        const largest = fixturesFor(spec).sort((a, b) => fixtureSize(b) - fixtureSize(a))[0]!;
        const text = readFixture(largest);
        const cut = stoppedEarly(grammar(spec.file), text, 1000);
        assert.deepEqual(splitLines(text).filter((_, i) => cut[i]).map((l) => l.slice(0, 80)), [], largest);
      });

      it('tokenizes pathological 10,000-character lines within the time limit (no catastrophic backtracking)', () => {
        for (const line of pathologicalLines()) {
          assert.deepEqual(stoppedEarly(grammar(spec.file), line, 1000), [false], `${JSON.stringify(line.slice(0, 40))}… (${line.length} chars)`);
        }
      });

      it('never throws and always tiles each line, whatever the text', () => {
        fc.assert(
          fc.property(fc.array(fc.string({ unit: FUZZ_UNIT, maxLength: 60 }), { maxLength: 12 }), (lines) => {
            for (const { line, tokens, stoppedEarly } of tokenize(grammar(spec.file), lines.join('\n'), 1000).lines) {
              assert.equal(stoppedEarly, false);
              assert.equal(tokens[0]?.start, 0);
              for (let i = 1; i < tokens.length; i++) assert.equal(tokens[i]!.start, tokens[i - 1]!.end);
              assert.ok(tokens.at(-1)!.end >= line.length);
            }
          }),
          { numRuns: 150 },
        );
      });
    });
  }
});

/** Characters and fragments that mean something to at least one of the grammars. */
const FUZZ_UNIT = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...'aZ09._-/@:=",\'#[]{}()<>~^!*+\\;% \t$`|'.split('')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '"""', "'''", '[[', ']]', '==', '>=', '~=', '~>', '=>', '//', '--hash=', 'sha256:', 'h1:', 'sha512-',
      'v1.2.3', '1.0.0', 'require (', 'GEM', 'PLATFORMS', '  specs:', '    ', '%{', ':hex', 'empty=', 'https://x.y/',
      '${A}', ' #', 'true', '1979-05-27T07:32:00Z', '0x1f', 'inf',
    ),
  },
);

function pathologicalLines(): string[] {
  const n = 10_000;
  const bodies = [
    'a'.repeat(n),
    ' '.repeat(n) + 'x',
    '"' + 'a'.repeat(n),
    '"' + '\\"'.repeat(n / 2),
    'a.'.repeat(n / 2),
    'a.'.repeat(n / 2) + '=',
    '"a".'.repeat(n / 4) + ' ',
    '['.repeat(n),
    '[' + 'a.'.repeat(n / 2),
    '{'.repeat(n),
    '('.repeat(n),
    '@'.repeat(n),
    'a@'.repeat(n / 2) + ':',
    '"a@b", '.repeat(n / 7) + 'x',
    '1.'.repeat(n / 2),
    '1_'.repeat(n / 2) + 'x',
    'v1.'.repeat(n / 3),
    '-'.repeat(n),
    '--a '.repeat(n / 4),
    '=='.repeat(n / 2),
    ':a'.repeat(n / 2),
    'a:'.repeat(n / 2),
    'sha256:' + 'f'.repeat(n),
    'h1:' + 'A'.repeat(n),
    '#'.repeat(n),
    '/'.repeat(n),
    'a/'.repeat(n / 2) + ' ',
    'x://'.repeat(n / 4),
    '${'.repeat(n / 2),
  ];
  // Each body also after the prefixes that switch the grammars into their value contexts.
  return bodies.flatMap((body) => [body, `a = ${body}`, `    ${body}`, `  ${body}`, `foo==${body}`, `a:b:${body}`, `\t${body}`]);
}

function* regexes(node: unknown, at = '$'): Generator<{ at: string; source: string }> {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) yield* regexes(child, `${at}[${i}]`);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') yield { at: `${at}.${key}`, source: value };
      else yield* regexes(value, `${at}.${key}`);
    }
  }
}

function includes(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(includes);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'include' && typeof value === 'string' ? [value] : includes(value)));
}

function scopeNames(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(scopeNames);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    (key === 'name' || key === 'contentName') && typeof value === 'string' ? value.split(' ') : scopeNames(value),
  );
}
