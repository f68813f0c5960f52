import assert from 'node:assert/strict';
import type { NetError, NetResult } from '../../../server/src/net/net-error';
import { backoffDelay, parseRetryAfter, retryPolicy, withRetry } from '../../../server/src/net/retry';
import { recordingSleep } from '../store/temp-store';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('net/retry', () => {
  describe('parseRetryAfter', () => {
    const cases: Array<{ name: string; value: string | undefined; want: number | undefined }> = [
      { name: 'absent', value: undefined, want: undefined },
      { name: 'delta seconds', value: '3', want: 3000 },
      { name: 'zero', value: '0', want: 0 },
      { name: 'spaces around', value: ' 12 ', want: 12_000 },
      { name: 'HTTP date in the future', value: 'Thu, 01 Jan 2026 00:00:30 GMT', want: 30_000 },
      { name: 'HTTP date in the past', value: 'Wed, 31 Dec 2025 23:59:00 GMT', want: 0 },
      { name: 'negative number', value: '-5', want: undefined },
      { name: 'garbage', value: 'soon', want: undefined },
      { name: 'fraction', value: '1.5', want: undefined },
    ];
    for (const c of cases) it(c.name, () => assert.equal(parseRetryAfter(c.value, NOW), c.want));
  });

  describe('backoffDelay', () => {
    it('grows exponentially within [ceiling/2, ceiling] and stops at the maximum', () => {
      const table = [
        { retry: 1, random: 0, want: 50 },
        { retry: 1, random: 0.999999, want: 100 },
        { retry: 2, random: 0, want: 100 },
        { retry: 3, random: 0.5, want: 300 },
        { retry: 10, random: 0, want: 500 },
      ];
      for (const row of table) assert.equal(Math.round(backoffDelay(row.retry, { baseDelayMs: 100, maxDelayMs: 1000, random: () => row.random })), row.want, `retry ${row.retry}`);
    });
  });

  describe('withRetry', () => {
    const fail = (error: Partial<NetError>): NetResult<string> => ({ ok: false, error: { kind: 'http', message: 'x', retryable: true, ...error } });
    const cases: Array<{ name: string; script: Array<NetResult<string>>; want: { ok: boolean; calls: number; waits?: number[] } }> = [
      { name: 'succeeds at once', script: [{ ok: true, value: 'a' }], want: { ok: true, calls: 1, waits: [] } },
      { name: 'recovers after two failures', script: [fail({}), fail({}), { ok: true, value: 'a' }], want: { ok: true, calls: 3, waits: [1, 2] } },
      { name: 'honours Retry-After over back-off', script: [fail({ retryAfterMs: 2000 }), { ok: true, value: 'a' }], want: { ok: true, calls: 2, waits: [2000] } },
      { name: 'caps a huge Retry-After', script: [fail({ retryAfterMs: 10 ** 9 }), { ok: true, value: 'a' }], want: { ok: true, calls: 2, waits: [5000] } },
      { name: 'stops on a non-retryable error', script: [fail({ retryable: false }), { ok: true, value: 'a' }], want: { ok: false, calls: 1, waits: [] } },
      { name: 'gives up after maxTries', script: [fail({}), fail({}), fail({}), fail({}), { ok: true, value: 'a' }], want: { ok: false, calls: 3 } },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const { sleep, waits } = recordingSleep();
        let calls = 0;
        const result = await withRetry(async () => c.script[calls++]!, retryPolicy({ maxTries: 3, baseDelayMs: 1, maxRetryAfterMs: 5000, random: () => 0.999999, sleep }));
        assert.equal(result.ok, c.want.ok);
        assert.equal(calls, c.want.calls);
        if (c.want.waits) assert.deepEqual(waits.map(Math.round), c.want.waits);
        if (!result.ok) assert.equal(result.error.tries, calls);
      });
    }

    it('rejects with the abort reason when cancelled between tries', async () => {
      const controller = new AbortController();
      let calls = 0;
      const attempt = async (): Promise<NetResult<string>> => {
        calls++;
        controller.abort();
        return fail({});
      };
      await assert.rejects(withRetry(attempt, retryPolicy({ baseDelayMs: 1 }), controller.signal), { name: 'AbortError' });
      assert.equal(calls, 1);
    });
  });
});
