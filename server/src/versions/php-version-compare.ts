import { ExactInt, exactIntFromDigits, isAsciiDigit } from './exact-int';

/** A string split the way PHP's `version_compare` splits it, each part pre-classified. */
export interface PhpVersionTokens {
  /** Per token: its special-form order, or NUMBER for a numeric token. */
  readonly orders: readonly number[];
  /** Per token: its value when numeric (0 otherwise). */
  readonly numbers: readonly ExactInt[];
}

const NUMBER = 100;
/** What `version_compare` gives a number when it meets a word: the order of its `#N#` placeholder. */
const NUMBER_AS_WORD = 4;
// php-src ext/standard/versioning.c: matched by prefix, case-sensitively, in this order.
const SPECIAL_FORMS: ReadonlyArray<readonly [string, number]> = [
  ['dev', 0], ['alpha', 1], ['a', 1], ['beta', 2], ['b', 2], ['RC', 3], ['rc', 3], ['#', 4], ['pl', 5], ['p', 5],
];

/**
 * `php_canonicalize_version` then split on dots: runs of digits and runs of letters become tokens,
 * any other character only separates. (Composer-normalized versions are plain ASCII, where this is
 * exactly PHP's behaviour.)
 */
export function tokenizePhpVersion(text: string): PhpVersionTokens {
  const orders: number[] = [];
  const numbers: ExactInt[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    if (isAsciiDigit(text.charCodeAt(i))) {
      while (i < text.length && isAsciiDigit(text.charCodeAt(i))) i++;
      orders.push(NUMBER);
      numbers.push(exactIntFromDigits(text, start, i));
    } else if (isAsciiLetter(text.charCodeAt(i))) {
      while (i < text.length && isAsciiLetter(text.charCodeAt(i))) i++;
      orders.push(specialFormOrder(text.slice(start, i)));
      numbers.push(0);
    } else {
      i++;
    }
  }
  return { orders, numbers };
}

function specialFormOrder(word: string): number {
  for (const [form, order] of SPECIAL_FORMS) if (word.startsWith(form)) return order;
  return -1;
}

/** `php_version_compare` over tokens (numbers compared exactly rather than clamped by `strtol`). */
export function comparePhpVersionTokens(a: PhpVersionTokens, b: PhpVersionTokens): number {
  const ao = a.orders;
  const bo = b.orders;
  const n = ao.length < bo.length ? ao.length : bo.length;
  for (let i = 0; i < n; i++) {
    const oa = ao[i]!;
    const ob = bo[i]!;
    if (oa === NUMBER && ob === NUMBER) {
      const x = a.numbers[i]!;
      const y = b.numbers[i]!;
      if (x !== y) return x < y ? -1 : 1;
      continue;
    }
    const d = (oa === NUMBER ? NUMBER_AS_WORD : oa) - (ob === NUMBER ? NUMBER_AS_WORD : ob);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  // The longer one decides: a further number wins, a further word is weighed against `#N#`.
  if (ao.length > n) return ao[n] === NUMBER ? 1 : compareTail(a, n);
  if (bo.length > n) return bo[n] === NUMBER ? -1 : -compareTail(b, n);
  return 0;
}

/** PHP's `version_compare(rest, "#N#")` for the tokens of `v` from index `from` on. */
function compareTail(v: PhpVersionTokens, from: number): number {
  const o = v.orders[from]!;
  const d = (o === NUMBER ? NUMBER_AS_WORD : o) - NUMBER_AS_WORD;
  if (d !== 0) return d < 0 ? -1 : 1;
  // Only a `#...` word (or a number) ties with `#N#`; then the placeholder has run out.
  if (from + 1 >= v.orders.length) return 0;
  return v.orders[from + 1] === NUMBER ? 1 : compareTail(v, from + 1);
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
