/** Default for waiting on workbench state; long enough for a cold language server on 2 busy cores. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface UntilOptions {
  timeoutMs?: number;
  /** How often to look again; the state lives in another process (the browser, the disk), which sends no event. */
  intervalMs?: number;
}

/**
 * Calls `probe` until it returns a value other than `undefined`, and returns that value. On timeout it
 * fails with `what` and the last thing `probe` saw (`describe`), so the message says what was there instead.
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  describe?: () => Promise<string> | string,
  opts: UntilOptions = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const intervalMs = opts.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      let seen = '';
      try {
        seen = describe ? `; last seen: ${await describe()}` : '';
      } catch (e) {
        seen = `; could not describe the state: ${(e as Error).message}`;
      }
      const err = lastError instanceof Error ? `; last error: ${lastError.message.split('\n')[0]}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}${err}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
