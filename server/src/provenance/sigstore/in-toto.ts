import { field, isRecord, parseJson, str } from '../json';

/** in-toto statements (v0.1 and v1) carried in DSSE envelopes of attestation bundles. */

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const STATEMENT_TYPES = new Set(['https://in-toto.io/Statement/v0.1', 'https://in-toto.io/Statement/v1']);

export interface InTotoSubject {
  name: string;
  /** Lowercase hex digests by algorithm. */
  digest: Record<string, string>;
}

export interface InTotoStatement {
  predicateType: string;
  subjects: InTotoSubject[];
  predicate: unknown;
}

export type StatementOutcome = { ok: true; statement: InTotoStatement } | { ok: false; reason: string };

export function parseStatement(payload: Buffer): StatementOutcome {
  const parsed = parseJson(payload.toString('utf8'));
  if (!parsed.ok) return { ok: false, reason: `the signed payload is not JSON (${parsed.reason})` };
  const doc = parsed.value;
  const type = str(field(doc, '_type'));
  if (!type || !STATEMENT_TYPES.has(type)) return { ok: false, reason: `the signed payload is not an in-toto statement (_type ${type ?? 'missing'})` };
  const predicateType = str(field(doc, 'predicateType'));
  if (!predicateType) return { ok: false, reason: 'the in-toto statement has no predicateType' };
  const rawSubjects = field(doc, 'subject');
  if (!Array.isArray(rawSubjects) || rawSubjects.length === 0) return { ok: false, reason: 'the in-toto statement names no subject' };
  const subjects: InTotoSubject[] = [];
  for (const subject of rawSubjects) {
    const name = str(field(subject, 'name'));
    const digest = field(subject, 'digest');
    if (!name || !isRecord(digest)) continue;
    const hex: Record<string, string> = {};
    for (const [algorithm, value] of Object.entries(digest)) {
      if (typeof value === 'string' && /^[0-9a-fA-F]+$/.test(value)) hex[algorithm] = value.toLowerCase();
    }
    subjects.push({ name, digest: hex });
  }
  if (subjects.length === 0) return { ok: false, reason: 'the in-toto statement has no well-formed subject' };
  return { ok: true, statement: { predicateType, subjects, predicate: field(doc, 'predicate') } };
}
