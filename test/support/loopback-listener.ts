import { once } from 'node:events';
import type { AddressInfo, Server, Socket } from 'node:net';

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Ends every open connection, then the server: keep-alive sockets and tunnels would hold `close` open. */
  close(): Promise<void>;
}

/**
 * Starts a test server on an ephemeral port of 127.0.0.1 (tests never reach past the machine) and
 * keeps its connections in `sockets`, where a server can add more (a proxy's upstream sockets).
 */
export async function listenOnLoopback(server: Server, sockets = new Set<Socket>()): Promise<LoopbackListener> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
