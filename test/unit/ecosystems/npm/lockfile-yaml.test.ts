import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { readYaml, readWithYamlLibrary, readYamlSubset, type YamlValue } from '../../../../server/src/core/yaml';

const ROOT = join(__dirname, '../../../fixtures/ecosystems/npm');

/** Every YAML lockfile among the fixtures: pnpm-lock files and yarn berry lockfiles. */
function yamlFixtures(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.yaml') || ((name.endsWith('.lock') || name === 'yarn.lock') && readFileSync(full, 'utf8').includes('__metadata'))) out.push(full);
    }
  };
  walk(join(ROOT, 'pnpm-lock'));
  walk(join(ROOT, 'yarn-lock'));
  return out.sort();
}

/** Plain data without offsets, for comparing meaning. */
function plain(value: YamlValue): unknown {
  if (value === null) return null;
  if (value.kind === 'scalar') return value.value;
  if (value.kind === 'seq') return value.items.map(plain);
  return Object.fromEntries(value.entries.map((e) => [e.key, plain(e.value)]));
}

describe('lockfile YAML reader', () => {
  describe('the fast path reads every machine-written fixture exactly as the yaml library does, offsets included', () => {
    for (const file of yamlFixtures()) {
      it(file.slice(ROOT.length + 1), () => {
        const text = readFileSync(file, 'utf8');
        const fast = readYamlSubset(text);
        assert.ok(fast, 'left the fast path');
        assert.deepEqual(fast, readWithYamlLibrary(text).documents);
      });
    }
  });

  const LIBRARY_ONLY: Array<{ name: string; text: string; want: unknown[] }> = [
    { name: 'anchors and aliases (aliases read as empty, never expanded)', text: 'a: &x {b: 1}\nc: *x\n', want: [{ a: { b: '1' }, c: null }] },
    { name: 'block scalars', text: 'a: |\n  line one\n  line two\n', want: [{ a: 'line one\nline two\n' }] },
    { name: 'a plain scalar over two lines', text: 'a: one\n  two\n', want: [{ a: 'one\n  two' }] },
    { name: 'tab separation', text: 'a:\t1\n', want: [{ a: '1' }] },
    { name: 'a tag (the text after it is the value)', text: 'a: !!str 1\n', want: [{ a: '1' }] },
    { name: 'a multi-line flow map', text: 'a: {b: 1,\n  c: 2}\n', want: [{ a: { b: '1', c: '2' } }] },
  ];
  for (const row of LIBRARY_ONLY) {
    it(`outside the subset, the library reads it: ${row.name}`, () => {
      assert.equal(readYamlSubset(row.text), undefined);
      const read = readYaml(row.text);
      assert.equal(read.error, undefined);
      assert.deepEqual(read.documents!.map(plain), row.want);
    });
  }

  const SUBSET: Array<{ name: string; text: string; want: unknown[] }> = [
    { name: 'plain scalars keep their text', text: "a: 1.10\nb: true\nc: null\nd: '007'\ne: ~\n", want: [{ a: '1.10', b: 'true', c: 'null', d: '007', e: '~' }] },
    { name: 'empty values, comments, quotes and escapes', text: 'a:\nb: "x\\"y" # note\n\'c d\': \'it\'\'s\'\n', want: [{ a: null, b: 'x"y', 'c d': "it's" }] },
    { name: 'flow collections', text: 'r: {integrity: sha512-x==, tarball: https://a/b.tgz}\nos: [darwin, linux]\ne: {}\n', want: [{ r: { integrity: 'sha512-x==', tarball: 'https://a/b.tgz' }, os: ['darwin', 'linux'], e: {} }] },
    { name: 'sequences, indented or not', text: 'a:\n  - x\n  - y\nb:\n- z\n', want: [{ a: ['x', 'y'], b: ['z'] }] },
    { name: 'a stream of documents', text: '---\na: 1\n---\nb: 2\n...\n', want: [{ a: '1' }, { b: '2' }] },
    { name: 'an empty document after a marker', text: '---\n', want: [null] },
  ];
  for (const row of SUBSET) {
    it(`inside the subset: ${row.name}`, () => {
      const fast = readYamlSubset(row.text);
      assert.ok(fast);
      assert.deepEqual(fast.map(plain), row.want);
      assert.deepEqual(fast, readWithYamlLibrary(row.text).documents);
    });
  }

  it('keeps the offsets of keys and scalars, quotes excluded', () => {
    const text = "packages:\n  '/@babel/core/7.0.0':\n    resolution: {integrity: sha512-abc}\n";
    const root = readYamlSubset(text)![0] ?? null;
    const entry = root?.kind === 'map' ? root.entries[0]!.value : null;
    const pkg = entry?.kind === 'map' ? entry.entries[0]! : undefined;
    assert.equal(text.slice(pkg!.keyStart, pkg!.keyEnd), '/@babel/core/7.0.0');
    const resolution = pkg!.value?.kind === 'map' ? pkg!.value.entries[0]!.value : null;
    const integrity = resolution?.kind === 'map' ? resolution.entries[0]!.value : null;
    assert.equal(integrity?.kind === 'scalar' ? text.slice(integrity.start, integrity.end) : undefined, 'sha512-abc');
  });

  it('a syntax error comes from the library, with its position', () => {
    const read = readYaml('a: 1\n  b: 2\n');
    assert.ok(read.error);
    assert.deepEqual([read.error.start, read.error.message.length > 0], [3, true]);
  });

  it('on mutated lockfiles, the fast path and the library agree whenever the fast path reads', () => {
    const bases = [join(ROOT, 'pnpm-lock/scenarios/workspace-v9/pnpm-lock.yaml'), join(ROOT, 'yarn-lock/scenarios/workspace-berry/yarn.lock')].map((f) => readFileSync(f, 'utf8'));
    fc.assert(
      fc.property(fc.constantFrom(...bases), fc.nat(3000), fc.nat(20), fc.string({ maxLength: 6, unit: fc.constantFrom('"', ':', ' ', '\n', '\t', ',', '#', '&', '*', '!', '|', '>', '-', '{', '}', '[', ']', "'", '\\', '?', '%', '@', '`', 'a', '.') }), (base, at, cut, insert) => {
        const start = at % (base.length + 1);
        const mutated = base.slice(0, start) + insert + base.slice(Math.min(base.length, start + cut));
        const read = readYaml(mutated);
        assert.ok(read.documents || read.error);
        const fast = readYamlSubset(mutated);
        if (fast) assert.deepEqual(fast, readWithYamlLibrary(mutated).documents);
      }),
      { numRuns: 600, seed: 5 },
    );
  });
});
