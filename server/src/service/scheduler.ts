/**
 * Runs one analysis at a time: typing produces bursts of changes, so a run starts once the burst is
 * over (debounce), and a newer run cancels the one in flight. `generation` tells a caller whether its
 * run is still the latest when it finishes.
 */
export class AnalysisScheduler<T> {
  private timer: NodeJS.Timeout | undefined;
  private running: { controller: AbortController; done: Promise<void> } | undefined;
  private generation = 0;

  constructor(
    private readonly run: (signal: AbortSignal, isLatest: () => boolean) => Promise<T>,
    private readonly onError: (err: unknown) => void,
  ) {}

  schedule(delayMs = 200): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.now().catch(this.onError);
    }, delayMs);
  }

  /** Runs now, cancelling a pending or running analysis; `signal` cancels this one. */
  async now(signal?: AbortSignal): Promise<T> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // Take the slot before waiting, so a call that comes in meanwhile cancels this one, not the old.
    const previous = this.running;
    previous?.controller.abort();
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort);
    const generation = ++this.generation;
    let finish!: () => void;
    this.running = { controller, done: new Promise((r) => (finish = r)) };
    try {
      await previous?.done;
      controller.signal.throwIfAborted();
      return await this.run(controller.signal, () => generation === this.generation);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      finish();
      if (this.running?.controller === controller) this.running = undefined;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.running?.controller.abort();
  }
}
