import type { NetError, NetResult } from './net-error';

/** How to retry. Every source of time and chance is injectable so tests never wait. */
export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxTries: number;
  /** First back-off; doubles each retry. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is cut to it, so a hostile header cannot park a scan for hours. */
  maxRetryAfterMs: number;
  /** In [0, 1). */
  random: () => number;
  /** Epoch ms, for HTTP-date Retry-After values. */
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxTries: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
  now: Date.now,
  sleep: abortableSleep,
};

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...overrides };
}

/**
 * Delay before retry number `retry` (1 for the first retry): exponential with "equal jitter", so
 * the delay grows every time yet clients that failed together do not come back together.
 */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return ceiling / 2 + policy.random() * (ceiling / 2);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Runs `attempt` until it succeeds, fails for good, or runs out of tries. Waits honour Retry-After
 * (capped) when the server sent one, else back off. Cancellation rejects with the signal's reason.
 */
export async function withRetry<T>(attempt: (tryNumber: number) => Promise<NetResult<T>>, policy: RetryPolicy, signal?: AbortSignal): Promise<NetResult<T>> {
  let last: NetError | undefined;
  for (let tryNumber = 1; tryNumber <= policy.maxTries; tryNumber++) {
    signal?.throwIfAborted();
    const result = await attempt(tryNumber);
    if (result.ok) return result;
    last = result.error;
    if (!last.retryable || tryNumber === policy.maxTries) return { ok: false, error: { ...last, tries: tryNumber } };
    const wait = last.retryAfterMs !== undefined ? Math.min(last.retryAfterMs, policy.maxRetryAfterMs) : backoffDelay(tryNumber, policy);
    await policy.sleep(wait, signal);
  }
  // Only reached when maxTries < 1: report it rather than pretend success.
  return { ok: false, error: last ?? { kind: 'network', message: 'no attempt made (maxTries < 1)', retryable: false, tries: 0 } };
}

/** setTimeout that ends early, rejecting, when the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
