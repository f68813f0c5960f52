const SPACE = 32;
const TAB = 9;
const HASH = 35;
const CR = 13;

/**
 * The line walk under the hand-written lockfile readers (yarn.lock v1, the lockfile YAML subset):
 * both formats nest by indentation, so each reader asks for the next line with content, its
 * indentation and its end, with blank and comment lines skipped and `\r\n` endings taken apart.
 * Scanning for that line is most of the cost of reading a lockfile, so it is written once, here,
 * and each line is scanned once however often a reader's loops peek at it.
 */
export abstract class IndentedLineReader {
  /** Start of the next unconsumed line. */
  protected pos: number;
  // The current content line, set by `peek`.
  protected lineEnd = 0;
  protected indent = 0;
  /** Offset of the current line's first character after its indentation. */
  content = 0;
  protected nextLine = 0;
  private peekedAt = -1;
  private peeked = false;

  constructor(protected readonly text: string) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** Moves to the next line with content; false at the end of the text. */
  peek(): boolean {
    if (this.peekedAt === this.pos) return this.peeked;
    this.peeked = this.scanLine();
    this.peekedAt = this.pos;
    return this.peeked;
  }

  /**
   * A line indented with a tab (after any spaces, at `at`): returns where its content starts, or
   * `end` to skip it as blank. Each format has its own rule, so each reader says.
   */
  protected abstract tabIndented(at: number, end: number): number;

  /** Called once for each content line, after `peek` has set its offsets. */
  protected contentLine(_lineStart: number): void {}

  protected consume(): void {
    this.pos = this.nextLine;
  }

  protected afterSpaces(p: number): number {
    const t = this.text;
    while (t.charCodeAt(p) === SPACE) p++;
    return p;
  }

  private scanLine(): boolean {
    const t = this.text;
    let p = this.pos;
    while (p < t.length) {
      let e = t.indexOf('\n', p);
      if (e === -1) e = t.length;
      let end = e;
      if (end > p && t.charCodeAt(end - 1) === CR) end--;
      let i = p;
      while (i < end && t.charCodeAt(i) === SPACE) i++;
      if (i < end && t.charCodeAt(i) === TAB) i = this.tabIndented(i, end);
      if (i === end || t.charCodeAt(i) === HASH) {
        p = e + 1;
        continue;
      }
      this.pos = p;
      this.lineEnd = end;
      this.indent = i - p;
      this.content = i;
      this.nextLine = e + 1;
      this.contentLine(p);
      return true;
    }
    this.pos = t.length;
    return false;
  }
}
