import type { Node } from 'jsonc-parser';
import { jsonMembers, jsonProperty } from '../../core/json-tree';

/**
 * Small readers over jsonc-parser's tree for composer.json. Composer decodes with PHP's
 * json_decode, where a repeated key's last value counts, and so do these.
 */
export function property(node: Node | undefined, key: string): Node | undefined {
  return jsonProperty(node, key);
}

export function stringProperty(node: Node | undefined, key: string): Node | undefined {
  const value = property(node, key);
  return value?.type === 'string' ? value : undefined;
}

/** `[keyNode, valueNode]` of each member of an object node, each key once. */
export function members(node: Node | undefined): Array<[Node, Node]> {
  return jsonMembers(node);
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
