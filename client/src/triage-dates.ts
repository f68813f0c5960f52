/** Dates the triage prompts ask for (plain functions: no `vscode`, so they are unit-tested). */

/** A `YYYY-MM-DD` date from today on: an acceptance that ended yesterday accepts nothing. */
export function futureDate(value: string, now = new Date()): string | undefined {
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) return 'A date as YYYY-MM-DD, e.g. 2026-03-31.';
  return text < now.toISOString().slice(0, 10) ? 'That day has passed: choose today or a later day.' : undefined;
}

export function inDays(days: number, now = new Date()): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
