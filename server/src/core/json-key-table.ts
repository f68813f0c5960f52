/** How keys are compared: equality and a hash of a key's value, both read from the text in place. */
export interface KeyText {
  same(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean;
  hash(start: number, end: number): number;
}

/** Objects with more keys than this get a hash table; smaller ones compare pairwise. */
const PAIRWISE_LIMIT = 24;

/**
 * The keys of one open JSON object, as offsets into the text: compared pairwise while the object
 * is small (nearly all are), through an open-addressing hash table once it is large (a lockfile's
 * package map, half a million keys). Everything is typed arrays that grow by doubling and are
 * reused for the next object at the same depth, so a scan allocates no object per key.
 */
export class KeyTable {
  private starts: Int32Array<ArrayBuffer> = new Int32Array(PAIRWISE_LIMIT * 2);
  private ends: Int32Array<ArrayBuffer> = new Int32Array(PAIRWISE_LIMIT * 2);
  private hashes: Int32Array<ArrayBuffer> = new Int32Array(0);
  /** Per key: the index of the previous key in the same hash chain, or -1. */
  private chain: Int32Array<ArrayBuffer> = new Int32Array(0);
  /** Slot → index + 1 of the latest key hashed there (0: empty); present once the object is large. */
  private slots: Int32Array | undefined;
  private count = 0;

  constructor(private readonly keys: KeyText) {}

  reset(): void {
    this.count = 0;
    this.slots = undefined;
  }

  startOf(i: number): number {
    return this.starts[i]!;
  }

  endOf(i: number): number {
    return this.ends[i]!;
  }

  /** Adds a key; returns the index of the latest earlier equal key, or -1. */
  add(start: number, end: number): number {
    const i = this.count;
    if (i === this.starts.length) this.grow();
    this.starts[i] = start;
    this.ends[i] = end;
    this.count = i + 1;
    if (this.slots) return this.insert(i);
    for (let j = i - 1; j >= 0; j--) if (this.keys.same(this.starts[j]!, this.ends[j]!, start, end)) return j;
    if (this.count > PAIRWISE_LIMIT) this.rehash();
    return -1;
  }

  private insert(i: number): number {
    const hash = this.keys.hash(this.starts[i]!, this.ends[i]!);
    if (i >= this.hashes.length) this.growHashes();
    this.hashes[i] = hash;
    const slots = this.slots!;
    const mask = slots.length - 1;
    let slot = hash & mask;
    // Linear probing to this hash's slot (or an empty one); its chain holds every key with the hash.
    while (slots[slot] !== 0 && this.hashes[slots[slot]! - 1] !== hash) slot = (slot + 1) & mask;
    let found = -1;
    for (let j = slots[slot]! - 1; j >= 0; j = this.chain[j]!) {
      if (this.keys.same(this.starts[j]!, this.ends[j]!, this.starts[i]!, this.ends[i]!)) {
        found = j;
        break;
      }
    }
    this.chain[i] = slots[slot]! - 1;
    slots[slot] = i + 1;
    if (this.count * 2 > slots.length) this.rehash();
    return found;
  }

  /** (Re)builds the table at twice the keys' number, rounded up to a power of two. */
  private rehash(): void {
    let size = 64;
    while (size < this.count * 4) size *= 2;
    this.slots = new Int32Array(size);
    if (this.hashes.length < this.starts.length) this.growHashes();
    const keys = this.count;
    this.count = 0;
    for (let i = 0; i < keys; i++) {
      this.count = i + 1;
      this.hashes[i] = this.keys.hash(this.starts[i]!, this.ends[i]!);
      const slots = this.slots;
      const mask = slots.length - 1;
      let slot = this.hashes[i]! & mask;
      while (slots[slot] !== 0 && this.hashes[slots[slot]! - 1] !== this.hashes[i]) slot = (slot + 1) & mask;
      this.chain[i] = slots[slot]! - 1;
      slots[slot] = i + 1;
    }
  }

  private grow(): void {
    this.starts = doubled(this.starts);
    this.ends = doubled(this.ends);
  }

  private growHashes(): void {
    this.hashes = resized(this.hashes, this.starts.length);
    this.chain = resized(this.chain, this.starts.length);
  }
}

function doubled(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  return resized(a, a.length * 2);
}

function resized(a: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(length);
  b.set(a.subarray(0, Math.min(a.length, length)));
  return b;
}
