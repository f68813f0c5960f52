import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { listenOnLoopback } from './loopback-listener';

export const KEV_FIXTURE = path.join(__dirname, '..', 'fixtures', 'kev', 'known_exploited_vulnerabilities.json');
export const KEV_PATH = '/sites/default/files/feeds/known_exploited_vulnerabilities.json';

/** What the next answers are: the real catalog, or a fault. */
export type KevFault = 'ok' | 'server-error' | 'malformed' | 'schema-invalid' | 'reset';

export interface KevServer {
  /** The feed's URL on this server. */
  url: string;
  /** Requests received, in order. */
  requests: number;
  /** Sets how the following requests are answered. */
  answer(fault: KevFault): void;
  close(): Promise<void>;
}

/** CISA's KEV feed, served from the real catalog fixture by a real HTTP server on 127.0.0.1. */
export async function startKevServer(): Promise<KevServer> {
  const catalog = readFileSync(KEV_FIXTURE);
  let fault: KevFault = 'ok';
  const state = { requests: 0 };
  const server = http.createServer((req, res) => {
    state.requests++;
    if (req.url !== KEV_PATH) {
      res.writeHead(404).end();
      return;
    }
    switch (fault) {
      case 'server-error':
        res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
        return;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' }).end(catalog.subarray(0, 5000));
        return;
      case 'schema-invalid':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ title: 'x', catalogVersion: '2025.08.26', dateReleased: 'yesterday', count: 0, vulnerabilities: [] }));
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'ok':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': catalog.length }).end(catalog);
    }
  });
  const listener = await listenOnLoopback(server);
  return {
    url: `${listener.url}${KEV_PATH}`,
    get requests() {
      return state.requests;
    },
    answer(next) {
      fault = next;
    },
    close: () => listener.close(),
  };
}
