import * as http from 'node:http';
import * as net from 'node:net';
import { listenOnLoopback } from './loopback-listener';

export interface ProxyServer {
  url: string;
  /** `host:port` of every CONNECT tunnel asked for, in order (in `drop` mode, every one refused). */
  tunnels: string[];
  /** Every TCP connection a client opened to the proxy: what "no connection at all" is measured by. */
  connections(): number;
  close(): Promise<void>;
}

export interface ProxyServerOptions {
  /** Cut every CONNECT without an answer, as a broken corporate proxy does. */
  drop?: boolean;
}

/** A real HTTP CONNECT proxy on 127.0.0.1 that counts connections and tunnels. Plain requests get 405. */
export async function startProxyServer(options: ProxyServerOptions = {}): Promise<ProxyServer> {
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = http.createServer((_req, res) => {
    res.writeHead(405);
    res.end('CONNECT only');
  });
  server.on('connection', () => connections++);
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    tunnels.push(target);
    if (options.drop) return void client.destroy();
    const [host, port] = splitHostPort(target);
    const upstream = net.connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(client);
    sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', () => {
      if (!client.destroyed) client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      end();
    });
    client.on('error', end);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
  });
  const listener = await listenOnLoopback(server, sockets);
  return { url: listener.url, tunnels, connections: () => connections, close: () => listener.close() };
}

function splitHostPort(target: string): [string, number] {
  const at = target.lastIndexOf(':');
  return [target.slice(0, at).replace(/^\[|\]$/g, ''), Number(target.slice(at + 1))];
}
