import { digestMap } from '../digests';
import { isRecord, listAt, prop, textAt } from '../json-values';
import type { AttestationDocument } from '../types';
import { slsaFacts } from './slsa-facts';

/**
 * in-toto Statements (v0.1 and v1, https://github.com/in-toto/attestation/tree/main/spec): the
 * subjects with their digests, the predicate type, and for SLSA provenance its facts. A v1
 * ResourceDescriptor may name a subject by `uri` instead of `name`.
 */

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const STATEMENT_TYPE = /^https:\/\/in-toto\.io\/Statement\/v\d+(?:\.\d+)?$/;

export function isStatement(json: unknown): boolean {
  return typeof prop(json, '_type') === 'string' && STATEMENT_TYPE.test(String(prop(json, '_type')));
}

export type StatementFacts = Pick<AttestationDocument, 'predicateType' | 'subjects' | 'slsa'>;

export type StatementOutcome = { ok: true; facts: StatementFacts; statementType: string } | { ok: false; reason: string; path: string[] };

export function statementFacts(statement: unknown): StatementOutcome {
  if (!isStatement(statement)) return { ok: false, reason: `not an in-toto statement (_type ${JSON.stringify(prop(statement, '_type') ?? null).slice(0, 60)})`, path: ['_type'] };
  const predicateType = textAt(statement, 'predicateType');
  if (!predicateType) return { ok: false, reason: 'the in-toto statement has no predicateType', path: ['predicateType'] };
  const subjects = listAt(statement, 'subject').flatMap((s) => {
    const name = textAt(s, 'name') ?? textAt(s, 'uri');
    return name ? [{ name, digests: digestMap(prop(s, 'digest')) }] : [];
  });
  if (subjects.length === 0) return { ok: false, reason: 'the in-toto statement names no subject', path: ['subject'] };
  const predicate = prop(statement, 'predicate');
  const slsa = isRecord(predicate) ? slsaFacts(predicateType, predicate) : undefined;
  return { ok: true, statementType: String(prop(statement, '_type')), facts: { predicateType, subjects, ...(slsa ? { slsa } : {}) } };
}

/** The JSON statement a base64 DSSE payload carries, or why not. */
export function decodePayload(payload: unknown): { ok: true; statement: unknown } | { ok: false; reason: string } {
  if (typeof payload !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(payload.trim())) return { ok: false, reason: 'the envelope payload is not base64' };
  try {
    return { ok: true, statement: JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as unknown };
  } catch {
    return { ok: false, reason: 'the envelope payload is not JSON' };
  }
}
