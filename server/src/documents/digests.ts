import type { Digest } from './types';

/**
 * Hash algorithm names as GUAC spells them (lower case, no dash between "sha" and its size:
 * `sha256`, `sha3-256`, `blake2b-256`), from CycloneDX (`SHA-256`), SPDX (`SHA256`), CSAF and
 * in-toto (`sha256`) spellings.
 */
export function algorithmName(raw: string): string {
  const lower = raw.trim().toLowerCase();
  const sha = /^sha-?(1|224|256|384|512)$/.exec(lower);
  return sha ? `sha${sha[1]}` : lower;
}

/** A digest when the value is hex (any case); undefined for anything else (base64, empty, junk). */
export function hexDigest(algorithm: string, value: unknown): Digest | undefined {
  if (typeof value !== 'string' || !/^[0-9a-fA-F]+$/.test(value.trim()) || algorithm.trim() === '') return undefined;
  return { algorithm: algorithmName(algorithm), value: value.trim().toLowerCase() };
}

/** Digests from a `{ algorithm: hex }` map (in-toto subjects, OpenVEX product hashes). */
export function digestMap(map: unknown): Digest[] {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return [];
  const out: Digest[] = [];
  for (const [algorithm, value] of Object.entries(map)) {
    const digest = hexDigest(algorithm, value);
    if (digest) out.push(digest);
  }
  return out;
}
