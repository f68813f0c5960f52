/**
 * A CommonJS package loaded with `import()`. Node (and the language server's ES-module bundle) put
 * `module.exports` on `default` when they cannot see the names it exports; unbundled CommonJS code
 * gets the names directly. Either way, this is the exports object.
 */
export function commonJsExports<T extends object>(namespace: T): T {
  const fallback = (namespace as { default?: unknown }).default;
  return fallback && typeof fallback === 'object' ? (fallback as T) : namespace;
}
