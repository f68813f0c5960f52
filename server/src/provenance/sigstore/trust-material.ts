import type { KeyObject } from 'node:crypto';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { VerificationError, toTrustMaterial, type TrustMaterial } from '@sigstore/verify';

/** A public key that may sign bundles during a window (npm's publish-attestation key). */
export interface WindowedKey {
  publicKey: KeyObject;
  validFor(date: Date): boolean;
}

/** Looks up key-signed bundles' keys by hint; undefined when the hint names no known key. */
export type KeyLookup = (hint: string) => WindowedKey | undefined;

export type TrustMaterialOutcome = { ok: true; trust: TrustMaterial } | { ok: false; reason: string };

/** Trust material from a trusted root plus registry keys. Never throws. */
export function buildTrustMaterial(root: TrustedRoot, lookup: KeyLookup = () => undefined): TrustMaterialOutcome {
  try {
    const trust = toTrustMaterial(root, (hint: string) => {
      const key = lookup(hint);
      // The verifier's contract: an unknown key is reported by throwing from the finder.
      if (!key) throw new VerificationError({ code: 'PUBLIC_KEY_ERROR', message: `key not published: ${hint}` });
      return key;
    });
    return { ok: true, trust };
  } catch (err) {
    return { ok: false, reason: `the trusted root cannot be used: ${err instanceof Error ? err.message : String(err)}` };
  }
}
