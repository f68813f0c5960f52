import type { Node } from 'jsonc-parser';

/**
 * Reading jsonc-parser's tree the way JSON.parse reads the text: where an object repeats a key, the
 * last one counts (npm, Composer's json_decode and Python's json all keep it), so a lookup that
 * stops at the first would read what the package manager ignores. Duplicates are reported
 * separately (`duplicateKeyWarnings`).
 */

/** The value node of `key` in an object node: the last property with that key. */
export function jsonProperty(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  const children = object.children ?? [];
  for (let i = children.length - 1; i >= 0; i--) {
    const [k, v] = children[i]!.children ?? [];
    if (k?.value === key) return v;
  }
  return undefined;
}

/** `[keyNode, valueNode]` of each member of an object node, each key once (its last property). */
export function jsonMembers(object: Node | undefined): Array<[Node, Node]> {
  if (object?.type !== 'object') return [];
  const out: Array<[Node, Node]> = [];
  const seen = new Set<string>();
  const children = object.children ?? [];
  for (let i = children.length - 1; i >= 0; i--) {
    const [key, value] = children[i]!.children ?? [];
    if (!key || !value || typeof key.value !== 'string' || seen.has(key.value)) continue;
    seen.add(key.value);
    out.push([key, value]);
  }
  return out.reverse();
}
