/** What the dispatcher needs to know about proxies, resolved from settings and the environment. */
export interface ProxySettings {
  /** Proxy for `http:` URLs, or undefined for none. */
  httpProxy?: string;
  /** Proxy for `https:` URLs, or undefined for none. */
  httpsProxy?: string;
  /** Comma- or space-separated hosts (with optional `:port`, leading `.` or `*.`) that bypass the proxy; `*` bypasses all. */
  noProxy: string;
}

/**
 * VS Code's `http.proxy` (passed as `proxy`) wins over the environment, as VS Code itself does; otherwise
 * the usual variables apply, lower case first like curl and undici.
 */
export function resolveProxySettings(options: { proxy?: string; noProxy?: string }, env: NodeJS.ProcessEnv): ProxySettings {
  const noProxy = options.noProxy ?? firstSet(env.no_proxy, env.NO_PROXY) ?? '';
  const explicit = options.proxy?.trim();
  if (explicit) return { httpProxy: withScheme(explicit), httpsProxy: withScheme(explicit), noProxy };
  const httpProxy = firstSet(env.http_proxy, env.HTTP_PROXY);
  const httpsProxy = firstSet(env.https_proxy, env.HTTPS_PROXY) ?? httpProxy;
  return {
    ...(httpProxy ? { httpProxy: withScheme(httpProxy) } : {}),
    ...(httpsProxy ? { httpsProxy: withScheme(httpsProxy) } : {}),
    noProxy,
  };
}

function firstSet(...values: Array<string | undefined>): string | undefined {
  for (const value of values) if (value !== undefined && value.trim() !== '') return value.trim();
  return undefined;
}

/** `proxy.corp:3128` is common in the wild; undici needs a URL. */
function withScheme(proxy: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}
