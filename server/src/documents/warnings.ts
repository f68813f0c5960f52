import type { ParseError } from '../core/package';
import { warningAt, type JsonSource } from './positions';

/** Warnings after this many are counted, not located: locating one scans the text. */
const LOCATED = 20;

/**
 * The warnings of one document read. Each is placed at its value in the file; past the first few,
 * a summary counts the rest, so a document with thousands of bad purls costs one pass, not thousands.
 */
export class WarningList {
  private readonly items: ParseError[] = [];
  private more = 0;

  constructor(private readonly source: JsonSource) {}

  add(path: readonly string[], reason: string): void {
    if (this.items.length < LOCATED) this.push(warningAt(this.source, path, reason));
    else this.more++;
  }

  /** Warnings found elsewhere (schema tolerances), already placed. */
  addPlaced(warnings: readonly ParseError[]): void {
    for (const w of warnings) {
      if (this.items.length < LOCATED) this.push(w);
      else this.more++;
    }
  }

  /** One warning per message: a schema reports one deviation through several keywords. */
  private push(warning: ParseError): void {
    if (!this.items.some((w) => w.message === warning.message)) this.items.push(warning);
  }

  list(): ParseError[] {
    if (this.more === 0) return [...this.items];
    const last = this.items[this.items.length - 1]!;
    return [...this.items, { message: `${this.source.fileName}: ${this.more} more warning(s) like these`, range: last.range, severity: 'warning' }];
  }
}
