import picomatch from 'picomatch';

/**
 * `chainsight.policy.requireProvenance`: package-name globs (`@acme/*`, `react*`) whose versions
 * must carry provenance. `*` does not cross `/`, so `@acme/*` matches the scope's packages and
 * `*` alone matches unscoped names; use `**` for every package. A glob picomatch rejects matches nothing.
 */
export function requiresProvenance(name: string, globs: readonly string[] | undefined): boolean {
  if (!globs || globs.length === 0) return false;
  return globs.some((glob) => {
    try {
      return picomatch(glob)(name);
    } catch {
      return false;
    }
  });
}
