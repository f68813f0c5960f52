import { rootCertificates } from 'node:tls';
import type { Dispatcher, Pool } from 'undici';
import { commonJsExports } from '../core/commonjs-module';
import { readExtraCaCerts } from './extra-ca';
import { resolveProxySettings } from './proxy-settings';

export interface DispatcherOptions {
  /** VS Code's `http.proxy`; wins over HTTPS_PROXY / HTTP_PROXY. */
  proxy?: string;
  /** Hosts that bypass the proxy; defaults to NO_PROXY / no_proxy. */
  noProxy?: string;
  /** VS Code's `http.proxyStrictSSL`; `false` accepts any certificate. Default true. */
  strictSSL?: boolean;
  /** Extra CA certificates (PEM contents) added to Node's default list, on top of NODE_EXTRA_CA_CERTS. */
  extraCaCerts?: string;
  /** Default 10 s. */
  connectTimeoutMs?: number;
  /** Longest silence while waiting for headers or between body chunks. Default 30 s. */
  bodyTimeoutMs?: number;
}

/**
 * The one keep-alive connection pool shared by the OSV client, the offline download and the registry
 * client. A plain Agent when no proxy is configured; otherwise an EnvHttpProxyAgent fed with settings we
 * resolved ourselves, so `env` (not whatever process.env holds later) decides. undici is loaded here,
 * on first use: offline work and start-up never compile it.
 */
export async function createDispatcher(options: DispatcherOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<Dispatcher> {
  const { Agent, EnvHttpProxyAgent, Pool } = commonJsExports(await import('undici'));
  const extra = readExtraCaCerts(env);
  const extraPem = [extra.pem, options.extraCaCerts].filter((pem): pem is string => !!pem && pem.trim() !== '');
  const tls = {
    ...(extraPem.length > 0 ? { ca: [...rootCertificates, ...extraPem] } : {}),
    ...(options.strictSSL === false ? { rejectUnauthorized: false } : {}),
  };
  const connectTimeout = options.connectTimeoutMs ?? 10_000;
  const bodyTimeout = options.bodyTimeoutMs ?? 30_000;
  const common = {
    connect: { ...tls, timeout: connectTimeout },
    bodyTimeout,
    headersTimeout: bodyTimeout,
    keepAliveTimeout: 10_000,
  };
  const proxy = resolveProxySettings(options, env);
  if (!proxy.httpProxy && !proxy.httpsProxy) return new Agent(common);
  return new EnvHttpProxyAgent({
    ...common,
    // '' (not undefined) tells undici "no proxy for this scheme" instead of falling back to process.env.
    httpProxy: proxy.httpProxy ?? '',
    httpsProxy: proxy.httpsProxy ?? '',
    noProxy: proxy.noProxy,
    // TLS to the target inside the CONNECT tunnel, and to an https:// proxy itself.
    requestTls: { ...tls, timeout: connectTimeout },
    proxyTls: { ...tls, timeout: connectTimeout },
    clientFactory: (origin: URL, opts: object) => new (tunnelPool(Pool))(origin, opts),
  });
}

/**
 * The connection pool to the proxy. When a proxy closes the connection instead of answering CONNECT,
 * undici reports "other side closed" (UND_ERR_SOCKET), which it treats as recoverable for a request
 * still queued: it connects again at once, for ever, and not even cancelling the request stops it —
 * tens of thousands of CONNECTs a second, for one request. Any other error fails the request, so
 * the retry policy and the per-host breaker decide whether to try again.
 */
function tunnelPool(PoolClass: typeof Pool) {
  return class TunnelPool extends PoolClass {
    override connect(options: Dispatcher.ConnectOptions): Promise<Dispatcher.ConnectData>;
    override connect(options: Dispatcher.ConnectOptions, callback: (err: Error | null, data: Dispatcher.ConnectData) => void): void;
    override connect(options: Dispatcher.ConnectOptions, callback?: (err: Error | null, data: Dispatcher.ConnectData) => void): Promise<Dispatcher.ConnectData> | void {
      const tunnel = super.connect(options).catch((err: unknown) => {
        throw (err as { code?: unknown }).code === 'UND_ERR_SOCKET' ? new ProxyClosedError(err) : err;
      });
      if (!callback) return tunnel;
      tunnel.then(
        (data) => callback(null, data),
        (err: Error) => callback(err, undefined as unknown as Dispatcher.ConnectData),
      );
    }
  };
}

class ProxyClosedError extends Error {
  readonly code = 'ECONNRESET';

  constructor(cause: unknown) {
    super(`the proxy closed the connection instead of opening a tunnel (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

/** Problems with the network settings worth telling the user once (e.g. an unreadable NODE_EXTRA_CA_CERTS). */
export function networkSettingsWarnings(env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = readExtraCaCerts(env);
  return extra.error ? [extra.error] : [];
}
