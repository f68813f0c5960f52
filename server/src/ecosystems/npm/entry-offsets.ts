/**
 * Where each lockfile entry's key and version are, by the entry's index in the list they were
 * located for: four numbers per entry in typed arrays rather than two small objects per entry,
 * which a lockfile of half a million entries would hold in the hundreds of megabytes while it is
 * read. -1 marks what was not found.
 */
export class EntryOffsets {
  readonly keyStart: Int32Array;
  readonly keyEnd: Int32Array;
  readonly versionStart: Int32Array;
  readonly versionEnd: Int32Array;

  constructor(count: number) {
    this.keyStart = new Int32Array(count).fill(-1);
    this.keyEnd = new Int32Array(count).fill(-1);
    this.versionStart = new Int32Array(count).fill(-1);
    this.versionEnd = new Int32Array(count).fill(-1);
  }

  /** A key found (again: a repeated key's later occurrence replaces it, and forgets its version). */
  setKey(i: number, start: number, end: number): void {
    this.keyStart[i] = start;
    this.keyEnd[i] = end;
    this.versionStart[i] = -1;
    this.versionEnd[i] = -1;
  }

  setVersion(i: number, start: number, end: number): void {
    this.versionStart[i] = start;
    this.versionEnd[i] = end;
  }

  hasKey(i: number): boolean {
    return this.keyStart[i]! >= 0;
  }

  hasVersion(i: number): boolean {
    return this.versionStart[i]! >= 0;
  }

  /** Every key start found, sorted: where each entry's text ends, at the latest. */
  sortedKeyStarts(): Int32Array {
    return this.keyStart.filter((s) => s >= 0).sort();
  }
}
