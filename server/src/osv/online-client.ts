import { mapLimit } from '../net/concurrency';
import { requestJson, type HttpContext } from '../net/http-json';
import type { NetError, NetResult } from '../net/net-error';
import { withRetry, type RetryPolicy } from '../net/retry';
import { readBatchResponse, readVulnResponse, type VulnRef } from './online-response';
import type { PackageQuery } from './source';
import type { OsvRecord } from './types';

export const DEFAULT_OSV_URL = 'https://api.osv.dev';
/** osv.dev's documented limit per querybatch request. */
export const MAX_BATCH = 1000;
/** A query that keeps handing out page tokens past this is treated as broken. */
const MAX_PAGES = 100;

export interface OsvClientOptions {
  baseUrl: string;
  http: HttpContext;
  retry: RetryPolicy;
  /** Longest time one request may take, first byte to last (default 60 s). */
  deadlineMs?: number;
  batchSize?: number;
  /** Parallel querybatch requests (default 2). */
  batchConcurrency?: number;
}

/** Per query: every vulnerability id naming the package, or the error that stopped it. */
export type PackageVulns = { ok: true; vulns: VulnRef[] } | { ok: false; error: NetError };

export interface FetchedRecord {
  record: OsvRecord;
  /** The body as the server sent it. */
  text: string;
}

/** A thin client for osv.dev's API (or a mirror): querybatch with pagination, and single records. */
export class OsvClient {
  private readonly base: string;

  constructor(private readonly options: OsvClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  /**
   * Asks for every vulnerability of each package, any version: `{ package: { ecosystem, name } }`
   * without a version. Requests carry at most `batchSize` queries; pages follow `next_page_token` for
   * the queries that have one. A failed request fails only its own queries.
   */
  async queryPackages(queries: readonly PackageQuery[], signal?: AbortSignal): Promise<PackageVulns[]> {
    const size = Math.max(1, Math.min(MAX_BATCH, this.options.batchSize ?? MAX_BATCH));
    const groups: number[][] = [];
    for (let i = 0; i < queries.length; i += size) groups.push(Array.from({ length: Math.min(size, queries.length - i) }, (_, k) => i + k));
    const out = new Array<PackageVulns>(queries.length);
    await mapLimit(groups, this.options.batchConcurrency ?? 2, async (group) => {
      const results = await this.queryGroup(group.map((i) => queries[i]!), signal);
      results.forEach((result, k) => (out[group[k]!] = result));
    }, signal);
    return out;
  }

  private async queryGroup(queries: readonly PackageQuery[], signal?: AbortSignal): Promise<PackageVulns[]> {
    const vulns = queries.map(() => [] as VulnRef[]);
    const failed = new Map<number, NetError>();
    // Indices still to ask about, with the page token for their next page.
    let pending: Array<{ index: number; token?: string }> = queries.map((_, index) => ({ index }));
    const seenTokens = new Set<string>();
    for (let page = 0; pending.length > 0; page++) {
      if (page >= MAX_PAGES) {
        for (const p of pending) failed.set(p.index, { kind: 'malformed', message: `querybatch: more than ${MAX_PAGES} pages for one package`, retryable: false });
        break;
      }
      const body = {
        queries: pending.map((p) => ({ package: { ecosystem: queries[p.index]!.ecosystem, name: queries[p.index]!.name }, ...(p.token ? { page_token: p.token } : {}) })),
      };
      const result = await withRetry(() => this.postBatch(body, pending.length, signal), this.options.retry, signal);
      if (!result.ok) {
        for (const p of pending) failed.set(p.index, result.error);
        break;
      }
      const next: typeof pending = [];
      result.value.forEach((item, k) => {
        const index = pending[k]!.index;
        vulns[index]!.push(...item.vulns);
        if (!item.nextPageToken) return;
        // Tokens are opaque and may coincide across queries: a repeat only matters for the same query.
        const seen = `${index}\u0000${item.nextPageToken}`;
        if (seenTokens.has(seen)) {
          failed.set(index, { kind: 'malformed', message: 'querybatch: a page token repeated', retryable: false });
          return;
        }
        seenTokens.add(seen);
        next.push({ index, token: item.nextPageToken });
      });
      pending = next;
    }
    return queries.map((_, index) => {
      const error = failed.get(index);
      return error ? { ok: false, error } : { ok: true, vulns: dedupe(vulns[index]!) };
    });
  }

  private async postBatch(body: unknown, expected: number, signal?: AbortSignal) {
    const url = `${this.base}/v1/querybatch`;
    const response = await requestJson(this.options.http, { url, body, ...this.requestOptions(signal) });
    if (!response.ok) return response;
    const read = readBatchResponse(response.value.value, expected);
    if ('problem' in read) return malformed(`POST ${url}: ${read.problem}`);
    return { ok: true as const, value: read.items };
  }

  private requestOptions(signal: AbortSignal | undefined) {
    return { now: this.options.retry.now, ...(this.options.deadlineMs !== undefined ? { deadlineMs: this.options.deadlineMs } : {}), ...(signal ? { signal } : {}) };
  }

  /** Full records by id, `concurrency` at a time, each retried on its own. */
  async getRecords(ids: readonly string[], concurrency: number, signal?: AbortSignal): Promise<Map<string, NetResult<FetchedRecord>>> {
    const results = await mapLimit(ids, concurrency, (id) => withRetry(() => this.getRecord(id, signal), this.options.retry, signal), signal);
    return new Map(ids.map((id, i) => [id, results[i]!]));
  }

  private async getRecord(id: string, signal?: AbortSignal): Promise<NetResult<FetchedRecord>> {
    const url = `${this.base}/v1/vulns/${encodeURIComponent(id)}`;
    const response = await requestJson(this.options.http, { url, ...this.requestOptions(signal) });
    if (!response.ok) return response;
    const read = readVulnResponse(response.value.value, id);
    if ('problem' in read) return malformed(`GET ${url}: ${read.problem}`);
    return { ok: true, value: { record: read.record, text: response.value.text } };
  }
}

function malformed(message: string): { ok: false; error: NetError } {
  return { ok: false, error: { kind: 'malformed', message, retryable: false } };
}

function dedupe(refs: VulnRef[]): VulnRef[] {
  const byId = new Map<string, VulnRef>();
  for (const ref of refs) byId.set(ref.id, ref);
  return [...byId.values()];
}
