import { createHash } from 'node:crypto';
import type { TreeHead } from './tree-note';

/**
 * RFC 6962 Merkle trees stored as tiles, after golang.org/x/mod/sumdb/tlog: hashes are numbered in
 * the order a log writes them ("stored hash index"), tiles of height H hold 2^H hashes of one level
 * band, and any stored hash can be read from a tile authenticated against a signed tree head.
 * Sizes stay below 2^53 (JavaScript numbers); the checksum database is far from that.
 */

export const HASH_SIZE = 32;

export function recordHash(data: Buffer): Buffer {
  return createHash('sha256').update(Buffer.from([0])).update(data).digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest();
}

const EMPTY_HASH = createHash('sha256').digest();

/** Where level `level`'s `n`th hash sits in the order the log stores hashes. */
export function storedHashIndex(level: number, n: number): number {
  for (let l = level; l > 0; l--) n = 2 * n + 1;
  let i = 0;
  for (; n > 0; n = Math.floor(n / 2)) i += n;
  return i + level;
}

/** The inverse of storedHashIndex. */
export function splitStoredHashIndex(index: number): { level: number; n: number } {
  let n = Math.floor(index / 2);
  let indexN = storedHashIndex(0, n);
  for (;;) {
    // Each new record n adds 1 + trailingZeros(n+1) hashes.
    const x = indexN + 1 + trailingZeros(n + 1);
    if (x > index) break;
    n++;
    indexN = x;
  }
  const level = index - indexN;
  return { level, n: Math.floor(n / 2 ** level) };
}

function trailingZeros(x: number): number {
  let count = 0;
  while (x > 0 && x % 2 === 0) {
    x /= 2;
    count++;
  }
  return count;
}

/** k: the largest power of two smaller than n, and its log. */
function maxpow2(n: number): { k: number; level: number } {
  let level = 0;
  while (2 ** (level + 1) < n) level++;
  return { k: 2 ** level, level };
}

/** Stored hash indexes of the complete subtrees covering records [lo, hi), left to right. */
export function subTreeIndex(lo: number, hi: number): number[] {
  const need: number[] = [];
  while (lo < hi) {
    const { k, level } = maxpow2(hi - lo + 1);
    need.push(storedHashIndex(level, lo / 2 ** level));
    lo += k;
  }
  return need;
}

/** The root of the subtrees' hashes (as subTreeIndex lists them), folded right to left. */
export function foldSubTrees(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0) return EMPTY_HASH;
  let h = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) h = nodeHash(hashes[i]!, h);
  return h;
}

export interface Tile {
  /** Height: 2^H hashes per full tile (8 for the checksum database and C2SP logs). */
  h: number;
  /** Level band; -1 is the data tile. */
  l: number;
  n: number;
  /** Width: hashes present (2^H when full). */
  w: number;
}

/** The tile holding a stored hash, and the byte range of the tile hashes it is computed from. */
export function tileForIndex(h: number, index: number): { tile: Tile; start: number; end: number } {
  const split = splitStoredHashIndex(index);
  let level = split.level;
  let n = split.n;
  const l = Math.floor(level / h);
  level -= l * h;
  const tileN = Math.floor((n * 2 ** level) / 2 ** h);
  n -= (tileN * 2 ** h) / 2 ** level;
  return { tile: { h, l, n: tileN, w: (n + 1) * 2 ** level }, start: n * 2 ** level * HASH_SIZE, end: (n + 1) * 2 ** level * HASH_SIZE };
}

/** The stored hash at `index`, computed from the tile's data. */
export function hashFromTile(tile: Tile, data: Buffer, index: number): Buffer | undefined {
  if (data.length < tile.w * HASH_SIZE) return undefined;
  const { tile: t, start, end } = tileForIndex(tile.h, index);
  if (tile.l !== t.l || tile.n !== t.n || tile.w < t.w) return undefined;
  return tileHash(data.subarray(start, end));
}

function tileHash(data: Buffer): Buffer {
  if (data.length === HASH_SIZE) return Buffer.from(data);
  const half = data.length / 2;
  return nodeHash(tileHash(data.subarray(0, half)), tileHash(data.subarray(half)));
}

/** The tile `k` levels above `t` in a tree of `n` records (width cut to what the tree has), or undefined past the top. */
export function tileParent(t: Tile, k: number, n: number): Tile | undefined {
  const parent: Tile = { h: t.h, l: t.l + k, n: Math.floor(t.n / 2 ** (k * t.h)), w: 2 ** t.h };
  const max = Math.floor(n / 2 ** (parent.l * parent.h));
  if (parent.n * 2 ** parent.h + parent.w >= max) {
    if (parent.n * 2 ** parent.h >= max) return undefined;
    parent.w = max - parent.n * 2 ** parent.h;
  }
  return parent;
}

/** `tile/8/0/x001/234.p/5` (Go checksum database) or, with `c2sp`, `tile/0/x001/234.p/5`. */
export function tilePath(t: Tile, style: 'go' | 'c2sp' = 'go'): string {
  let n = t.n;
  let digits = String(n % 1000).padStart(3, '0');
  while (n >= 1000) {
    n = Math.floor(n / 1000);
    digits = `x${String(n % 1000).padStart(3, '0')}/${digits}`;
  }
  const partial = t.w !== 2 ** t.h ? `.p/${t.w}` : '';
  const level = t.l === -1 ? (style === 'go' ? 'data' : 'entries') : String(t.l);
  return `tile/${style === 'go' ? `${t.h}/` : ''}${level}/${digits}${partial}`;
}

/** Reads tiles (full tiles may come from a cache; partial ones are the tree's current edge). */
export type TileReader = (tiles: readonly Tile[]) => Promise<Buffer[]>;

const key = (t: Tile): string => `${t.l}/${t.n}/${t.w}`;

/**
 * The stored hashes at `indexes` in `tree`, read from tiles, each tile authenticated: the tiles on
 * the tree's right edge must recompute the signed root, and every other tile must hash to the
 * entry its parent tile holds for it. Throws with a reason when a tile is missing or inconsistent
 * (the log served something else than what it signed).
 */
export async function readTreeHashes(tree: TreeHead, height: number, indexes: readonly number[], read: TileReader): Promise<Buffer[]> {
  const order = new Map<string, number>();
  const tiles: Tile[] = [];
  const add = (t: Tile): number => {
    const existing = order.get(key(t));
    if (existing !== undefined) return existing;
    order.set(key(t), tiles.length);
    tiles.push(t);
    return tiles.length - 1;
  };
  // The tiles that recompute the tree hash: if it matches, they are authenticated.
  const stx = subTreeIndex(0, tree.n);
  const stxOrder = stx.map((x) => add(tileParent(tileForIndex(height, x).tile, 0, tree.n)!));
  // The tiles holding the wanted hashes, with the parents needed to authenticate them.
  const indexOrder: number[] = [];
  for (const x of indexes) {
    if (x >= storedHashIndex(0, tree.n)) throw new Error(`hash ${x} is not in a tree of ${tree.n} records`);
    const tile = tileForIndex(height, x).tile;
    let k = 0;
    while (!order.has(key(tileParent(tile, k, tree.n)!))) k++;
    for (let j = k - 1; j >= 0; j--) {
      const p = tileParent(tile, j, tree.n)!;
      if (p.w !== 2 ** p.h) throw new Error('bad tile arithmetic: a tile with a parent must be full');
      add(p);
    }
    indexOrder.push(order.get(key(tileParent(tile, 0, tree.n)!))!);
  }
  const data = await read(tiles);
  if (data.length !== tiles.length) throw new Error('the log served the wrong number of tiles');
  const hashAt = (i: number, x: number): Buffer => {
    const h = hashFromTile(tiles[i]!, data[i]!, x);
    if (!h) throw new Error(`the log served a short or mismatched ${tilePath(tiles[i]!)}`);
    return h;
  };
  const root = foldSubTrees(stx.map((x, i) => hashAt(stxOrder[i]!, x)));
  if (tree.n > 0 && !root.equals(tree.hash)) throw new Error('the log served tiles that do not match its signed tree head');
  for (let i = stx.length === 0 ? 0 : Math.max(...stxOrder) + 1; i < tiles.length; i++) {
    const tile = tiles[i]!;
    const parent = tileParent(tile, 1, tree.n)!;
    const j = order.get(key(parent));
    if (j === undefined || j >= i) throw new Error('bad tile arithmetic: parent not authenticated first');
    const expected = hashAt(j, storedHashIndex(parent.l * parent.h, tile.n));
    if (!expected.equals(tileHash(data[i]!.subarray(0, tile.w * HASH_SIZE)))) throw new Error(`the log served an inconsistent ${tilePath(tile)}`);
  }
  return indexes.map((x, i) => hashAt(indexOrder[i]!, x));
}

/** The root of the first `n` records of `tree`, from tiles authenticated against `tree`. */
export async function treeHashAt(n: number, tree: TreeHead, height: number, read: TileReader): Promise<Buffer> {
  return foldSubTrees(await readTreeHashes(tree, height, subTreeIndex(0, n), read));
}

/** Whether `older` is a prefix of `newer` (RFC 6962 consistency), using `newer`'s tiles. */
export async function consistent(older: TreeHead, newer: TreeHead, height: number, read: TileReader): Promise<boolean> {
  if (older.n === newer.n) return older.hash.equals(newer.hash);
  const [small, big] = older.n < newer.n ? [older, newer] : [newer, older];
  return (await treeHashAt(small.n, big, height, read)).equals(small.hash);
}
