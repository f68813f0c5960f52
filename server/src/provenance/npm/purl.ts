/** `pkg:npm/%40scope/name@1.0.0` → `{ name: '@scope/name', version: '1.0.0' }`; undefined otherwise. */
export function parseNpmPurl(purl: string): { name: string; version: string } | undefined {
  const match = /^pkg:npm\/([^?#]+)@([^@?#/]+)(?:[?#].*)?$/.exec(purl);
  if (!match) return undefined;
  try {
    const name = decodeURIComponent(match[1]!);
    const version = decodeURIComponent(match[2]!);
    return name && version ? { name, version } : undefined;
  } catch {
    return undefined;
  }
}
