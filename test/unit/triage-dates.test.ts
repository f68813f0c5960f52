import assert from 'node:assert/strict';
import { futureDate, inDays } from '../../client/src/triage-dates';

/** The date "Accept risk until…" asks for: YYYY-MM-DD, a real day, not already past. */
describe('VS Code triage prompt: the accept-risk date', () => {
  const NOW = new Date('2026-03-10T15:00:00Z');
  const ROWS: Array<[string, string | undefined]> = [
    ['2026-03-10', undefined],
    [' 2026-12-31 ', undefined],
    ['2026-03-09', 'That day has passed: choose today or a later day.'],
    ['2026-02-30', 'A date as YYYY-MM-DD, e.g. 2026-03-31.'],
    ['31/12/2026', 'A date as YYYY-MM-DD, e.g. 2026-03-31.'],
    ['', 'A date as YYYY-MM-DD, e.g. 2026-03-31.'],
  ];
  for (const [value, want] of ROWS) it(`"${value}" → ${want ?? 'accepted'}`, () => assert.equal(futureDate(value, NOW), want));
  it('proposes a day 90 days on', () => assert.equal(inDays(90, NOW), '2026-06-08'));
});
