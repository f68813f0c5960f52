/**
 * What to end when the runner is interrupted or dies. Each started workbench registers itself here while
 * it runs: on SIGINT/SIGTERM the async stops run (the browser closes, the trees are killed), and on any
 * exit, even after an uncaught exception, the synchronous kills run for whatever is left.
 */
import { MARKER_KEY } from './orphans';
import { killTreeSync } from './process-tree';

export interface Stoppable {
  stop(): Promise<void>;
  killSync(): void;
}

export class ShutdownRegistry {
  private readonly live = new Set<Stoppable>();
  private stopping = false;
  private exitCode: number | undefined;

  constructor() {
    process.on('SIGINT', () => void this.onSignal('SIGINT', 130));
    process.on('SIGTERM', () => void this.onSignal('SIGTERM', 143));
    process.once('exit', () => {
      for (const s of this.live) s.killSync();
      // Whatever else this runner started and tagged (tool installs) ends with it.
      killTreeSync([], `${MARKER_KEY}=${process.pid}:`);
    });
  }

  /** Set by SIGINT/SIGTERM: the runner starts no further scenario. */
  get interrupted(): boolean {
    return this.stopping;
  }

  /** 130 after SIGINT, 143 after SIGTERM: what the runner exits with once interrupted. */
  get signalExitCode(): number | undefined {
    return this.exitCode;
  }

  add(s: Stoppable): void {
    this.live.add(s);
  }

  delete(s: Stoppable): void {
    this.live.delete(s);
  }

  private async onSignal(name: string, code: number): Promise<void> {
    // A second signal means "now": skip the graceful part; the exit handler kills what is left.
    if (this.stopping) process.exit(code);
    this.stopping = true;
    this.exitCode = code;
    process.stderr.write(`\n[e2e] ${name}: stopping ${this.live.size} workbench(es)\n`);
    await Promise.allSettled([...this.live].map((s) => s.stop()));
    process.exit(code);
  }
}
