import type { BrowserContext } from 'playwright-core';

/**
 * Aborts every request that leaves 127.0.0.1 and remembers it: a correct setup makes none, so any entry
 * fails the scenario. Routed on the context, so webview frames and workers are covered as well as the page.
 */
export class LoopbackGuard {
  readonly attempts: string[] = [];

  async install(context: BrowserContext): Promise<void> {
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLoopback(url)) return route.continue();
      this.attempts.push(`${route.request().method()} ${url}`);
      return route.abort('blockedbyclient');
    });
    context.on('page', (page) => this.watchWebSockets(page));
    for (const page of context.pages()) this.watchWebSockets(page);
  }

  /** Returns the attempts so far and forgets them: for the harness's own check that the guard works. */
  take(): string[] {
    return this.attempts.splice(0);
  }

  /** Routing does not see WebSockets; record any that would leave loopback. */
  private watchWebSockets(page: import('playwright-core').Page): void {
    page.on('websocket', (ws) => {
      if (!isLoopback(ws.url())) this.attempts.push(`WEBSOCKET ${ws.url()}`);
    });
  }
}

function isLoopback(url: string): boolean {
  try {
    const u = new URL(url);
    // data:, blob: and the like never reach the network.
    if (!/^(https?|wss?):$/.test(u.protocol)) return true;
    return u.hostname === '127.0.0.1';
  } catch {
    return false;
  }
}
