import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNote, parseVerifierKey, type NoteVerifier } from '../../../server/src/provenance/go/signed-note';
import { consistent, readTreeHashes, recordHash, storedHashIndex, tilePath, type Tile } from '../../../server/src/provenance/go/tlog';
import { GO_SUMDB_ORIGIN, parseRecord, parseTreeNote, type TreeHead } from '../../../server/src/provenance/go/tree-note';

const FIXTURES = join(__dirname, '../../fixtures/go-sumdb');
const VECTORS: Record<string, { value?: string; value_base64?: string }> = JSON.parse(readFileSync(join(FIXTURES, 'golang-sumdb-test-vectors.DERIVED.json'), 'utf8')).vectors;
/** A vector's value by its name in the file (`note.PeterNeumann.verifier_key`). */
const v = (name: string): string => VECTORS[name]!.value!;
const LOG = join(FIXTURES, 'tessera-testdata-log');
const ENTRIES = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eit', 'nain', 'ten', 'ileven', 'twelf', 'threeten', 'fourten', 'fivten'];

function verifier(key: string): NoteVerifier {
  const parsed = parseVerifierKey(key);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
  return parsed.verifier;
}

/** The test log's tiles from disk, by their C2SP path. */
const readTiles = async (tiles: readonly Tile[]): Promise<Buffer[]> => tiles.map((t) => readFileSync(join(LOG, tilePath(t, 'c2sp'))));

function checkpoint(size: number): TreeHead {
  const opened = openNote(readFileSync(join(LOG, `checkpoint.${size}`)), verifier(v('tessera.testdata_log.verifier_key')));
  assert.ok(opened.ok, opened.ok ? '' : opened.reason);
  const tree = parseTreeNote(opened.text, 'example.com/log/testdata');
  assert.ok(tree.ok, tree.ok ? '' : tree.reason);
  return tree.tree;
}

describe('Go checksum database: signed notes and tiled logs (the Go project vectors)', () => {
  const NOTES: Array<{ name: string; key: string; note: string; ok: boolean }> = [
    { name: 'a note signed by PeterNeumann', key: v('note.PeterNeumann.verifier_key'), note: v('note.signed_by_PeterNeumann'), ok: true },
    { name: 'the same note with EnochRoot\'s signature too, verified by EnochRoot', key: v('note.EnochRoot.verifier_key'), note: v('note.signed_by_PeterNeumann') + v('note.signature_line.EnochRoot'), ok: true },
    { name: 'a note only PeterNeumann signed, asked of EnochRoot', key: v('note.EnochRoot.verifier_key'), note: v('note.signed_by_PeterNeumann'), ok: false },
    { name: 'a real sum.golang.org tree head', key: v('sum.golang.org.verifier_key'), note: v('sum.golang.org.checkpoint.6476701'), ok: true },
    { name: 'a tree head whose size was changed after signing', key: v('sum.golang.org.verifier_key'), note: v('sum.golang.org.checkpoint.6476701').replace('6476701', '6476702'), ok: false },
  ];
  for (const row of NOTES) {
    it(`opens ${row.name}: ${row.ok ? 'verified' : 'refused'}`, () => {
      assert.equal(openNote(row.note, verifier(row.key)).ok, row.ok);
    });
  }

  it('refuses malformed verifier keys', () => {
    assert.equal(parseVerifierKey(v('note.bad_verifier_key.wrong_length')).ok, false);
    assert.equal(parseVerifierKey(v('note.bad_verifier_key.unknown_algorithm')).ok, false);
    assert.equal(parseVerifierKey(v('sumdb.test_server.verifier_key')).ok, true);
  });

  it('reads the real sum.golang.org tree head and the tree-note vector', () => {
    const opened = openNote(v('sum.golang.org.checkpoint.6476701'), verifier(v('sum.golang.org.verifier_key')));
    assert.ok(opened.ok);
    const tree = parseTreeNote(opened.text, GO_SUMDB_ORIGIN);
    assert.ok(tree.ok);
    assert.equal(tree.tree.n, 6476701);
    const hello = parseTreeNote(v('tlog.tree_note_text.hello_world'), GO_SUMDB_ORIGIN);
    assert.ok(hello.ok);
    assert.equal(hello.tree.n, 123456789012);
    assert.ok(hello.tree.hash.equals(recordHash(Buffer.from('hello world'))));
  });

  it('parses records, with and without what follows them', () => {
    const plain = parseRecord(Buffer.from(v('tlog.record.formatted')));
    assert.ok(plain.ok);
    assert.deepEqual([plain.id, plain.text.toString(), plain.rest.length], [123456789012, 'hello, world\n', 0]);
    const junk = parseRecord(Buffer.from(VECTORS['tlog.record.with_trailing_junk']!.value_base64!, 'base64'));
    assert.ok(junk.ok);
    assert.equal(junk.rest.toString('latin1'), 'junk on end\x01\xff');
  });

  it('every checkpoint of the test log verifies, and every entry is included in every later tree', async () => {
    for (let size = 1; size <= 15; size++) {
      const tree = checkpoint(size);
      assert.equal(tree.n, size);
      const hashes = await readTreeHashes(tree, 8, ENTRIES.slice(0, size).map((_, i) => storedHashIndex(0, i)), readTiles);
      hashes.forEach((h, i) => assert.ok(h.equals(recordHash(Buffer.from(ENTRIES[i]!))), `entry ${i} in tree ${size}`));
    }
  });

  it('every pair of checkpoints is consistent; an altered root hash is a fork', async () => {
    for (let a = 1; a <= 15; a++) {
      for (let b = a; b <= 15; b++) assert.equal(await consistent(checkpoint(a), checkpoint(b), 8, readTiles), true, `${a} → ${b}`);
    }
    const forked: TreeHead = { n: 7, hash: recordHash(Buffer.from('a different history')) };
    assert.equal(await consistent(forked, checkpoint(15), 8, readTiles), false);
    await assert.rejects(readTreeHashes({ n: 15, hash: forked.hash }, 8, [0], readTiles), /do not match its signed tree head/);
  });

  it('writes tile paths as the Go checksum database and C2SP logs name them', () => {
    assert.equal(tilePath({ h: 8, l: 0, n: 1234067, w: 256 }), 'tile/8/0/x001/x234/067');
    assert.equal(tilePath({ h: 8, l: 1, n: 5, w: 7 }), 'tile/8/1/005.p/7');
    assert.equal(tilePath({ h: 8, l: -1, n: 0, w: 3 }), 'tile/8/data/000.p/3');
    assert.equal(tilePath({ h: 8, l: 0, n: 0, w: 15 }, 'c2sp'), 'tile/0/000.p/15');
  });
});
