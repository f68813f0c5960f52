import { HostBreaker } from '../../net/host-breaker';
import { createLimiter, type Limiter } from '../limit';
import { recalledResult, rememberResult, resultKey } from '../result-cache';
import type { PackageProvenance, ProvenanceCheck, ProvenanceContext, ProvenanceProvider, ProvenanceSubject, SignatureCheck } from '../types';
import { goSubjects } from './go-sum-subjects';
import { parseVerifierKey } from './signed-note';
import { SumdbClient } from './sumdb-client';
import { parseSumdbSetting, sumdbConfigFor } from './sumdb-config';

/**
 * Go: every go.sum line is compared with the checksum database's record of that module version,
 * after the record's inclusion in a verified tree head is proven (see sumdb-client). The verdict is
 * the package's `signature`; Go modules carry no provenance attestations. A go.mod requirement with
 * no go.sum line at all is reported too. Private modules (GONOSUMDB, GOPRIVATE) are never sent.
 * Offline, no request is made: each module shows its last stored verdict, with its age.
 */
export const goProvenanceProvider: ProvenanceProvider = {
  ecosystem: 'Go',
  subjects: goSubjects,
  registryConfig: sumdbConfigFor,
  check(subjects, ctx) {
    const session = ctx.dispatcher && !ctx.offline ? new GoCheckSession(ctx) : undefined;
    return Promise.all(subjects.map((subject) => checkOne(subject, ctx, session).catch((err: unknown) => result(subject, undefined, unavailable('registry-error', `internal error: ${String(err)}`)))));
  },
};

const NO_PROVENANCE: ProvenanceCheck = { status: 'unavailable', code: 'registry-without-attestations', reason: 'Go modules carry no provenance attestations', attestations: [] };
/** A verified verdict younger than this is reused once the tree head checks out (records never change). */
const FRESH_RESULT_MS = 60 * 60 * 1000;
export const MISMATCH_REASON = "go.sum does not match the Go checksum database: the module's bytes differ from what everyone else sees";

async function checkOne(subject: ProvenanceSubject, ctx: ProvenanceContext, session: GoCheckSession | undefined): Promise<PackageProvenance> {
  if (!subject.artifacts?.length) {
    return result(subject, undefined, { status: 'missing', code: 'not-in-go-sum', reason: 'go.mod requires this module version, but go.sum has no line for it: run go mod tidy' });
  }
  const setting = parseSumdbSetting(ctx.registryFor('Go', subject.name) ?? 'off no checksum database configured');
  if (setting.off) return result(subject, undefined, unavailable('checksum-database-off', setting.reason));
  const key = resultKey(setting.url, subject);
  const recalled = await recalledResult(ctx.cache, key);
  if (!session) return recalled ?? result(subject, setting.url, unavailable('offline', ctx.offline ? 'offline: not checked' : 'not checked: no network client configured'));
  const fresh = recalled?.checkedAt !== undefined && Date.now() - recalled.checkedAt < FRESH_RESULT_MS ? recalled.signature : undefined;
  const signature = await session.signature(subject, setting.key, setting.url, fresh);
  const verdict = result(subject, setting.url, signature);
  // A reused verdict is already stored as it is.
  if (signature !== fresh) await rememberResult(ctx.cache, key, verdict, Date.now());
  return verdict;
}

class GoCheckSession {
  private readonly clients = new Map<string, SumdbClient | string>();
  private readonly limit: Limiter;
  private readonly breaker: HostBreaker;

  constructor(private readonly ctx: ProvenanceContext) {
    this.limit = createLimiter(ctx.concurrency ?? 8);
    this.breaker = ctx.breaker ?? new HostBreaker();
  }

  /**
   * The verdict on one module. `fresh`: the stored verdict of the same go.sum lines, recent enough to
   * stand once this session's tree head has been verified consistent (a fork still shows).
   */
  async signature(subject: ProvenanceSubject, key: string, url: string, fresh?: SignatureCheck): Promise<SignatureCheck> {
    const client = this.client(key, url);
    if (typeof client === 'string') return { status: 'invalid', code: 'log-proof-invalid', reason: client };
    if (fresh?.status === 'verified') {
      const head = await client.latest();
      if (head.ok) return fresh;
    }
    const record = await client.lookup(subject.name, `v${subject.version}`);
    if (!record.ok) {
      if (record.kind === 'fork') return { status: 'invalid', code: 'log-fork', reason: record.reason };
      if (record.kind === 'invalid') return { status: 'invalid', code: 'log-proof-invalid', reason: record.reason };
      if (record.kind === 'not-found') return unavailable('not-in-checksum-database', `${subject.name} v${subject.version} is not in the checksum database (a private module, or not fetched through a public proxy yet)`);
      return unavailable('registry-error', record.reason);
    }
    for (const artifact of subject.artifacts ?? []) {
      const logged = record.hashes.get(artifact.name ?? '');
      if (logged !== artifact.hash) return { status: 'invalid', code: 'checksum-mismatch', reason: `${MISMATCH_REASON} (${artifact.name ? 'go.mod' : 'module'} ${artifact.hash} in go.sum, ${logged ?? 'nothing'} in the log)` };
    }
    const name = key.split('+')[0]!;
    return { status: 'verified', code: 'verified', reason: `go.sum matches record ${record.id} of ${name}`, authority: `Go checksum database ${name}, tree ${record.tree.n}` };
  }

  private client(key: string, url: string): SumdbClient | string {
    let client = this.clients.get(`${key} ${url}`);
    if (!client) {
      const verifier = parseVerifierKey(key);
      client = verifier.ok
        ? new SumdbClient(url, verifier.verifier, {
            http: { dispatcher: this.ctx.dispatcher!, breaker: this.breaker },
            limit: this.limit,
            timeoutMs: this.ctx.timeoutMs ?? 15_000,
            ...(this.ctx.signal ? { signal: this.ctx.signal } : {}),
            ...(this.ctx.cache ? { cache: this.ctx.cache } : {}),
          })
        : `GOSUMDB names an unusable key: ${verifier.reason}`;
      this.clients.set(`${key} ${url}`, client);
    }
    return client;
  }
}

function unavailable(code: SignatureCheck['code'], reason: string): SignatureCheck {
  return { status: 'unavailable', code, reason };
}

function result(subject: ProvenanceSubject, registry: string | undefined, signature: SignatureCheck): PackageProvenance {
  return { ecosystem: 'Go', name: subject.name, version: subject.version, ...(registry ? { registry } : {}), signature, provenance: NO_PROVENANCE };
}
