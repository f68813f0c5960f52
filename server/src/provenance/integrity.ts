/**
 * Subresource-integrity strings (`sha512-<base64>`, several separated by spaces) as lockfiles and
 * registries write them. Digests are compared as lowercase hex, the form attestations use.
 */

const SRI_ENTRY = /^(sha1|sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})(\?.*)?$/;
const DIGEST_BYTES: Record<string, number> = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 };

/** Hex digests by algorithm; unknown algorithms and malformed entries are left out. */
export function parseIntegrity(sri: string | undefined): Map<string, Set<string>> {
  return inspectIntegrity(sri).digests;
}

/**
 * Every entry of an integrity string: the well-formed digests by algorithm, and the entries that are
 * not one (an unknown algorithm, bad base64, or a digest of the wrong length such as `sha512-AAAA`).
 */
export function inspectIntegrity(sri: string | undefined): { digests: Map<string, Set<string>>; malformed: string[] } {
  const digests = new Map<string, Set<string>>();
  const malformed: string[] = [];
  if (typeof sri !== 'string') return { digests, malformed };
  for (const entry of sri.trim().split(/\s+/).filter((e) => e !== '')) {
    const match = SRI_ENTRY.exec(entry);
    const [, algorithm, base64] = (match ?? []) as unknown as [string, string, string];
    const bytes = match ? Buffer.from(base64, 'base64') : undefined;
    if (!bytes || bytes.length !== DIGEST_BYTES[algorithm] || bytes.toString('base64').replace(/=+$/, '') !== base64.replace(/=+$/, '')) {
      malformed.push(entry);
      continue;
    }
    const set = digests.get(algorithm) ?? new Set<string>();
    set.add(bytes.toString('hex'));
    digests.set(algorithm, set);
  }
  return { digests, malformed };
}

/** The sha512 digest (hex) of an integrity string, when it has exactly one. */
export function sha512Hex(sri: string | undefined): string | undefined {
  const set = parseIntegrity(sri).get('sha512');
  return set && set.size === 1 ? [...set][0] : undefined;
}

export type IntegrityComparison = 'match' | 'mismatch' | 'incomparable';

/**
 * Whether the lockfile pins the bytes the registry describes. Only algorithms both sides carry are
 * compared (an old lockfile may hold only sha1, which the registry gives as `dist.shasum`).
 */
export function compareIntegrity(lockfile: string | undefined, registry: string | undefined, registryShasum?: string): IntegrityComparison {
  const ours = parseIntegrity(lockfile);
  const theirs = parseIntegrity(registry);
  if (registryShasum && /^[0-9a-f]{40}$/i.test(registryShasum) && !theirs.has('sha1')) {
    theirs.set('sha1', new Set([registryShasum.toLowerCase()]));
  }
  let compared = false;
  for (const [algorithm, digests] of ours) {
    const other = theirs.get(algorithm);
    if (!other) continue;
    compared = true;
    if (![...digests].some((d) => other.has(d))) return 'mismatch';
  }
  return compared ? 'match' : 'incomparable';
}
