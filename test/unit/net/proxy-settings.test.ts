import assert from 'node:assert/strict';
import { resolveProxySettings } from '../../../server/src/net/proxy-settings';

describe('net/proxy-settings', () => {
  const cases: Array<{ name: string; options: { proxy?: string; noProxy?: string }; env: NodeJS.ProcessEnv; want: ReturnType<typeof resolveProxySettings> }> = [
    { name: 'nothing configured', options: {}, env: {}, want: { noProxy: '' } },
    { name: 'HTTPS_PROXY only', options: {}, env: { HTTPS_PROXY: 'http://p:3128' }, want: { httpsProxy: 'http://p:3128', noProxy: '' } },
    { name: 'HTTP_PROXY also serves https', options: {}, env: { HTTP_PROXY: 'http://p:3128' }, want: { httpProxy: 'http://p:3128', httpsProxy: 'http://p:3128', noProxy: '' } },
    { name: 'lower case wins', options: {}, env: { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }, want: { httpsProxy: 'http://lower:1', noProxy: '' } },
    { name: 'http.proxy wins over env', options: { proxy: 'http://vscode:8080' }, env: { HTTPS_PROXY: 'http://env:1' }, want: { httpProxy: 'http://vscode:8080', httpsProxy: 'http://vscode:8080', noProxy: '' } },
    { name: 'scheme added to a bare host:port', options: { proxy: 'corp:3128' }, env: {}, want: { httpProxy: 'http://corp:3128', httpsProxy: 'http://corp:3128', noProxy: '' } },
    { name: 'NO_PROXY from env', options: {}, env: { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'localhost,.corp' }, want: { httpsProxy: 'http://p:1', noProxy: 'localhost,.corp' } },
    { name: 'noProxy option wins over env', options: { proxy: 'http://p:1', noProxy: 'internal' }, env: { NO_PROXY: 'other' }, want: { httpProxy: 'http://p:1', httpsProxy: 'http://p:1', noProxy: 'internal' } },
    { name: 'empty values ignored', options: { proxy: '  ' }, env: { HTTPS_PROXY: '' }, want: { noProxy: '' } },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(resolveProxySettings(c.options, c.env), c.want));
});
