import { verifyAttestationBundle } from '../../provenance/sigstore/bundle-verifier';
import { buildTrustMaterial } from '../../provenance/sigstore/trust-material';
import type { TrustedRootOutcome } from '../../provenance/trusted-root';
import { prop, textAt } from '../json-values';
import { makeOrigin, withoutUndefined } from '../origin';
import { errorAt } from '../positions';
import type { DocumentFormatEntry, ReaderContext, ReaderInput, ReaderOutcome } from '../reader-types';
import type { AttestationDocument } from '../types';
import { decodePayload, IN_TOTO_PAYLOAD_TYPE, statementFacts } from './statement';

/**
 * Sigstore bundles v0.1–v0.3 (https://github.com/sigstore/protobuf-specs) that carry an in-toto
 * statement in a DSSE envelope, verified offline by the provenance module's verifier against the
 * trusted root the caller passes: certificate chain to Fulcio at signing time, transparency-log
 * inclusion, signature. No root: `unverified`. A bundle that fails: `invalid`, with the reason,
 * and the statement's claims kept for what they are worth. A bundle that signs a file (a message
 * signature) is not an attestation and is refused with a clear error.
 */

const BUNDLE_MEDIA_TYPE = /^application\/vnd\.dev\.sigstore\.bundle(?:\.v[\d.]+)?\+json/;

export const sigstoreBundleFormat: DocumentFormatEntry = {
  id: 'sigstore-bundle',
  label: 'Sigstore bundle',
  detect: (json) => typeof json['mediaType'] === 'string' && BUNDLE_MEDIA_TYPE.test(json['mediaType']),
  read: readBundle,
};

function readBundle(input: ReaderInput, context: ReaderContext): ReaderOutcome {
  const { json, source } = input;
  const envelope = prop(json, 'dsseEnvelope');
  if (envelope === undefined) {
    const what = prop(json, 'messageSignature') !== undefined ? 'signs a file (a message signature), not an attestation: verify it together with that file' : 'carries no DSSE envelope';
    return { ok: false, errors: [errorAt(source, ['mediaType'], `this Sigstore bundle ${what}`)] };
  }
  if (textAt(envelope, 'payloadType') !== IN_TOTO_PAYLOAD_TYPE) {
    return { ok: false, errors: [errorAt(source, ['dsseEnvelope', 'payloadType'], `the bundle's envelope carries ${JSON.stringify(prop(envelope, 'payloadType') ?? null).slice(0, 80)}, not an in-toto statement`)] };
  }
  const decoded = decodePayload(prop(envelope, 'payload'));
  if (!decoded.ok) return { ok: false, errors: [errorAt(source, ['dsseEnvelope', 'payload'], decoded.reason)] };
  const claimed = statementFacts(decoded.statement);
  if (!claimed.ok) return { ok: false, errors: [errorAt(source, ['dsseEnvelope', 'payload'], claimed.reason)] };
  const document: AttestationDocument = {
    kind: 'attestation',
    origin: makeOrigin({ ...input.origin, format: 'sigstore-bundle', specVersion: textAt(json, 'mediaType') }),
    verification: verify(json, context.trustedRoot),
    ...claimed.facts,
  };
  return { ok: true, document, warnings: [] };
}

function verify(json: Record<string, unknown>, root: TrustedRootOutcome | undefined): AttestationDocument['verification'] {
  if (!root) return { status: 'unverified', reason: 'no Sigstore trusted root was given to verify the bundle against' };
  if (!root.ok) return { status: 'unverified', reason: `the Sigstore trusted root is not available: ${root.reason}` };
  const trust = buildTrustMaterial(root.root);
  if (!trust.ok) return { status: 'unverified', reason: trust.reason };
  const outcome = verifyAttestationBundle(json, trust.trust);
  if (!outcome.ok) return { status: 'invalid', reason: outcome.reason };
  const signer = withoutUndefined({ identity: outcome.signer.identity, issuer: outcome.signer.issuer });
  return { status: 'verified', reason: `verified against the trusted root from ${root.source}`, ...(Object.keys(signer).length > 0 ? { signer } : {}) };
}
