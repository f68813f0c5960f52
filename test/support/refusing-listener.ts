import { createServer } from 'node:net';
import { type LoopbackListener, listenOnLoopback } from './loopback-listener';

export interface RefusingListener extends LoopbackListener {
  /** How many connections were attempted. */
  readonly attempts: number;
}

/**
 * A proxy address that accepts nothing: give it to a process as HTTP(S)_PROXY and every request it
 * tries to make ends at 127.0.0.1 and is counted, so a test can show that nothing went out.
 */
export async function startRefusingListener(): Promise<RefusingListener> {
  let attempts = 0;
  const server = createServer((socket) => {
    attempts++;
    socket.destroy();
  });
  const listener = await listenOnLoopback(server);
  return {
    ...listener,
    get attempts() {
      return attempts;
    },
  };
}
