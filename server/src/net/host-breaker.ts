import type { NetError, NetResult } from './net-error';
import { abortableSleep, backoffDelay, type RetryPolicy } from './retry';

/**
 * How a failing host is treated. Defaults: 3 failed connection attempts in a row, 0.5 s then 1 s
 * apart (`baseDelayMs` doubling up to `maxDelayMs`, with jitter, as retries do), then the host is left
 * alone for 30 s (doubling for every failed probe after that, up to 10 min). Everything that waits or
 * reads the clock is injectable so tests never wait.
 */
export interface BreakerPolicy extends Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random' | 'now' | 'sleep'> {
  /** Failed attempts in a row after which the host is given up on for `cooldownMs`. */
  maxFailures: number;
  /** How long a host that used up its attempts gets no request at all. */
  cooldownMs: number;
  maxCooldownMs: number;
}

export const DEFAULT_BREAKER_POLICY: BreakerPolicy = {
  maxFailures: 3,
  baseDelayMs: 500,
  maxDelayMs: 4_000,
  cooldownMs: 30_000,
  maxCooldownMs: 10 * 60_000,
  random: Math.random,
  now: Date.now,
  sleep: abortableSleep,
};

interface HostState {
  /** A request to this host has succeeded since the breaker was made. */
  proven: boolean;
  /** Failed attempts in a row. */
  failures: number;
  /** Back-off or cool-down end (epoch ms). */
  notBefore: number;
  /** Cool-downs in a row, for the doubling. */
  openings: number;
  /** Bumped on every attempt's outcome: a waiter that slept knows whether someone else tried meanwhile. */
  outcomes: number;
  /** The one attempt in flight while the host is unproven or failing. */
  probe?: Promise<void>;
  /** The first failure of the current streak: every later one is reported with its words. */
  first?: NetError;
}

/**
 * A per-host circuit breaker shared by every request an owner makes (the OSV client, the offline
 * download, the npm registry client, TUF): a host that fails gets a bounded number of attempts with
 * back-off across *all* requests to it, not per request, and then none until its cool-down ends.
 *
 * A host nobody has reached yet, or one that is failing, takes one request at a time (the others
 * wait for its outcome), so a dead host costs `maxFailures` connection attempts per cool-down however
 * many packages a scan asks about. Only connection-level failures count (refused, reset before an
 * answer, timeouts): an HTTP status means the host is there. Every failure of one streak carries the
 * same message, so a status or a report shows it once, not once per package.
 */
export class HostBreaker {
  private readonly hosts = new Map<string, HostState>();
  private readonly policy: BreakerPolicy;

  constructor(overrides: Partial<BreakerPolicy> = {}) {
    this.policy = { ...DEFAULT_BREAKER_POLICY, ...overrides };
  }

  /** Runs one attempt at `url` when its host allows it; answers at once, without a request, when it does not. */
  async run<T>(url: string, attempt: () => Promise<NetResult<T>>, signal?: AbortSignal): Promise<NetResult<T>> {
    const host = hostOf(url);
    const state = this.stateOf(host);
    for (;;) {
      signal?.throwIfAborted();
      const now = this.policy.now();
      if (state.failures >= this.policy.maxFailures && now < state.notBefore) return { ok: false, error: this.hostError(host, state, false) };
      if (state.proven && state.failures === 0) return this.attempt(host, state, attempt);
      if (state.probe) {
        await waitFor(state.probe, signal);
        continue;
      }
      if (state.failures > 0 && state.failures < this.policy.maxFailures && now < state.notBefore) {
        const seen = state.outcomes;
        await this.policy.sleep(state.notBefore - now, signal);
        // Someone else tried while we slept: look again. Otherwise the back-off is over (whatever a
        // test's clock says), and this request is the next attempt.
        if (state.outcomes !== seen || state.probe) continue;
      }
      let release!: () => void;
      state.probe = new Promise<void>((resolve) => (release = resolve));
      try {
        return await this.attempt(host, state, attempt);
      } finally {
        state.probe = undefined;
        release();
      }
    }
  }

  /** Hosts failing now, each with its one message (for a status line). */
  failing(): string[] {
    return [...this.hosts].filter(([, s]) => s.failures > 0).map(([host, s]) => this.hostError(host, s, false).message);
  }

  /** Whether `url`'s host has used up its attempts and is cooling down. */
  isOpen(url: string): boolean {
    const state = this.hosts.get(hostOf(url));
    return !!state && state.failures >= this.policy.maxFailures && this.policy.now() < state.notBefore;
  }

  private async attempt<T>(host: string, state: HostState, attempt: () => Promise<NetResult<T>>): Promise<NetResult<T>> {
    const result = await attempt();
    state.outcomes++;
    if (result.ok || !countsAgainstHost(result.error)) {
      state.proven = true;
      state.failures = 0;
      state.openings = 0;
      state.first = undefined;
      return result;
    }
    state.failures++;
    state.first ??= result.error;
    const now = this.policy.now();
    if (state.failures >= this.policy.maxFailures) {
      state.notBefore = now + Math.min(this.policy.maxCooldownMs, this.policy.cooldownMs * 2 ** state.openings);
      state.openings++;
    } else {
      state.notBefore = now + backoffDelay(state.failures, this.policy);
    }
    return { ok: false, error: this.hostError(host, state, result.error.retryable) };
  }

  private hostError(host: string, state: HostState, retryable: boolean): NetError {
    const first = state.first ?? { kind: 'network', message: 'failed', retryable: false };
    const detail = first.detail ?? first.message;
    const message = first.kind === 'timeout' ? `${host} did not answer in time: ${detail}` : `cannot reach ${host}: ${detail}`;
    return { kind: first.kind, message, detail, retryable: retryable && state.failures < this.policy.maxFailures, tries: state.failures };
  }

  private stateOf(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { proven: false, failures: 0, notBefore: 0, openings: 0, outcomes: 0 };
      this.hosts.set(host, state);
    }
    return state;
  }
}

/** Connection-level trouble says the host is unreachable; a broken body after an answer does not. */
function countsAgainstHost(error: NetError): boolean {
  return error.kind === 'timeout' || (error.kind === 'network' && !error.afterResponse);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function waitFor(promise: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
