import { listAt } from '../json-values';
import { makeOrigin } from '../origin';
import { errorAt } from '../positions';
import type { DocumentFormatEntry, ReaderInput, ReaderOutcome } from '../reader-types';
import { decodePayload, IN_TOTO_PAYLOAD_TYPE, isStatement, statementFacts } from './statement';

/**
 * A bare in-toto statement, or one in a DSSE envelope (https://github.com/secure-systems-lab/dsse)
 * outside a Sigstore bundle. Nothing here can check a signature: without the transparency-log entry
 * and certificate a bundle carries, or a key we were given, the statement is `unverified` (stored
 * and shown as such), never `verified`.
 */

export const inTotoFormat: DocumentFormatEntry = {
  id: 'in-toto',
  label: 'in-toto statement or DSSE envelope',
  detect: (json) => isStatement(json) || isEnvelope(json),
  read: readInToto,
};

function isEnvelope(json: Record<string, unknown>): boolean {
  return typeof json['payloadType'] === 'string' && typeof json['payload'] === 'string' && Array.isArray(json['signatures']);
}

function readInToto(input: ReaderInput): ReaderOutcome {
  const { json, source } = input;
  let statement: unknown = json;
  let reason = 'a bare in-toto statement: it is not signed, so nothing vouches for it';
  if (!isStatement(json)) {
    if (json['payloadType'] !== IN_TOTO_PAYLOAD_TYPE) {
      return { ok: false, errors: [errorAt(source, ['payloadType'], `the DSSE envelope carries ${JSON.stringify(json['payloadType']).slice(0, 80)}, not an in-toto statement`)] };
    }
    const decoded = decodePayload(json['payload']);
    if (!decoded.ok) return { ok: false, errors: [errorAt(source, ['payload'], decoded.reason)] };
    statement = decoded.statement;
    const signatures = listAt(json, 'signatures').length;
    reason =
      signatures === 0
        ? 'an unsigned DSSE envelope'
        : `a DSSE envelope with ${signatures} signature(s) but no Sigstore bundle around it: without its transparency-log entry or a trusted key the signature cannot be checked offline`;
  }
  const read = statementFacts(statement);
  if (!read.ok) return { ok: false, errors: [errorAt(source, statement === json ? read.path : ['payload'], read.reason)] };
  return {
    ok: true,
    document: {
      kind: 'attestation',
      origin: makeOrigin({ ...input.origin, format: 'in-toto', specVersion: read.facts.predicateType }),
      verification: { status: 'unverified', reason },
      ...read.facts,
    },
    warnings: [],
  };
}
