import { request, type Dispatcher } from 'undici';
import { netErrorFrom, type NetResult } from './net-error';
import { parseRetryAfter } from './retry';

export interface JsonRequest {
  url: string;
  method?: 'GET' | 'POST';
  /** Serialised with JSON.stringify. */
  body?: unknown;
  signal?: AbortSignal;
  /** Bodies larger than this are refused rather than buffered (default 64 MiB). */
  maxBytes?: number;
  /** For HTTP-date Retry-After. */
  now?: () => number;
}

export interface JsonResponse {
  value: unknown;
  /** The body as received, so callers can store exactly what the server sent. */
  text: string;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * One JSON request, one attempt. Every way it can fail becomes a NetError value; the only thing that
 * escapes as an exception is cancellation through `signal`, which callers want to propagate.
 */
export async function requestJson(dispatcher: Dispatcher, req: JsonRequest): Promise<NetResult<JsonResponse>> {
  const method = req.method ?? (req.body === undefined ? 'GET' : 'POST');
  const what = `${method} ${req.url}`;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(req.url, {
      dispatcher,
      method,
      headers: { accept: 'application/json', ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    });
  } catch (err) {
    req.signal?.throwIfAborted();
    return { ok: false, error: netErrorFrom(err, what) };
  }
  const status = response.statusCode;
  if (status < 200 || status > 299) {
    await discard(response);
    const retryable = status === 429 || status >= 500;
    const retryAfter = header(response, 'retry-after');
    const retryAfterMs = retryable ? parseRetryAfter(retryAfter, (req.now ?? Date.now)()) : undefined;
    return { ok: false, error: { kind: 'http', status, message: `${what}: HTTP ${status}`, retryable, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) } };
  }
  const contentType = header(response, 'content-type') ?? '';
  if (!/\bjson\b/i.test(contentType)) {
    await discard(response);
    return { ok: false, error: { kind: 'malformed', message: `${what}: expected JSON, got content type "${contentType || 'none'}"`, retryable: false } };
  }
  let text: string;
  try {
    text = await readText(response, req.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (err) {
    req.signal?.throwIfAborted();
    if (err instanceof BodyTooLarge) return { ok: false, error: { kind: 'malformed', message: `${what}: ${err.message}`, retryable: false } };
    return { ok: false, error: netErrorFrom(err, what) };
  }
  try {
    return { ok: true, value: { value: JSON.parse(text) as unknown, text } };
  } catch (err) {
    return { ok: false, error: { kind: 'malformed', message: `${what}: the response is not valid JSON (${(err as Error).message})`, retryable: false } };
  }
}

class BodyTooLarge extends Error {}

async function readText(response: Dispatcher.ResponseData, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.body.destroy();
      throw new BodyTooLarge(`the response is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function discard(response: Dispatcher.ResponseData): Promise<void> {
  try {
    await response.body.dump();
  } catch {
    // The status already tells the story; a broken error body adds nothing.
  }
}

export function header(response: Dispatcher.ResponseData, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
