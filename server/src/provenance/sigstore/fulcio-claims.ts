import type { ObjectIdentifierValuePair } from '@sigstore/protobuf-specs';

/**
 * Claims a Fulcio signing certificate carries about the CI run that requested it (the OIDC token
 * of GitHub Actions or GitLab CI, not anything the build wrote). They let us check that what a
 * provenance predicate says about its source is what the CI identity says.
 * OIDs: https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md
 */
export interface FulcioClaims {
  /** Source repository URL, e.g. `https://github.com/sigstore/sigstore-js`. */
  sourceRepository?: string;
  /** Source commit. */
  sourceDigest?: string;
  sourceRef?: string;
  buildTrigger?: string;
  runInvocationUrl?: string;
  /** The top-level CI configuration that ran (a reusable workflow signs, this one called it). */
  buildConfigUri?: string;
}

const FULCIO = '1.3.6.1.4.1.57264.1.';
// Version-1 extensions hold the raw string; version-2 ones hold a DER-encoded string.
const RAW = { githubTrigger: `${FULCIO}2`, githubSha: `${FULCIO}3`, githubRepository: `${FULCIO}5`, githubRef: `${FULCIO}6` };
const DER = {
  sourceRepositoryUri: `${FULCIO}12`,
  sourceRepositoryDigest: `${FULCIO}13`,
  sourceRepositoryRef: `${FULCIO}14`,
  buildTrigger: `${FULCIO}20`,
  runInvocationUri: `${FULCIO}21`,
  buildConfigUri: `${FULCIO}18`,
};

export function fulcioClaims(oids: readonly ObjectIdentifierValuePair[] | undefined, issuer: string | undefined): FulcioClaims {
  const values = new Map<string, Buffer>();
  for (const pair of oids ?? []) {
    const id = pair.oid?.id;
    if (Array.isArray(id)) values.set(id.join('.'), Buffer.from(pair.value));
  }
  const raw = (oid: string): string | undefined => printable(values.get(oid));
  const der = (oid: string): string | undefined => derString(values.get(oid));
  const legacyRepository = raw(RAW.githubRepository);
  const githubIssuer = issuer === 'https://token.actions.githubusercontent.com';
  const claims: FulcioClaims = {
    sourceRepository: der(DER.sourceRepositoryUri) ?? (legacyRepository && githubIssuer ? `https://github.com/${legacyRepository}` : undefined),
    sourceDigest: der(DER.sourceRepositoryDigest) ?? raw(RAW.githubSha),
    sourceRef: der(DER.sourceRepositoryRef) ?? raw(RAW.githubRef),
    buildTrigger: der(DER.buildTrigger) ?? raw(RAW.githubTrigger),
    runInvocationUrl: der(DER.runInvocationUri),
    buildConfigUri: der(DER.buildConfigUri),
  };
  return Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined)) as FulcioClaims;
}

const DER_STRING_TAGS = new Set([0x0c, 0x13, 0x16]); // UTF8String, PrintableString, IA5String

function derString(bytes: Buffer | undefined): string | undefined {
  if (!bytes || bytes.length < 2 || !DER_STRING_TAGS.has(bytes[0]!)) return undefined;
  let length = bytes[1]!;
  let offset = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count < 1 || count > 2 || bytes.length < 2 + count) return undefined;
    length = count === 1 ? bytes[2]! : bytes.readUInt16BE(2);
    offset = 2 + count;
  }
  if (offset + length !== bytes.length) return undefined;
  return printable(bytes.subarray(offset));
}

function printable(bytes: Buffer | undefined): string | undefined {
  if (!bytes || bytes.length === 0) return undefined;
  const text = bytes.toString('utf8');
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}
