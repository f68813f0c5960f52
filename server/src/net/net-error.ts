/** A failed request as a value: network code never throws on what the other side sends. */
export interface NetError {
  /** `network`: connection refused/reset, DNS, TLS; `timeout`: connect/headers/body timeout; `http`: a non-2xx status; `malformed`: not the JSON we expected. */
  kind: 'network' | 'timeout' | 'http' | 'malformed';
  /** For the user: `POST https://api.osv.dev/v1/querybatch: HTTP 503 Service Unavailable`. */
  message: string;
  status?: number;
  /** Whether trying again may help: 429, 5xx, resets and timeouts. */
  retryable: boolean;
  /** The server's Retry-After, already converted to milliseconds. */
  retryAfterMs?: number;
  /** How many attempts were made before giving up (set by the retry loop). */
  tries?: number;
  /** What went wrong without the request in front (`connection refused (…)`), so one host's failures read alike. */
  detail?: string;
  /** The server had started answering: the host is reachable, only this response broke. */
  afterResponse?: boolean;
}

export type NetResult<T> = { ok: true; value: T } | { ok: false; error: NetError };

/** Codes worth another try: the connection broke, or a timeout fired. */
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Turns what undici or Node threw into a NetError. Refused connections and DNS failures are not
 * retried: on an air-gapped network they are permanent, and `auto` mode should fall back at once.
 */
export function netErrorFrom(err: unknown, what: string): NetError {
  const code = errorCode(err);
  const detail = err instanceof Error ? err.message : String(err);
  const kind = code && TIMEOUT_CODES.has(code) ? 'timeout' : 'network';
  const described = describe(code, detail);
  return {
    kind,
    message: `${what}: ${described}`,
    detail: described,
    retryable: code !== undefined && RETRYABLE_CODES.has(code),
  };
}

function errorCode(err: unknown): string | undefined {
  // undici wraps socket errors; the useful code may sit on `cause`.
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function describe(code: string | undefined, detail: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused (${detail})`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found (${detail})`;
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connect timeout';
    case 'UND_ERR_HEADERS_TIMEOUT':
      return 'no response headers before the timeout';
    case 'UND_ERR_BODY_TIMEOUT':
      return 'the response body stalled past the timeout';
    default:
      return code ? `${detail} (${code})` : detail;
  }
}
