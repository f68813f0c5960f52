import { closeSync, openSync, promises as fs, writeSync } from 'node:fs';
import * as path from 'node:path';
import type { Dispatcher } from 'undici';
import { requestUrl } from '../net/request-url';
import { HostBreaker } from '../net/host-breaker';
import { formatMs, header } from '../net/http-json';
import { netErrorFrom, type NetError, type NetResult } from '../net/net-error';
import { parseRetryAfter, retryPolicy, withRetry, type RetryPolicy } from '../net/retry';
import type { ImportProgress, ImportResult } from './offline-import';
import type { ArchiveLimits } from './record-files';
import type { OsvRecordStore } from './record-store';

export const DEFAULT_OSV_BUCKET = 'https://osv-vulnerabilities.storage.googleapis.com';
/** The longest one download attempt may take, first byte to last; a resumed attempt starts a new one. */
export const DEFAULT_DOWNLOAD_DEADLINE_MS = 30 * 60_000;

export type OfflineProgress = { phase: 'download'; ecosystem: string; bytes: number; totalBytes?: number } | ImportProgress;

export interface DownloadOptions {
  /** Where `{ecosystem}/all.zip` lives; default osv.dev's public bucket; an internal mirror works the same. */
  bucket?: string;
  ecosystems: readonly string[];
  store: OsvRecordStore;
  dispatcher: Dispatcher;
  /** Shared with every other network client (default: one for this download). */
  breaker?: HostBreaker;
  /** Longest time one download attempt may take (default 30 min). */
  deadlineMs?: number;
  /** Caps on what each zip may expand to (record-files.ts). */
  limits?: Partial<ArchiveLimits>;
  /** Where zips are downloaded (as `<eco>-all.zip.part` until complete). */
  cacheDir: string;
  onProgress?: (progress: OfflineProgress) => void | Promise<void>;
  signal?: AbortSignal;
  retry?: Partial<RetryPolicy>;
  /** Keep the zip after a successful import (default: delete it). */
  keepZip?: boolean;
}

export interface DownloadResult {
  ecosystem: string;
  url: string;
  /** Set when the download or the import failed; the previous data for this ecosystem is untouched. */
  error?: string;
  bytes?: number;
  import?: ImportResult;
}

/**
 * `chainsight db update`: downloads each ecosystem's `all.zip`, resuming a partial download with an
 * HTTP Range request, then imports it by streaming and swaps it in atomically. One ecosystem failing
 * does not stop the others. Rejects only when cancelled.
 */
export async function downloadOfflineDatabase(options: DownloadOptions): Promise<DownloadResult[]> {
  const bucket = (options.bucket ?? DEFAULT_OSV_BUCKET).replace(/\/+$/, '');
  const policy = retryPolicy({ maxTries: 5, ...options.retry });
  const breaker = options.breaker ?? new HostBreaker({ now: policy.now, sleep: policy.sleep, random: policy.random });
  const deadlineMs = options.deadlineMs ?? DEFAULT_DOWNLOAD_DEADLINE_MS;
  await fs.mkdir(options.cacheDir, { recursive: true });
  // Loaded here: the importer (and its zip reader) is not needed until a download has arrived.
  const { importOfflineDatabase } = await import('./offline-import.js');
  const results: DownloadResult[] = [];
  for (const ecosystem of options.ecosystems) {
    const url = `${bucket}/${encodeURIComponent(ecosystem)}/all.zip`;
    const zip = path.join(options.cacheDir, `${ecosystem}-all.zip`);
    const report = (bytes: number, totalBytes?: number) => options.onProgress?.({ phase: 'download', ecosystem, bytes, ...(totalBytes !== undefined ? { totalBytes } : {}) });
    const attempt = () => breaker.run(url, () => fetchToFile(options.dispatcher, url, zip, report, { now: policy.now, deadlineMs, ...(options.signal ? { signal: options.signal } : {}) }), options.signal);
    const got = await withRetry(attempt, policy, options.signal);
    if (!got.ok) {
      results.push({ ecosystem, url, error: got.error.message });
      continue;
    }
    const [imported] = await importOfflineDatabase(options.store, zip, {
      ecosystem,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    if (!options.keepZip) await fs.rm(zip, { force: true });
    results.push({ ecosystem, url, bytes: got.value, ...(imported ? { import: imported } : {}), ...(imported?.error ? { error: imported.error } : {}) });
  }
  return results;
}

interface PartMeta {
  url: string;
  validator?: string;
  total?: number;
}

/**
 * One attempt at getting `url` into `dest`. Bytes land in `dest.part` as they arrive, so the next
 * attempt (or the next `db update`) asks only for the rest, with If-Range so a changed file restarts.
 */
async function fetchToFile(
  dispatcher: Dispatcher,
  url: string,
  dest: string,
  report: (bytes: number, total?: number) => unknown,
  timing: { now: () => number; deadlineMs: number; signal?: AbortSignal },
): Promise<NetResult<number>> {
  const { now, signal: caller } = timing;
  const deadline = AbortSignal.timeout(timing.deadlineMs);
  const signal = caller ? AbortSignal.any([caller, deadline]) : deadline;
  const failure = (err: unknown, afterResponse: boolean): NetResult<number> => {
    caller?.throwIfAborted();
    if (deadline.aborted) return { ok: false, error: downloadDeadline(url, timing.deadlineMs) };
    // What arrived stays in the .part file; the retry resumes after it.
    return { ok: false, error: { ...netErrorFrom(err, `GET ${url}`), ...(afterResponse ? { retryable: true, afterResponse } : {}) } };
  };
  const part = `${dest}.part`;
  const metaFile = `${dest}.part.json`;
  const meta = await readMeta(metaFile);
  let have = meta?.url === url && meta.validator ? await fs.stat(part).then((s) => s.size, () => 0) : 0;
  const headers: Record<string, string> = {};
  if (have > 0 && meta?.validator) {
    headers.range = `bytes=${have}-`;
    headers['if-range'] = meta.validator;
  }
  let response: Dispatcher.ResponseData;
  try {
    response = await requestUrl(dispatcher, url, { headers, signal });
  } catch (err) {
    return failure(err, false);
  }
  const status = response.statusCode;
  if (status === 416 && meta?.total !== undefined && have === meta.total) {
    await response.body.dump().catch(() => undefined);
    return finish(part, dest, metaFile, have);
  }
  if (status !== 200 && status !== 206) {
    await response.body.dump().catch(() => undefined);
    if (status === 416) await fs.rm(part, { force: true });
    const retryable = status === 416 || status === 429 || status >= 500;
    const retryAfterMs = parseRetryAfter(header(response, 'retry-after'), now());
    return { ok: false, error: { kind: 'http', status, message: `GET ${url}: HTTP ${status}`, retryable, ...(retryAfterMs !== undefined && retryable ? { retryAfterMs } : {}) } };
  }
  let total: number | undefined;
  let validator: string | undefined;
  if (status === 206) {
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header(response, 'content-range') ?? '');
    if (!range || Number(range[1]) !== have) {
      await response.body.dump().catch(() => undefined);
      await fs.rm(part, { force: true });
      return { ok: false, error: { kind: 'malformed', message: `GET ${url}: the server resumed at the wrong place`, retryable: true } };
    }
    total = range[3] === '*' ? meta?.total : Number(range[3]);
  } else {
    have = 0;
    const length = Number(header(response, 'content-length'));
    total = Number.isFinite(length) && length > 0 ? length : undefined;
    validator = header(response, 'etag') ?? header(response, 'last-modified');
  }
  // Read from the first moment, with no await before the listener: when the connection breaks, undici
  // discards body bytes nobody has read yet, and those are exactly the ones a resume needs on disk.
  let bytes = have;
  const fd = openSync(part, status === 206 ? 'a' : 'w');
  const received = new Promise<void>((resolve, reject) => {
    response.body.on('data', (chunk: Buffer) => {
      writeSync(fd, chunk);
      bytes += chunk.length;
      void report(bytes, total);
    });
    response.body.on('end', resolve);
    response.body.on('error', reject);
  });
  // The body may fail while the metadata is still being written; it is awaited (and handled) below.
  received.catch(() => undefined);
  try {
    if (status === 200) await fs.writeFile(metaFile, JSON.stringify({ url, ...(validator ? { validator } : {}), ...(total !== undefined ? { total } : {}) } satisfies PartMeta));
    await received;
  } catch (err) {
    return failure(err, true);
  } finally {
    closeSync(fd);
  }
  if (total !== undefined && bytes !== total) {
    return { ok: false, error: { kind: 'network', message: `GET ${url}: got ${bytes} of ${total} bytes`, retryable: true } };
  }
  return finish(part, dest, metaFile, bytes);
}

function downloadDeadline(url: string, deadlineMs: number): NetError {
  const detail = `the download did not finish within ${formatMs(deadlineMs)}`;
  return { kind: 'timeout', message: `GET ${url}: ${detail}`, detail, retryable: false, afterResponse: true };
}

async function finish(part: string, dest: string, metaFile: string, bytes: number): Promise<NetResult<number>> {
  await fs.rename(part, dest);
  await fs.rm(metaFile, { force: true });
  return { ok: true, value: bytes };
}

async function readMeta(file: string): Promise<PartMeta | undefined> {
  try {
    const value = JSON.parse(await fs.readFile(file, 'utf8')) as PartMeta;
    return typeof value.url === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
