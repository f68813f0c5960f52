/**
 * Values derived from immutable objects, keyed on the objects themselves (never on their text or
 * length, which can collide) and on a variant (e.g. a version scheme's id). Entries go when the key
 * object is collected. Owned by an instance — the language server's workspace or one CLI scan — never
 * by a module.
 */
export class IdentityMemo<K extends object, V> {
  private readonly byKey = new WeakMap<K, Map<string, V>>();

  get(key: K, variant: string, compute: () => V): V {
    let byVariant = this.byKey.get(key);
    if (!byVariant) this.byKey.set(key, (byVariant = new Map()));
    if (byVariant.has(variant)) return byVariant.get(variant) as V;
    const value = compute();
    byVariant.set(variant, value);
    return value;
  }
}
