import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { request, type Dispatcher } from 'undici';
import { createDispatcher, networkSettingsWarnings } from '../../../server/src/net/dispatcher';
import { startProxyServer, type ProxyServer } from '../../support/proxy-server';
import { tempDirs } from '../store/temp-store';

/** GET `url` through `dispatcher`: the body on success, the error code otherwise. */
async function fetchText(dispatcher: Dispatcher, url: string): Promise<string> {
  try {
    const res = await request(url, { dispatcher });
    return `${res.statusCode} ${await res.body.text()}`;
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    return `error ${e.code ?? e.cause?.code ?? (err as Error).message}`;
  }
}

describe('net/dispatcher', () => {
  const dirs = tempDirs();
  let proxy: ProxyServer;
  let plain: http.Server;
  let secure: https.Server;
  let plainUrl: string;
  let secureUrl: string;
  let certFile: string;
  let certPem: string;
  const dispatchers: Dispatcher[] = [];
  const make = async (...args: Parameters<typeof createDispatcher>) => {
    const d = await createDispatcher(...args);
    dispatchers.push(d);
    return d;
  };

  before(async function () {
    // A self-signed certificate made now, for 127.0.0.1: nothing secret is checked in.
    const dir = dirs.make();
    certFile = path.join(dir, 'cert.pem');
    const keyFile = path.join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    certPem = readFileSync(certFile, 'utf8');
    proxy = await startProxyServer();
    plain = http.createServer((_req, res) => res.end('plain ok')).listen(0, '127.0.0.1');
    secure = https.createServer({ key: readFileSync(keyFile), cert: certPem }, (_req, res) => res.end('secure ok')).listen(0, '127.0.0.1');
    await Promise.all([once(plain, 'listening'), once(secure, 'listening')]);
    plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
    secureUrl = `https://127.0.0.1:${(secure.address() as AddressInfo).port}/`;
  });

  beforeEach(() => proxy.tunnels.splice(0));

  after(async () => {
    await Promise.all(dispatchers.map((d) => d.close()));
    await proxy.close();
    plain.closeAllConnections();
    secure.closeAllConnections();
    plain.close();
    secure.close();
    dirs.cleanup();
  });

  const cases: Array<{ name: string; options: () => Parameters<typeof createDispatcher>[0]; env: () => NodeJS.ProcessEnv; url: () => string; want: string; tunnels: number }> = [
    { name: 'direct, no proxy configured', options: () => ({}), env: () => ({}), url: () => plainUrl, want: '200 plain ok', tunnels: 0 },
    { name: 'http.proxy tunnels through CONNECT', options: () => ({ proxy: proxy.url }), env: () => ({}), url: () => plainUrl, want: '200 plain ok', tunnels: 1 },
    { name: 'HTTP_PROXY from the environment', options: () => ({}), env: () => ({ HTTP_PROXY: proxy.url }), url: () => plainUrl, want: '200 plain ok', tunnels: 1 },
    { name: 'NO_PROXY bypasses the proxy', options: () => ({}), env: () => ({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }), url: () => plainUrl, want: '200 plain ok', tunnels: 0 },
    { name: 'self-signed certificate refused by default', options: () => ({}), env: () => ({}), url: () => secureUrl, want: 'error DEPTH_ZERO_SELF_SIGNED_CERT', tunnels: 0 },
    { name: 'extraCaCerts trusts it', options: () => ({ extraCaCerts: certPem }), env: () => ({}), url: () => secureUrl, want: '200 secure ok', tunnels: 0 },
    { name: 'NODE_EXTRA_CA_CERTS read at dispatcher creation', options: () => ({}), env: () => ({ NODE_EXTRA_CA_CERTS: certFile }), url: () => secureUrl, want: '200 secure ok', tunnels: 0 },
    { name: 'strictSSL false accepts it', options: () => ({ strictSSL: false }), env: () => ({}), url: () => secureUrl, want: '200 secure ok', tunnels: 0 },
    { name: 'HTTPS through the proxy with the extra CA', options: () => ({ proxy: proxy.url, extraCaCerts: certPem }), env: () => ({}), url: () => secureUrl, want: '200 secure ok', tunnels: 1 },
    { name: 'HTTPS through the proxy still checks certificates', options: () => ({ proxy: proxy.url }), env: () => ({}), url: () => secureUrl, want: 'error DEPTH_ZERO_SELF_SIGNED_CERT', tunnels: 1 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const got = await fetchText(await make(c.options(), c.env()), c.url());
      assert.equal(got, c.want);
      assert.equal(proxy.tunnels.length, c.tunnels);
    });
  }

  it('reports an unreadable NODE_EXTRA_CA_CERTS instead of failing', async () => {
    const missing = path.join(dirs.make(), 'missing.pem');
    assert.match(networkSettingsWarnings({ NODE_EXTRA_CA_CERTS: missing })[0] ?? '', /cannot read NODE_EXTRA_CA_CERTS/);
    const notPem = path.join(dirs.make(), 'not.pem');
    writeFileSync(notPem, 'hello');
    assert.match(networkSettingsWarnings({ NODE_EXTRA_CA_CERTS: notPem })[0] ?? '', /no PEM certificate/);
    assert.equal(await fetchText(await make({}, { NODE_EXTRA_CA_CERTS: missing }), plainUrl), '200 plain ok');
  });

  it('reuses kept-alive connections instead of one per request', async () => {
    const sockets = new Set<unknown>();
    plain.on('connection', (s) => sockets.add(s));
    const d = await make({}, {});
    for (let i = 0; i < 8; i++) assert.equal(await fetchText(d, plainUrl), '200 plain ok');
    assert.ok(sockets.size <= 2, `${sockets.size} connections for 8 requests`);
  });

  it('a proxy that drops the CONNECT fails the request after one connection, instead of reconnecting for ever', async () => {
    const dropping = await startProxyServer({ drop: true });
    try {
      const got = await fetchText(await make({ proxy: dropping.url }, {}), plainUrl);
      assert.equal(got, 'error ECONNRESET');
      assert.equal(dropping.connections(), 1);
    } finally {
      await dropping.close();
    }
  });
});
