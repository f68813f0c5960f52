import type { Dispatcher } from 'undici';

/**
 * undici's `request(url, { dispatcher })` through the dispatcher's own method, so modules that make
 * requests need only undici's types: the library itself (a megabyte of code) loads with the first
 * connection pool, never at start-up (net/dispatcher.ts).
 */
export function requestUrl(dispatcher: Dispatcher, url: string, options: Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & { method?: Dispatcher.HttpMethod }): Promise<Dispatcher.ResponseData> {
  const target = new URL(url);
  return dispatcher.request({ ...options, method: options.method ?? 'GET', origin: target.origin, path: `${target.pathname}${target.search}` });
}
