import type { VexStatement } from '../documents/types';

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An accepted risk is an `affected` statement with an expiry (docs/vex.md). A date means "through
 * the end of that day, UTC", so a risk accepted until 2025-12-31 is still accepted at 23:59 that day
 * everywhere the same. An expiry that does not parse counts as past: an acceptance nobody can read
 * must not hide a finding for ever.
 */
export function acceptanceState(statement: VexStatement, now: number): { until: string; expired: boolean } | undefined {
  if (statement.status !== 'affected' || statement.expires === undefined) return undefined;
  const end = expiryTime(statement.expires);
  return { until: statement.expires, expired: end === undefined || now >= end };
}

/** The first instant the acceptance no longer holds, or undefined when the text is not a date or time. */
export function expiryTime(expires: string): number | undefined {
  const text = expires.trim();
  if (DATE_ONLY.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== text ? undefined : start + DAY_MS;
  }
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}
