import { ExactInt, MAX_VERSION_LENGTH, compareExactInts, exactIntFromDigits, isAsciiDigit } from './exact-int';
import type { VersionScheme } from './scheme';

const INT = 0;
const STRING = 1;
const LIST = 2;

/**
 * One item of Maven's `ComparableVersion`. Every item carries every field (one object shape keeps
 * `compare` monomorphic); `kind` says which ones mean something.
 */
export interface MavenItem {
  readonly kind: typeof INT | typeof STRING | typeof LIST;
  /** INT: the number. */
  readonly int: ExactInt;
  /** STRING: index in alpha, beta, milestone, rc, snapshot, "", sp; 7 for any other qualifier. */
  readonly rank: number;
  /** STRING: the qualifier after aliasing, compared lexically when both are unknown. */
  readonly text: string;
  /** LIST: the items after a `-` or a digit/letter transition. */
  readonly items: MavenItem[];
}

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_RANK = 5;
const UNKNOWN_RANK = QUALIFIERS.length;
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const SHORTHANDS: Record<string, string> = { a: 'alpha', b: 'beta', m: 'milestone' };
const NO_ITEMS: MavenItem[] = [];

/**
 * Maven: `org.apache.maven.artifact.versioning.ComparableVersion` (Maven 3.9), ported item for
 * item: `.`/`-` and digit/letter transitions split items, `-` and transitions open sub-lists,
 * trailing zero/empty items are trimmed, known qualifiers order alpha < beta < milestone < rc = cr <
 * snapshot < "" = ga = final = release < sp, and unknown qualifiers come after them, lexically.
 * Maven accepts any string; text that cannot be a resolved version is rejected here: empty,
 * whitespace, non-ASCII, an unresolved `${property}`, a range (`[1.0,2.0)`), or a character
 * Maven's model validator bans in versions.
 */
export const mavenScheme: VersionScheme<MavenItem> = {
  id: 'maven',
  parse(text) {
    if (!isPlausibleMavenVersion(text)) return undefined;
    return parseComparableVersion(text.toLowerCase());
  },
  compare: (a, b) => compareLists(a.items, b.items),
  // ComparableVersion itself takes any string; only `parse` holds back what is no resolved version.
  orderAnyText: (a, b) => compareLists(parseComparableVersion(a.toLowerCase()).items, parseComparableVersion(b.toLowerCase()).items),
};

function isPlausibleMavenVersion(text: string): boolean {
  if (text.length === 0 || text.length > MAX_VERSION_LENGTH) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) return false;
    switch (c) {
      case 0x22: case 0x24: case 0x28: case 0x29: case 0x2a: case 0x2c: case 0x2f: case 0x3a: // " $ ( ) * , / :
      case 0x3c: case 0x3e: case 0x3f: case 0x5b: case 0x5c: case 0x5d: case 0x7b: case 0x7c: case 0x7d: // < > ? [ \ ] { | }
        return false;
    }
  }
  return true;
}

function parseComparableVersion(version: string): MavenItem {
  const root = listItem();
  let list = root;
  const stack: MavenItem[] = [root];
  const openList = (): void => {
    const child = listItem();
    list.items.push(child);
    list = child;
    stack.push(child);
  };

  let isDigit = false;
  let start = 0;
  for (let i = 0; i < version.length; i++) {
    const c = version.charCodeAt(i);
    if (c === 46 /* . */ || c === 45 /* - */) {
      list.items.push(i === start ? ZERO : parseItem(isDigit, version.slice(start, i)));
      start = i + 1;
      if (c === 45) openList();
    } else if (isAsciiDigit(c)) {
      if (!isDigit && i > start) {
        // Maven treats `.X1` like `-X1` for any qualifier X (1.0.0.X1 < 1.0.0-X2).
        if (list.items.length > 0) openList();
        list.items.push(stringItem(version.slice(start, i), true));
        start = i;
        openList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(parseItem(true, version.slice(start, i)));
        start = i;
        openList();
      }
      isDigit = false;
    }
  }
  if (version.length > start) {
    if (!isDigit && list.items.length > 0) openList();
    list.items.push(parseItem(isDigit, version.slice(start)));
  }
  // Innermost lists first, so an inner list emptied by trimming is itself trimmed from its parent.
  for (let i = stack.length - 1; i >= 0; i--) normalize(stack[i]!);
  return root;
}

function normalize(list: MavenItem): void {
  const items = list.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (isNull(item)) items.splice(i, 1);
    else if (item.kind !== LIST) break;
  }
}

function isNull(item: MavenItem): boolean {
  return item.kind === INT ? item.int === 0 : item.kind === STRING ? item.rank === RELEASE_RANK : item.items.length === 0;
}

function parseItem(isDigit: boolean, text: string): MavenItem {
  return isDigit ? intItem(exactIntFromDigits(text)) : stringItem(text, false);
}

function intItem(int: ExactInt): MavenItem {
  return { kind: INT, int, rank: 0, text: '', items: NO_ITEMS };
}

const ZERO = intItem(0);

function stringItem(raw: string, followedByDigit: boolean): MavenItem {
  let value = followedByDigit && raw.length === 1 ? (SHORTHANDS[raw] ?? raw) : raw;
  value = ALIASES[value] ?? value;
  const index = QUALIFIERS.indexOf(value);
  return { kind: STRING, int: 0, rank: index < 0 ? UNKNOWN_RANK : index, text: value, items: NO_ITEMS };
}

function listItem(): MavenItem {
  return { kind: LIST, int: 0, rank: 0, text: '', items: [] };
}

/** `Item.compareTo` for two items. */
function compareItems(a: MavenItem, b: MavenItem): number {
  const ak = a.kind;
  const bk = b.kind;
  if (ak === INT) return bk === INT ? compareExactInts(a.int, b.int) : 1;
  if (ak === STRING) {
    if (bk !== STRING) return -1;
    if (a.rank !== b.rank) return a.rank - b.rank;
    if (a.rank !== UNKNOWN_RANK || a.text === b.text) return 0;
    return a.text < b.text ? -1 : 1;
  }
  if (bk !== LIST) return bk === INT ? -1 : 1;
  return compareLists(a.items, b.items);
}

/** `ListItem.compareTo(ListItem)`: item by item, the shorter list padded with Java's `null`. */
function compareLists(left: readonly MavenItem[], right: readonly MavenItem[]): number {
  const n = left.length < right.length ? left.length : right.length;
  for (let i = 0; i < n; i++) {
    const c = compareItems(left[i]!, right[i]!);
    if (c !== 0) return c;
  }
  for (let i = n; i < left.length; i++) {
    const c = compareWithNull(left[i]!);
    if (c !== 0) return c;
  }
  for (let i = n; i < right.length; i++) {
    const c = compareWithNull(right[i]!);
    if (c !== 0) return -c;
  }
  return 0;
}

/** `Item.compareTo(null)`: how an item weighs against nothing (1.0 = 1, 1-rc < 1, 1-sp > 1). */
function compareWithNull(a: MavenItem): number {
  if (a.kind === INT) return a.int === 0 ? 0 : 1;
  if (a.kind === STRING) return a.rank - RELEASE_RANK;
  // Every item of a list counts, not only the first (MNG-6964).
  const items = a.items;
  for (let i = 0; i < items.length; i++) {
    const c = compareWithNull(items[i]!);
    if (c !== 0) return c;
  }
  return 0;
}
