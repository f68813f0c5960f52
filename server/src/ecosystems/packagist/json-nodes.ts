import { findNodeAtLocation, type Node } from 'jsonc-parser';

/** Small readers over jsonc-parser's tree, shared by the composer.json and composer.lock parsers. */
export function property(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  return findNodeAtLocation(node, [key]);
}

export function stringProperty(node: Node | undefined, key: string): Node | undefined {
  const value = property(node, key);
  return value?.type === 'string' ? value : undefined;
}

/** `[keyNode, valueNode]` of each member of an object node. */
export function members(node: Node | undefined): Array<[Node, Node]> {
  if (node?.type !== 'object') return [];
  const out: Array<[Node, Node]> = [];
  for (const prop of node.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (key && value && typeof key.value === 'string') out.push([key, value]);
  }
  return out;
}

/** Offsets of a string node's content, quotes excluded. */
export function stringContent(node: Node): { start: number; end: number } {
  return { start: node.offset + 1, end: node.offset + node.length - 1 };
}

/**
 * Composer's platform requirements (`php`, `ext-json`, `lib-curl`, `composer-plugin-api`, ...)
 * name the runtime, not packages: every real package name is `vendor/name`.
 */
export function isPlatformPackage(name: string): boolean {
  return !name.includes('/');
}
