/** One prefix for every harness line, so its output stands out from code-server's and the tests'. */
export function log(message: string): void {
  process.stdout.write(`[e2e] ${message}\n`);
}

export function seconds(sinceMs: number): string {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)} s`;
}

/** Runs `fn`, then prints how long it took under `label`. */
export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await fn();
  } finally {
    log(`${label}: ${seconds(start)}`);
  }
}
