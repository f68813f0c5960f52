import { field, isRecord, str } from '../json';
import { IN_TOTO_PAYLOAD_TYPE } from '../sigstore/in-toto';

/**
 * PEP 740 objects (the Integrity API's `Provenance`, its `attestation_bundles`, each attestation)
 * read from untrusted JSON, and an attestation turned back into the Sigstore bundle (v0.3) it was
 * made from, so @sigstore/verify can check it: the certificate, the Rekor entries, and a DSSE
 * envelope whose payload is the in-toto statement.
 * https://peps.python.org/pep-0740/ · https://docs.pypi.org/api/integrity/
 */

export const PROVENANCE_MEDIA_TYPE = 'application/vnd.pypi.integrity.v1+json';
const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/** A Trusted Publisher as the index describes it (`kind` plus kind-specific claims). */
export interface Publisher {
  kind: string;
  claims: Record<string, string>;
}

export interface AttestationBundle {
  publisher?: Publisher;
  attestations: unknown[];
}

export type ProvenanceObject = { ok: true; bundles: AttestationBundle[] } | { ok: false; reason: string };

export function readProvenanceObject(doc: unknown): ProvenanceObject {
  if (!isRecord(doc)) return { ok: false, reason: 'the provenance object is not a JSON object' };
  if (doc.version !== 1) return { ok: false, reason: `the provenance object has version ${JSON.stringify(doc.version) ?? 'none'}, not 1` };
  const list = doc.attestation_bundles;
  if (!Array.isArray(list)) return { ok: false, reason: 'the provenance object has no attestation_bundles list' };
  const bundles = list.flatMap((entry): AttestationBundle[] => {
    const attestations = field(entry, 'attestations');
    if (!Array.isArray(attestations)) return [];
    const publisher = readPublisher(field(entry, 'publisher'));
    return [{ attestations, ...(publisher ? { publisher } : {}) }];
  });
  return { ok: true, bundles };
}

function readPublisher(value: unknown): Publisher | undefined {
  const kind = str(field(value, 'kind'));
  if (!kind || !isRecord(value)) return undefined;
  const claims: Record<string, string> = {};
  for (const [key, claim] of Object.entries(value)) if (key !== 'kind' && typeof claim === 'string') claims[key] = claim;
  return { kind, claims };
}

export type RebuiltBundle = { ok: true; bundle: Record<string, unknown> } | { ok: false; reason: string };

/** The Sigstore bundle of one PEP 740 attestation (version 1). */
export function bundleFromAttestation(attestation: unknown): RebuiltBundle {
  if (field(attestation, 'version') !== 1) return { ok: false, reason: 'the attestation is not a version 1 PEP 740 attestation' };
  const material = field(attestation, 'verification_material');
  const envelope = field(attestation, 'envelope');
  const certificate = str(field(material, 'certificate'));
  const entries = field(material, 'transparency_entries');
  const statement = str(field(envelope, 'statement'));
  const signature = str(field(envelope, 'signature'));
  if (!certificate || !Array.isArray(entries) || entries.length === 0 || !statement || !signature) {
    return { ok: false, reason: 'the attestation lacks its certificate, transparency entries, statement or signature' };
  }
  return {
    ok: true,
    bundle: {
      mediaType: BUNDLE_MEDIA_TYPE,
      verificationMaterial: { certificate: { rawBytes: certificate }, tlogEntries: entries },
      dsseEnvelope: { payload: statement, payloadType: IN_TOTO_PAYLOAD_TYPE, signatures: [{ sig: signature, keyid: '' }] },
    },
  };
}
