import assert from 'node:assert/strict';
import { Agent } from 'undici';
import { requestJson } from '../../../server/src/net/http-json';
import { createLimiter } from '../../../server/src/provenance/limit';
import { attestationsUrl, escapedName, resolveUrl } from '../../../server/src/provenance/npm/registry-client';
import { startRegistryServer } from '../../support/registry-server';

describe('provenance/npm registry URLs', () => {
  const names: Array<[string, string]> = [
    ['lodash', 'lodash'],
    ['@sigstore/cli', '@sigstore%2fcli'],
    ['@a b/c?d', '@a%20b%2fc%3Fd'],
  ];
  for (const [name, want] of names) it(`escapes ${name}`, () => assert.equal(escapedName(name), want));

  it('keeps a registry path prefix', () => {
    assert.equal(resolveUrl('https://host.example/npm/', '-/npm/v1/keys'), 'https://host.example/npm/-/npm/v1/keys');
    assert.equal(resolveUrl('https://host.example/npm', '@a%2fb'), 'https://host.example/npm/@a%2fb');
  });

  const attestation: Array<{ name: string; advertised: string | undefined; want: string }> = [
    { name: 'same origin: the advertised URL', advertised: 'https://host.example/npm/-/npm/v1/attestations/a@1.0.0', want: 'https://host.example/npm/-/npm/v1/attestations/a@1.0.0' },
    { name: 'another host: the standard path on our registry', advertised: 'https://evil.example/-/npm/v1/attestations/a@1.0.0', want: 'https://host.example/npm/-/npm/v1/attestations/a@1.0.0' },
    { name: 'same origin but not an attestations path', advertised: 'https://host.example/admin', want: 'https://host.example/npm/-/npm/v1/attestations/a@1.0.0' },
    { name: 'not a URL', advertised: 'javascript:alert(1)', want: 'https://host.example/npm/-/npm/v1/attestations/a@1.0.0' },
    { name: 'none advertised', advertised: undefined, want: 'https://host.example/npm/-/npm/v1/attestations/a@1.0.0' },
  ];
  for (const row of attestation) {
    it(`attestations URL, ${row.name}`, () => assert.equal(attestationsUrl('https://host.example/npm/', 'a', '1.0.0', row.advertised), row.want));
  }
});

describe('net/http-json against a registry', () => {
  it('refuses bodies over the size cap', async () => {
    const server = await startRegistryServer();
    const agent = new Agent();
    try {
      const answer = await requestJson({ dispatcher: agent }, { url: `${server.url}has-package-exports`, deadlineMs: 5_000, maxBytes: 1_000 });
      assert.equal(answer.ok, false);
      assert.match(answer.ok ? '' : answer.error.message, /over the 1000-byte limit/);
    } finally {
      await agent.close();
      await server.close();
    }
  });

  it('reports a refused connection as a network failure', async () => {
    const server = await startRegistryServer();
    const url = server.url;
    await server.close();
    const agent = new Agent();
    try {
      const answer = await requestJson({ dispatcher: agent }, { url: `${url}x`, deadlineMs: 5_000 });
      assert.equal(answer.ok ? '' : answer.error.kind, 'network');
      assert.match(answer.ok ? '' : answer.error.message, /connection refused/);
    } finally {
      await agent.close();
    }
  });
});

describe('provenance/limit', () => {
  it('runs at most N tasks at a time and all of them eventually', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let peak = 0;
    const gates: Array<() => void> = [];
    const tasks = Array.from({ length: 5 }, (_, i) =>
      limit(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
        return i;
      }),
    );
    // Release tasks one by one as they start: each release lets the next one in.
    while (gates.length > 0 || running > 0) {
      await Promise.resolve();
      gates.shift()?.();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(await Promise.all(tasks), [0, 1, 2, 3, 4]);
    assert.equal(peak, 2);
  });

  it('a failing task does not block the queue', async () => {
    const limit = createLimiter(1);
    const failed = limit(async () => {
      throw new Error('boom');
    });
    const next = limit(async () => 'ok');
    await assert.rejects(failed, /boom/);
    assert.equal(await next, 'ok');
  });
});
