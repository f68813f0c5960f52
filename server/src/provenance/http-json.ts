import { request, type Dispatcher } from 'undici';
import { parseJson } from './json';

/**
 * One GET that answers JSON, through the injected dispatcher (proxy settings live there), with a
 * deadline, a size cap and an outcome instead of exceptions.
 */

export interface GetJsonOptions {
  dispatcher: Dispatcher;
  accept: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Larger bodies are refused (full packuments of popular packages reach tens of MB). */
  maxBytes?: number;
}

export type JsonFetch =
  | { ok: true; status: number; json: unknown; bytes: number }
  | { ok: false; kind: 'not-found' | 'http' | 'network' | 'malformed' | 'too-large' | 'aborted'; status?: number; reason: string };

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export async function getJson(url: string, options: GetJsonOptions): Promise<JsonFetch> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      dispatcher: options.dispatcher,
      method: 'GET',
      headers: { accept: options.accept, 'user-agent': 'chainsight' },
      signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  } catch (err) {
    return failure(err, url, options, deadline);
  }
  const { statusCode, body } = response;
  try {
    if (statusCode === 404 || statusCode === 410) {
      await body.dump();
      return { ok: false, kind: 'not-found', status: statusCode, reason: `${url} answered ${statusCode}` };
    }
    if (statusCode < 200 || statusCode >= 300) {
      await body.dump();
      return { ok: false, kind: 'http', status: statusCode, reason: `${url} answered HTTP ${statusCode}` };
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await body.dump();
      return { ok: false, kind: 'too-large', status: statusCode, reason: `${url} is ${declared} bytes, over the ${maxBytes}-byte limit` };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        body.destroy();
        return { ok: false, kind: 'too-large', status: statusCode, reason: `${url} is over the ${maxBytes}-byte limit` };
      }
      chunks.push(chunk as Buffer);
    }
    const parsed = parseJson(Buffer.concat(chunks).toString('utf8'));
    if (!parsed.ok) return { ok: false, kind: 'malformed', status: statusCode, reason: `${url} did not answer JSON: ${parsed.reason}` };
    return { ok: true, status: statusCode, json: parsed.value, bytes: size };
  } catch (err) {
    body.destroy();
    return failure(err, url, options, deadline);
  }
}

function failure(err: unknown, url: string, options: GetJsonOptions, deadline: AbortSignal): JsonFetch {
  if (options.signal?.aborted) return { ok: false, kind: 'aborted', reason: `request to ${url} was cancelled` };
  if (deadline.aborted) return { ok: false, kind: 'network', reason: `${url} did not answer within ${options.timeoutMs} ms` };
  const code = (err as { code?: string }).code;
  const detail = err instanceof Error ? err.message : String(err);
  return { ok: false, kind: 'network', reason: `cannot reach ${url}: ${code ? `${code} ` : ''}${detail}` };
}
