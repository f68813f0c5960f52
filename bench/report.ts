/**
 * Benchmarks print figures next to a baseline measured in the same run: these machines are noisy,
 * so ratios mean something and absolute milliseconds mostly do not.
 */
export interface BenchRow {
  group: string;
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** Target ratio (value / baseline) or absolute limit, printed for the reader, never asserted. */
  target?: string;
}

export class BenchReporter {
  readonly rows: BenchRow[] = [];

  add(row: BenchRow): void {
    this.rows.push(row);
    const ratio = row.baseline && row.baseline.value > 0 ? ` (${(row.value / row.baseline.value).toFixed(2)}× ${row.baseline.name} ${fmt(row.baseline.value)} ${row.unit})` : '';
    const target = row.target ? `  [target ${row.target}]` : '';
    process.stdout.write(`${row.group.padEnd(18)} ${row.name.padEnd(48)} ${fmt(row.value).padStart(10)} ${row.unit}${ratio}${target}\n`);
  }
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** Median wall time in ms of `fn` over `runs` runs after `warmup` runs. */
export async function timeIt(fn: () => unknown, runs = 7, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Median CPU time (user + system) in ms of `fn` over `runs` runs after `warmup`: on a shared machine,
 * CPU time is what a change adds; wall time also counts the other processes' turns.
 */
export async function cpuTimeIt(fn: () => unknown, runs = 15, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** A bench module: `bench/<area>.ts` exports `run`, and bench/run.ts calls every one. */
export type BenchModule = { run(report: BenchReporter): Promise<void> };
