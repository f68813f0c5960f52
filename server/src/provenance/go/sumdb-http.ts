import { formatMs, readBytes, type HttpContext } from '../../net/http-json';
import { requestUrl } from '../../net/request-url';
import { netErrorFrom, type NetResult } from '../../net/net-error';

/**
 * One GET of a checksum database path (signed notes, lookups and tiles are text or bytes, not JSON),
 * through the host's breaker, with a deadline and a size limit. Never throws except on cancellation.
 */

/** A lookup or note is a few hundred bytes, a full tile 8 KiB: anything much larger is not the database. */
const MAX_BYTES = 1024 * 1024;

export type BytesAnswer = { ok: true; body: Buffer } | { ok: false; status?: number; reason: string };

export async function getBytes(http: HttpContext, url: string, deadlineMs: number, signal?: AbortSignal): Promise<BytesAnswer> {
  const attempt = async (): Promise<NetResult<Buffer>> => {
    const deadline = AbortSignal.timeout(deadlineMs);
    const both = signal ? AbortSignal.any([signal, deadline]) : deadline;
    try {
      const response = await requestUrl(http.dispatcher, url, { method: 'GET', headers: { 'user-agent': 'chainsight' }, signal: both });
      const status = response.statusCode;
      if (status < 200 || status > 299) {
        await response.body.dump().catch(() => undefined);
        return { ok: false, error: { kind: 'http', status, message: `GET ${url}: HTTP ${status}`, retryable: status === 429 || status >= 500 } };
      }
      const body = await readBytes(response, MAX_BYTES);
      if (!body) return { ok: false, error: { kind: 'malformed', status, message: `GET ${url}: the response is larger than ${MAX_BYTES} bytes`, retryable: false } };
      return { ok: true, value: body };
    } catch (err) {
      signal?.throwIfAborted();
      if (deadline.aborted) return { ok: false, error: { kind: 'timeout', message: `GET ${url}: no complete answer within ${formatMs(deadlineMs)}`, retryable: false } };
      return { ok: false, error: netErrorFrom(err, `GET ${url}`) };
    }
  };
  try {
    const got = http.breaker ? await http.breaker.run(url, attempt, signal) : await attempt();
    return got.ok ? { ok: true, body: got.value } : { ok: false, ...(got.error.status !== undefined ? { status: got.error.status } : {}), reason: got.error.message };
  } catch {
    return { ok: false, reason: `GET ${url} was cancelled` };
  }
}
