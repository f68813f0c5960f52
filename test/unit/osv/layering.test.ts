import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '../../../server/src');

function importsOf(folder: string): Array<{ file: string; from: string }> {
  const out: Array<{ file: string; from: string }> = [];
  for (const name of readdirSync(path.join(SRC, folder))) {
    if (!name.endsWith('.ts')) continue;
    const text = readFileSync(path.join(SRC, folder, name), 'utf8');
    for (const match of text.matchAll(/(?:from|import|require)\s*\(?\s*'([^']+)'/g)) out.push({ file: `${folder}/${name}`, from: match[1]! });
  }
  return out;
}

/** One direction between the OSV sources and the store: the store holds OSV records; osv/ declares the store it needs. */
describe('osv/ and store/ layering', () => {
  it('osv/ never imports store/ (the store implements osv/record-store.ts)', () => {
    assert.deepEqual(importsOf('osv').filter((i) => /(^|\/)store(\/|$)/.test(i.from)), []);
  });
  it('net/ imports neither', () => {
    assert.deepEqual(importsOf('net').filter((i) => /\.\.\/(osv|store|provenance)/.test(i.from)), []);
  });
});
