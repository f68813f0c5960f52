import type { Dispatcher } from 'undici';
import { requestUrl } from './request-url';
import type { HostBreaker } from './host-breaker';
import { netErrorFrom, type NetError, type NetResult } from './net-error';
import { parseRetryAfter } from './retry';

/** How this process reaches the network: the one connection pool and the per-host breaker. */
export interface HttpContext {
  dispatcher: Dispatcher;
  /** Shared by every request of its owner; without one, requests are not gated. */
  breaker?: HostBreaker;
}

export interface JsonRequest {
  url: string;
  method?: 'GET' | 'POST';
  /** Serialised with JSON.stringify. */
  body?: unknown;
  /** Default `application/json`. */
  accept?: string;
  signal?: AbortSignal;
  /** Bodies larger than this are refused rather than buffered (default 64 MiB). */
  maxBytes?: number;
  /** The longest a request may take from start to the last body byte (default 60 s): a server dripping bytes cannot hold a scan. */
  deadlineMs?: number;
  /** For HTTP-date Retry-After. */
  now?: () => number;
}

export interface JsonResponse {
  value: unknown;
  /** The body as received, so callers can store exactly what the server sent. */
  text: string;
  status: number;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_REQUEST_DEADLINE_MS = 60_000;

/**
 * One JSON request, one attempt, through the breaker of its host. Every way it can fail becomes a
 * NetError value (`http` errors carry the status); the only exception that escapes is cancellation
 * through `signal`, which callers want to propagate.
 */
export function requestJson(http: HttpContext, req: JsonRequest): Promise<NetResult<JsonResponse>> {
  const once = () => attemptJson(http.dispatcher, req);
  return http.breaker ? http.breaker.run(req.url, once, req.signal) : once();
}

async function attemptJson(dispatcher: Dispatcher, req: JsonRequest): Promise<NetResult<JsonResponse>> {
  const method = req.method ?? (req.body === undefined ? 'GET' : 'POST');
  const what = `${method} ${req.url}`;
  const deadlineMs = req.deadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS;
  const deadline = AbortSignal.timeout(deadlineMs);
  const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
  const failed = (err: unknown, afterResponse: boolean): NetResult<JsonResponse> => {
    req.signal?.throwIfAborted();
    if (deadline.aborted) return { ok: false, error: deadlineError(what, deadlineMs) };
    return { ok: false, error: { ...netErrorFrom(err, what), ...(afterResponse ? { afterResponse } : {}) } };
  };
  let response: Dispatcher.ResponseData;
  try {
    response = await requestUrl(dispatcher, req.url, {
      method,
      headers: { accept: req.accept ?? 'application/json', 'user-agent': 'chainsight', ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      signal,
    });
  } catch (err) {
    return failed(err, false);
  }
  const status = response.statusCode;
  const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    if (status < 200 || status > 299) {
      await discard(response);
      const retryable = status === 429 || status >= 500;
      const retryAfterMs = retryable ? parseRetryAfter(header(response, 'retry-after'), (req.now ?? Date.now)()) : undefined;
      return { ok: false, error: { kind: 'http', status, message: `${what}: HTTP ${status}`, retryable, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) } };
    }
    const contentType = header(response, 'content-type') ?? '';
    if (!/\bjson\b/i.test(contentType)) {
      await discard(response);
      return malformed(`${what}: expected JSON, got content type "${contentType || 'none'}"`, status);
    }
    const declared = Number(header(response, 'content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await discard(response);
      return malformed(`${what}: the response is ${declared} bytes, over the ${maxBytes}-byte limit`, status);
    }
    const text = await readText(response, maxBytes);
    if (text === undefined) return malformed(`${what}: the response is larger than ${maxBytes} bytes`, status);
    try {
      return { ok: true, value: { value: JSON.parse(text) as unknown, text, status } };
    } catch (err) {
      return malformed(`${what}: the response is not valid JSON (${(err as Error).message})`, status);
    }
  } catch (err) {
    response.body.destroy();
    return failed(err, true);
  }
}

function deadlineError(what: string, deadlineMs: number): NetError {
  const detail = `no complete answer within ${formatMs(deadlineMs)}`;
  // Not retried: a server that takes this long would take as long again.
  return { kind: 'timeout', message: `${what}: ${detail}`, detail, retryable: false };
}

function malformed(message: string, status: number): NetResult<never> {
  return { ok: false, error: { kind: 'malformed', status, message, retryable: false } };
}

/** The body as text, or undefined when it passes `maxBytes` (the rest is not read). */
async function readText(response: Dispatcher.ResponseData, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.body.destroy();
      return undefined;
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

export function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
