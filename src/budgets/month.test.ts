import { describe, expect, it } from 'vitest';
import { currentMonth, formatDay, formatDollars, formatMonth, nextMonthStart, parseMonth } from './month.js';

describe('budget months (UTC)', () => {
  it.each([
    ['2026-11', '2026-12-01T00:00:00.000Z'],
    ['2026-12', '2027-01-01T00:00:00.000Z'],
    ['2028-02', '2028-03-01T00:00:00.000Z'],
  ])('resets %s at %s', (month, reset) => {
    expect(nextMonthStart(month).toISOString()).toBe(reset);
  });

  it('takes the month of a moment in UTC, not local time', () => {
    expect(currentMonth(new Date('2026-11-30T23:59:59.999Z'))).toBe('2026-11');
    expect(currentMonth(new Date('2026-12-01T00:30:00+01:00'))).toBe('2026-11');
  });

  it.each(['2026-13', '2026-1', 'November', '26-11', ''])(
    'refuses the month %j, saying the form',
    (input) => {
      expect(() => parseMonth(input)).toThrow(/Give it as YYYY-MM/);
    },
  );

  it('reads months, days and amounts the way messages show them', () => {
    expect(formatMonth('2026-12')).toBe('December 2026');
    expect(formatDay(nextMonthStart('2026-12'))).toBe('1 January 2027');
    // Every month, and a moment late on the last day of a month is still that day in UTC.
    for (let month = 1; month <= 12; month += 1) {
      const key = `2026-${String(month).padStart(2, '0')}`;
      const expected = new Date(Date.UTC(2026, month - 1, 15)).toLocaleString('en-GB', {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
      expect(formatMonth(key)).toBe(expected);
    }
    expect(formatDay(new Date('2026-03-31T23:59:59Z'))).toBe('31 March 2026');
    expect([formatDollars(5), formatDollars(0.2), formatDollars(0.067), formatDollars(0.134)]).toEqual([
      '$5.00',
      '$0.20',
      '$0.067',
      '$0.134',
    ]);
  });
});
