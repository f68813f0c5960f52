/** Allowed values of each metric a vector may carry, and the metrics every vector must carry. */
export interface MetricTable {
  readonly values: Readonly<Record<string, readonly string[]>>;
  readonly required: readonly string[];
}

/** Metric name → value, after validation: every key is known, every value allowed, no duplicates. */
export type Metrics = ReadonlyMap<string, string>;

/**
 * Splits `AV:N/AC:L/...` into metrics and checks them against `table`. Any order is accepted (v3.x
 * vectors in the wild put `S:` first; order never changes meaning), but an unknown metric, a value
 * outside the table, a repeated metric or a missing required one makes the whole vector invalid:
 * guessing at a half-understood vector would print a score nobody published.
 */
export function parseMetrics(body: string, table: MetricTable): Metrics | undefined {
  const metrics = new Map<string, string>();
  for (const part of body.split('/')) {
    const colon = part.indexOf(':');
    if (colon <= 0) return undefined;
    const name = part.slice(0, colon);
    const value = part.slice(colon + 1);
    if (!Object.hasOwn(table.values, name)) return undefined;
    if (!table.values[name]!.includes(value)) return undefined;
    if (metrics.has(name)) return undefined;
    metrics.set(name, value);
  }
  for (const name of table.required) if (!metrics.has(name)) return undefined;
  return metrics;
}

/** True when the vector sets any of `names` to something other than "not defined". */
export function definesAny(metrics: Metrics, names: readonly string[], notDefined: string): boolean {
  return names.some((name) => {
    const value = metrics.get(name);
    return value !== undefined && value !== notDefined;
  });
}
