import type { Dispatcher } from 'undici';
import { packageKey } from '../core/package';
import { HostBreaker } from '../net/host-breaker';
import type { NetError } from '../net/net-error';
import { retryPolicy, type RetryPolicy } from '../net/retry';
import { DEFAULT_OSV_URL, OsvClient, type FetchedRecord } from './online-client';
import type { VulnRef } from './online-response';
import { purlFor } from './purl';
import { mergeRecords } from './record-merge';
import type { CachedAdvisory, CachedPackage, OsvRecordStore } from './record-store';
import type { PackageQuery, SourceAnswer, VulnerabilitySource } from './source';
import type { OsvRecord } from './types';

export const DEFAULT_CACHE_TTL_MS = 6 * 60 * 60 * 1000;

/** Appended to a network error: what to do without a network. Callers word it for their own options. */
export const DEFAULT_OFFLINE_HINT =
  'without network access, use offline OSV data (a folder or all.zip of OSV records) or an offline database in the store; behind a proxy, set HTTPS_PROXY / HTTP_PROXY (and NO_PROXY)';

export interface OnlineSourceOptions {
  /** `chainsight.osv.url`; default https://api.osv.dev. */
  baseUrl?: string;
  dispatcher: Dispatcher;
  /** Shared with every other client of the same network; default: one of its own. */
  breaker?: HostBreaker;
  /** Longest time one request may take, first byte to last (default 60 s). */
  deadlineMs?: number;
  /** Added to the status error when the network could not be reached (default DEFAULT_OFFLINE_HINT). */
  offlineHint?: string;
  /** The cache; without one every scan asks the network. */
  store?: OsvRecordStore;
  /** `chainsight.osv.cacheTtl`; default 6 h. */
  ttlMs?: number;
  now?: () => number;
  /** Parallel `GET /v1/vulns/{id}` requests (default 16). */
  concurrency?: number;
  /** Queries per querybatch request (default and maximum 1,000). */
  batchSize?: number;
  retry?: Partial<RetryPolicy>;
}

/** An answer plus the queries it could not answer completely, for `auto` mode to fill from offline data. */
export interface DetailedAnswer {
  answer: SourceAnswer;
  failed: PackageQuery[];
}

export interface OnlineSource extends VulnerabilitySource {
  recordsForDetailed(queries: readonly PackageQuery[], signal?: AbortSignal): Promise<DetailedAnswer>;
}

interface Wanted {
  purl: string;
  query: PackageQuery;
  keys: string[];
  /** Every query that led to this purl, so `failed` names each of them. */
  all: PackageQuery[];
}

/**
 * osv.dev (or a mirror) behind the store: cache-first within the TTL, so a rescan of an unchanged
 * workspace makes no request; otherwise one querybatch per 1,000 packages and one GET per advisory not
 * already cached at the same `modified` time. When requests fail, what the cache holds answers, marked
 * stale and incomplete. Cancellation through `signal` rejects with its reason.
 */
export function createOnlineSource(options: OnlineSourceOptions): OnlineSource {
  const now = options.now ?? Date.now;
  const ttl = options.ttlMs ?? DEFAULT_CACHE_TTL_MS;
  const baseUrl = options.baseUrl ?? DEFAULT_OSV_URL;
  const policy = retryPolicy({ now, ...options.retry });
  const breaker = options.breaker ?? new HostBreaker({ now, sleep: policy.sleep, random: policy.random });
  const client = new OsvClient({
    baseUrl,
    http: { dispatcher: options.dispatcher, breaker },
    retry: policy,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}),
  });
  const store = options.store;

  async function recordsForDetailed(queries: readonly PackageQuery[], signal?: AbortSignal): Promise<DetailedAnswer> {
    const wanted = dedupe(queries);
    const purls = [...wanted.keys()];
    const problems: string[] = [];
    const cached = await orEmpty(store?.cachedRecordsFor(purls), new Map<string, CachedPackage>(), problems);
    const scanTime = now();
    const fresh = purls.filter((p) => {
      const entry = cached.get(p);
      return entry !== undefined && scanTime - entry.queriedAt < ttl;
    });
    const freshSet = new Set(fresh);
    const toQuery = purls.filter((p) => !freshSet.has(p));
    signal?.throwIfAborted();

    // 1. Which advisories name each package that is not fresh in the cache.
    const listed = new Map<string, VulnRef[]>();
    const queryErrors = new Map<string, NetError>();
    if (toQuery.length > 0) {
      const outcomes = await client.queryPackages(toQuery.map((p) => wanted.get(p)!.query), signal);
      outcomes.forEach((outcome, i) => (outcome.ok ? listed.set(toQuery[i]!, outcome.vulns) : queryErrors.set(toQuery[i]!, outcome.error)));
    }

    // 2. Full records we lack at the modified time the query reported.
    const listedIds = [...new Set([...listed.values()].flat().map((v) => v.id))];
    const known = await orEmpty(listedIds.length > 0 ? store?.getAdvisories(listedIds) : undefined, new Map<string, CachedAdvisory>(), problems);
    const need = new Map<string, string>();
    for (const refs of listed.values()) for (const ref of refs) if (known.get(ref.id)?.modified !== ref.modified) need.set(ref.id, ref.modified);
    for (const p of fresh) for (const ref of cached.get(p)!.missing) need.set(ref.id, ref.modified);
    const fetched = new Map<string, FetchedRecord>();
    const fetchErrors = new Map<string, NetError>();
    if (need.size > 0) {
      const results = await client.getRecords([...need.keys()], options.concurrency ?? 16, signal);
      for (const [id, result] of results) (result.ok ? fetched.set(id, result.value) : fetchErrors.set(id, result.error));
    }

    // 3. Cache what arrived whole: records first, then the package lists that point at them.
    await orEmpty(store?.putAdvisories([...fetched.values()].map((f) => ({ record: f.record, json: f.text })), scanTime), undefined, problems);
    await orEmpty(store?.putPackageQueries([...listed].map(([purl, advisories]) => ({ purl, advisories })), scanTime), undefined, problems);

    // 4. The answer, package by package.
    const records = new Map<string, OsvRecord[]>();
    const failed: PackageQuery[] = [];
    let oldest: number | undefined;
    let stale = false;
    const errors: string[] = [];
    const use = (time: number) => (oldest = oldest === undefined ? time : Math.min(oldest, time));
    for (const [purl, want] of wanted) {
      let list: OsvRecord[];
      let complete = true;
      const refs = listed.get(purl);
      if (refs) {
        list = [];
        for (const ref of refs) {
          const record = fetched.get(ref.id)?.record ?? known.get(ref.id)?.record;
          if (record) list.push(record);
          if (!fetched.has(ref.id) && known.get(ref.id)?.modified !== ref.modified) complete = false;
        }
        use(scanTime);
      } else {
        const entry = cached.get(purl);
        list = [...(entry?.records ?? [])];
        for (const ref of entry?.missing ?? []) {
          const record = fetched.get(ref.id)?.record;
          if (record) list.push(record);
          else complete = false;
        }
        if (entry) use(entry.queriedAt);
        const queryError = queryErrors.get(purl);
        if (queryError) {
          complete = false;
          if (entry) stale = true;
          errors.push(queryError.message);
        }
      }
      if (!complete) failed.push(...want.all);
      const merged = mergeRecords(list);
      for (const key of want.keys) records.set(key, merged);
    }
    for (const error of fetchErrors.values()) errors.push(error.message);
    const incomplete = failed.length > 0;
    const unreachable = [...queryErrors.values(), ...fetchErrors.values()].some((e) => e.kind === 'network' || e.kind === 'timeout');
    const summary = summarize(incomplete || stale ? errors : problems);
    const error = summary && unreachable ? `${summary}; ${options.offlineHint ?? DEFAULT_OFFLINE_HINT}` : summary;
    return {
      answer: {
        records,
        status: {
          kind: 'online',
          description: baseUrl,
          ...(oldest !== undefined ? { dataTime: oldest } : {}),
          incomplete,
          stale,
          ...(error ? { error } : {}),
        },
      },
      failed,
    };
  }

  return {
    recordsForDetailed,
    recordsFor: async (queries, signal) => (await recordsForDetailed(queries, signal)).answer,
  };
}

function dedupe(queries: readonly PackageQuery[]): Map<string, Wanted> {
  const wanted = new Map<string, Wanted>();
  for (const query of queries) {
    const purl = purlFor(query.ecosystem, query.name);
    const key = packageKey(query.ecosystem, query.name);
    const held = wanted.get(purl);
    if (!held) wanted.set(purl, { purl, query, keys: [key], all: [query] });
    else if (!held.keys.includes(key)) {
      held.keys.push(key);
      held.all.push(query);
    }
  }
  return wanted;
}

/** The store is a cache: when it fails, the scan goes on without it and the reason is kept for the status. */
async function orEmpty<T>(work: Promise<T> | undefined, fallback: T, problems: string[]): Promise<T> {
  if (!work) return fallback;
  try {
    return await work;
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    problems.push(`cache unavailable: ${(err as Error).message}`);
    return fallback;
  }
}

function summarize(errors: string[]): string | undefined {
  const unique = [...new Set(errors)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : `${unique[0]} (and ${unique.length - 1} more errors)`;
}
