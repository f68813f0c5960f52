import assert from 'node:assert/strict';
import { createDispatcher } from '../../../server/src/net/dispatcher';
import { HostBreaker } from '../../../server/src/net/host-breaker';
import { requestJson } from '../../../server/src/net/http-json';
import type { NetError, NetResult } from '../../../server/src/net/net-error';
import { startProxyServer } from '../../support/proxy-server';
import { startRegistryServer } from '../../support/registry-server';

const REFUSED: NetError = { kind: 'network', message: 'GET https://a.example/x: connection refused (connect ECONNREFUSED)', detail: 'connection refused (connect ECONNREFUSED)', retryable: false };
const RESET: NetError = { kind: 'network', message: 'GET https://a.example/y: read ECONNRESET', detail: 'read ECONNRESET', retryable: true };

/** A breaker on a clock the test moves, whose back-off waits advance that clock instead of sleeping. */
function breakerOnClock() {
  let now = 0;
  const waits: number[] = [];
  const breaker = new HostBreaker({
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(Math.round(ms));
      now += ms;
    },
  });
  return { breaker, waits, advance: (ms: number) => (now += ms) };
}

/** An attempt that answers from a script and counts the calls (each call is one connection attempt). */
function scripted(script: Array<NetResult<string>>) {
  let calls = 0;
  const attempt = async (): Promise<NetResult<string>> => script[Math.min(calls++, script.length - 1)]!;
  return { attempt, calls: () => calls };
}

describe('net/host-breaker', () => {
  it('a dead host gets 3 attempts with back-off across all requests, then none until its cool-down ends', async () => {
    const { breaker, waits, advance } = breakerOnClock();
    const dead = scripted([{ ok: false, error: REFUSED }]);
    const results = [];
    for (let i = 0; i < 50; i++) results.push(await breaker.run(`https://a.example/package-${i}`, dead.attempt));
    assert.equal(dead.calls(), 3, '50 requests, 3 connection attempts');
    assert.deepEqual(waits, [375, 750], 'back-off between the attempts');
    assert.ok(results.every((r) => !r.ok));
    assert.deepEqual(new Set(results.map((r) => (r.ok ? '' : r.error.message))), new Set(['cannot reach a.example: connection refused (connect ECONNREFUSED)']), 'one message for the whole streak');
    assert.deepEqual(breaker.failing(), ['cannot reach a.example: connection refused (connect ECONNREFUSED)']);
    assert.equal(breaker.isOpen('https://a.example/'), true);

    advance(30_000);
    await breaker.run('https://a.example/probe', dead.attempt);
    assert.equal(dead.calls(), 4, 'one probe after the cool-down');
    advance(30_000);
    await breaker.run('https://a.example/probe', dead.attempt);
    assert.equal(dead.calls(), 4, 'a failed probe doubles the cool-down');
    advance(30_000);
    await breaker.run('https://a.example/probe', dead.attempt);
    assert.equal(dead.calls(), 5);
  });

  it('concurrent requests to an unproven host wait for one attempt instead of all connecting', async () => {
    const { breaker } = breakerOnClock();
    const dead = scripted([{ ok: false, error: REFUSED }]);
    await Promise.all(Array.from({ length: 200 }, (_, i) => breaker.run(`https://a.example/p${i}`, dead.attempt)));
    assert.equal(dead.calls(), 3);
  });

  it('hosts are independent, and a success clears a host', async () => {
    const { breaker } = breakerOnClock();
    const flaky = scripted([{ ok: false, error: RESET }, { ok: true, value: 'ok' }]);
    const healthy = scripted([{ ok: true, value: 'ok' }]);
    assert.equal((await breaker.run('https://a.example/1', flaky.attempt)).ok, false);
    assert.equal((await breaker.run('https://b.example/1', healthy.attempt)).ok, true);
    assert.equal((await breaker.run('https://a.example/2', flaky.attempt)).ok, true);
    assert.deepEqual(breaker.failing(), []);
    await Promise.all(Array.from({ length: 20 }, (_, i) => breaker.run(`https://a.example/p${i}`, flaky.attempt)));
    assert.equal(flaky.calls(), 22, 'a proven host takes requests in parallel');
  });

  const notCounted: Array<{ name: string; error: NetError }> = [
    { name: 'an HTTP status', error: { kind: 'http', status: 503, message: 'HTTP 503', retryable: true } },
    { name: 'a malformed answer', error: { kind: 'malformed', message: 'not JSON', retryable: false } },
    { name: 'a body cut after the answer started', error: { ...RESET, afterResponse: true } },
  ];
  for (const row of notCounted) {
    it(`${row.name} does not count against the host: it answered`, async () => {
      const { breaker } = breakerOnClock();
      const answering = scripted([{ ok: false, error: row.error }]);
      for (let i = 0; i < 10; i++) {
        const result = await breaker.run('https://a.example/x', answering.attempt);
        assert.equal(result.ok ? '' : result.error.message, row.error.message);
      }
      assert.equal(answering.calls(), 10);
    });
  }

  it('a retryable failure stays retryable until the host is given up on', async () => {
    const { breaker } = breakerOnClock();
    const resets = scripted([{ ok: false, error: RESET }]);
    const retryable = [];
    for (let i = 0; i < 4; i++) {
      const r = await breaker.run('https://a.example/x', resets.attempt);
      retryable.push(r.ok ? undefined : r.error.retryable);
    }
    assert.deepEqual(retryable, [true, true, false, false]);
  });

  it('cancelling a request that waits for a probe rejects with the reason and leaves the probe alone', async () => {
    const breaker = new HostBreaker();
    let release!: (r: NetResult<string>) => void;
    const probe = breaker.run('https://a.example/1', () => new Promise<NetResult<string>>((resolve) => (release = resolve)));
    const controller = new AbortController();
    const waiting = breaker.run('https://a.example/2', async () => ({ ok: true as const, value: 'never' }), controller.signal);
    controller.abort(new Error('stop'));
    await assert.rejects(waiting, /stop/);
    release({ ok: true, value: 'done' });
    assert.deepEqual(await probe, { ok: true, value: 'done' });
  });

  it('through a proxy that drops every connection, 100 requests cost 3 connections', async () => {
    const proxy = await startProxyServer({ drop: true });
    const registry = await startRegistryServer();
    const dispatcher = await createDispatcher({ proxy: proxy.url, noProxy: '' }, {});
    const breaker = new HostBreaker({ sleep: async () => undefined });
    try {
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => requestJson({ dispatcher, breaker }, { url: `${registry.url}package-${i}`, deadlineMs: 5_000 })));
      assert.ok(results.every((r) => !r.ok));
      assert.match(results[0]!.ok ? '' : results[0]!.error.message, /^cannot reach 127\.0\.0\.1:\d+: the proxy closed the connection instead of opening a tunnel/);
      assert.equal(proxy.connections(), 3);
      assert.deepEqual(registry.requests, []);
    } finally {
      await dispatcher.close();
      await registry.close();
      await proxy.close();
    }
  });
});
