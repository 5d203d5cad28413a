import { describe, expect, it } from 'vitest';
import { monthOf } from './calendar.js';

describe('the month of a timestamp', () => {
  it.each([
    ['2026-11-30T23:59:59.999Z', '2026-11'],
    ['2026-12-01T00:30:00+01:00', '2026-11'],
    ['2026-11-30T20:00:00-05:00', '2026-12'],
    ['2026-03-01T10:00:00.000Z', '2026-03'],
  ])('puts %s in %s (UTC)', (created, month) => {
    expect(monthOf(created)).toBe(month);
  });
});
