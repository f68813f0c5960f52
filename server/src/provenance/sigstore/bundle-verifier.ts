import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { Verifier, toSignedEntity, type Signer, type TrustMaterial } from '@sigstore/verify';
import { field, isRecord, path, str } from '../json';
import { rekorSearchUrl } from '../slsa';
import type { SignerIdentity, TransparencyLogRef } from '../types';
import { fulcioClaims, type FulcioClaims } from './fulcio-claims';
import { IN_TOTO_PAYLOAD_TYPE, parseStatement, type InTotoStatement } from './in-toto';

/**
 * Verifies one Sigstore attestation bundle (DSSE envelope with an in-toto statement) offline,
 * against trust material built from a trusted root: certificate chain to Fulcio at signing time,
 * SCTs, the Rekor inclusion promise or proof carried in the bundle, and the signature. Ecosystem
 * rules (which subject, which predicate) are the caller's. Never throws.
 */

export type BundleVerification =
  | {
      ok: true;
      statement: InTotoStatement;
      signer: SignerIdentity;
      claims: FulcioClaims;
      transparencyLog?: TransparencyLogRef;
    }
  | {
      ok: false;
      /** `key-unknown`: signed by a public key the trust material does not hold. */
      failure: 'malformed' | 'unverified' | 'key-unknown';
      reason: string;
      transparencyLog?: TransparencyLogRef;
    };

export function verifyAttestationBundle(json: unknown, trust: TrustMaterial): BundleVerification {
  if (!isRecord(json)) return { ok: false, failure: 'malformed', reason: 'the bundle is not a JSON object' };
  const layout = legacyLayoutProblem(json);
  if (layout) return { ok: false, failure: 'malformed', reason: layout };
  const transparencyLog = tlogRef(json);
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(json);
  } catch (err) {
    return { ok: false, failure: 'malformed', reason: `the bundle is malformed: ${message(err)}`, transparencyLog };
  }
  if (bundle.content.$case !== 'dsseEnvelope') {
    return { ok: false, failure: 'malformed', reason: 'the bundle signs a file, not an attestation (no DSSE envelope)', transparencyLog };
  }
  const envelope = bundle.content.dsseEnvelope;
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    return { ok: false, failure: 'malformed', reason: `the envelope carries ${envelope.payloadType || 'an untyped payload'}, not an in-toto statement`, transparencyLog };
  }
  let signer: Signer;
  try {
    signer = new Verifier(trust).verify(toSignedEntity(bundle));
  } catch (err) {
    const code = str(field(err, 'code'));
    const failure = code === 'PUBLIC_KEY_ERROR' && /key not found|not published/i.test(message(err)) ? 'key-unknown' : 'unverified';
    return { ok: false, failure, reason: explainVerificationError(code, message(err)), transparencyLog };
  }
  const statement = parseStatement(Buffer.from(envelope.payload));
  if (!statement.ok) return { ok: false, failure: 'malformed', reason: statement.reason, transparencyLog };
  const hint = bundle.verificationMaterial.content.$case === 'publicKey' ? bundle.verificationMaterial.content.publicKey.hint : undefined;
  const identity = signer.identity;
  const signerIdentity: SignerIdentity = hint
    ? { keyId: hint, identity: `key:${hint}` }
    : {
        ...(identity?.subjectAlternativeName ? { identity: identity.subjectAlternativeName } : {}),
        ...(identity?.extensions?.issuer ? { issuer: identity.extensions.issuer } : {}),
      };
  return {
    ok: true,
    statement: statement.statement,
    signer: signerIdentity,
    claims: hint ? {} : fulcioClaims(identity?.oids, identity?.extensions?.issuer),
    ...(transparencyLog ? { transparencyLog } : {}),
  };
}

/**
 * Bundles written before the bundle format settled (libnpmpublish's early test data) keep their
 * log entries under `verificationData`; the library would read them as "no timestamps".
 */
function legacyLayoutProblem(json: Record<string, unknown>): string | undefined {
  const material = json.verificationMaterial;
  const hasEntries = Array.isArray(field(material, 'tlogEntries')) && (field(material, 'tlogEntries') as unknown[]).length > 0;
  if (isRecord(json.verificationData) && !hasEntries) {
    return 'the bundle uses the pre-release layout (`verificationData`): its transparency-log entries are not where Sigstore bundles keep them, so it cannot be verified';
  }
  if (!isRecord(material)) return 'the bundle has no verificationMaterial';
  return undefined;
}

function tlogRef(json: Record<string, unknown>): TransparencyLogRef | undefined {
  const entries = path(json, 'verificationMaterial', 'tlogEntries');
  const entry = Array.isArray(entries) ? entries[0] : undefined;
  const rawIndex = field(entry, 'logIndex');
  const logIndex = typeof rawIndex === 'number' ? String(rawIndex) : str(rawIndex);
  const url = rekorSearchUrl(logIndex);
  if (!logIndex || !url) return undefined;
  const seconds = Number(field(entry, 'integratedTime'));
  const integratedTime = Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined;
  return { logIndex, url, ...(integratedTime ? { integratedTime } : {}) };
}

const REASONS: Record<string, string> = {
  TLOG_INCLUSION_PROMISE_ERROR: 'the transparency-log inclusion promise does not verify',
  TLOG_INCLUSION_PROOF_ERROR: 'the transparency-log inclusion proof does not verify',
  TLOG_MISSING_INCLUSION_ERROR: 'the transparency-log entry has neither an inclusion promise nor a proof',
  TLOG_BODY_ERROR: 'the transparency-log entry does not match the signed envelope',
  TLOG_ERROR: 'the transparency-log entries are not sufficient',
  CERTIFICATE_ERROR: 'the signing certificate does not chain to a trusted Sigstore CA at signing time',
  PUBLIC_KEY_ERROR: 'the signing key is not a trusted key at signing time',
  SIGNATURE_ERROR: 'the signature does not match the signed statement',
  TIMESTAMP_ERROR: 'the bundle has no verifiable signing time (transparency-log entry or timestamp)',
};

function explainVerificationError(code: string | undefined, detail: string): string {
  const reason = (code && REASONS[code]) ?? 'the bundle does not verify';
  return `${reason} (${code ? `${code}: ` : ''}${detail})`;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
