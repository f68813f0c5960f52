/**
 * PyPI names compare case-insensitively with runs of `-`, `_` and `.` treated as one `-` (PEP 503).
 * Every name Chainsight stores, matches or prints for PyPI goes through this.
 */
export function normalizePypiName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/**
 * `pkg:pypi/<name>@<version>` per the purl spec: the name lowercased with `_` as `-` (our PEP 503
 * form already is), and both parts percent-encoded outside the unreserved set, so a local version
 * `1.0+cpu` becomes `1.0%2Bcpu` and an epoch `1!2.0` becomes `1%212.0`.
 */
export function pypiPurl(name: string, version: string): string {
  const base = `pkg:pypi/${purlEncode(normalizePypiName(name))}`;
  return version ? `${base}@${purlEncode(version)}` : base;
}

function purlEncode(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => {
    const c = String.fromCharCode(byte);
    return /[A-Za-z0-9._~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}
